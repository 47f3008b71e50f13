// Thread demand per service by Little's law (L = lambda x W): for each dependency it calls, the calls/s
// reaching one replica times the time a thread is held at p99, and under the dependency's timeout
// as the worst case (a slow dependency). Compared with the service's pools and total threads.
// Flows with different rates and hold times add up as L = sum(lambda_i x W_i).
import type { Model } from '../spec/model.js';
import type { OriginLatency, PoolCall, PoolMetrics, ServicePools } from './metrics.js';
import { originShares } from './route.js';
import { dict } from '../spec/dict.js';

const RUNS_CODE = new Set(['service', 'gateway', 'worker']);

interface CallAcc {
  rate: number;
  /** Sum of rate x p99 hold time over the flows: thread-milliseconds per second. */
  heldMs: number;
  /** The longest p99 hold time of any flow. */
  maxMs: number;
}

function accumulate(acc: CallAcc, rate: number, ms: number): void {
  acc.rate += rate;
  acc.heldMs += rate * ms;
  acc.maxMs = Math.max(acc.maxMs, ms);
}

/** The rate-weighted p99 hold time, so that rate x it = sum(rate_i x p99_i). */
const meanHeldMs = (acc: CallAcc): number => (acc.rate > 0 ? acc.heldMs / acc.rate : acc.maxMs);

export function poolDemand(model: Model, latencies: Record<string, Record<string, OriginLatency>>): Record<string, ServicePools> {
  // service -> region -> dependency -> accumulated calls/s and thread time
  const calls: Record<string, Record<string, Record<string, CallAcc>>> = dict();
  const own: Record<string, Record<string, CallAcc>> = dict();
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    const shares = originShares(model, flow);
    for (const origin of flow.origins) {
      const lat = latencies[name]?.[origin];
      if (!lat) continue;
      const rate = flow.rate * (shares[origin] ?? 0);
      // The caller of a hop is the last code-running hop before it: in [api, payments, orders-db] the api
      // makes both calls (a store or an external API calls nothing). A call to another service holds the
      // caller's thread until that service's own calls return: the rest of the path.
      let caller: { id: string; region: string } | undefined;
      lat.hops.forEach((hop, i) => {
        const c = model.components[hop.component]!;
        const reached = rate * hop.reach;
        if (caller) {
          const held = RUNS_CODE.has(c.kind) ? lat.hops.slice(i).reduce((a, h) => a + h.total.p99, 0) : hop.total.p99;
          accumulate((((calls[caller.id] ??= dict())[caller.region] ??= dict())[hop.component] ??= { rate: 0, heldMs: 0, maxMs: 0 }), reached, held);
        }
        if (RUNS_CODE.has(c.kind) && hop.region !== undefined) {
          accumulate(((own[c.id] ??= dict())[hop.region] ??= { rate: 0, heldMs: 0, maxMs: 0 }), reached, hop.processing.p99);
          caller = { id: c.id, region: hop.region };
        }
      });
    }
  }

  const out: Record<string, ServicePools> = dict();
  for (const id of model.componentOrder) {
    const s = model.components[id]!;
    if (!RUNS_CODE.has(s.kind)) continue;
    const replicas = Math.max(1, s.replicas);
    const poolByDep = new Map(s.pools.filter((p) => p.dependency).map((p) => [p.dependency!, p]));
    // Busiest region per dependency.
    const depCalls = new Map<string, PoolCall>();
    for (const [region, deps] of Object.entries(calls[id] ?? {})) {
      for (const [dep, acc] of Object.entries(deps)) {
        const d = model.components[dep]!;
        const pool = poolByDep.get(dep);
        const timeoutMs = pool?.timeoutMs ?? d.timeoutMs;
        const ratePerReplica = acc.rate / replicas;
        const p99 = meanHeldMs(acc);
        const call: PoolCall = {
          dependency: dep, region, ratePerReplica: round(ratePerReplica), p99Ms: round(p99),
          demand: round((ratePerReplica * p99) / 1000),
          worstDemand: timeoutMs !== undefined ? round((ratePerReplica * Math.max(timeoutMs, acc.maxMs)) / 1000) : Number.POSITIVE_INFINITY,
          external: d.kind === 'external',
        };
        if (timeoutMs !== undefined) call.timeoutMs = timeoutMs;
        if (pool) call.pool = pool.name;
        const prev = depCalls.get(dep);
        if (!prev || call.demand > prev.demand) depCalls.set(dep, call);
      }
    }
    const ownBusiest = Object.values(own[id] ?? {}).reduce<CallAcc>((a, b) => (b.rate > a.rate ? b : a), { rate: 0, heldMs: 0, maxMs: 0 });
    const ownRate = ownBusiest.rate / replicas;
    const ownDemand = (ownRate * meanHeldMs(ownBusiest)) / 1000;
    const callList = [...depCalls.values()];
    const unpooled = callList.filter((c) => !c.pool);
    const sharedDemand = ownDemand + unpooled.reduce((a, c) => a + c.demand, 0);
    const sharedWorst = ownDemand + unpooled.reduce((a, c) => a + c.worstDemand, 0);
    const pools: PoolMetrics[] = s.pools.map((p) => {
      const call = p.dependency ? depCalls.get(p.dependency) : undefined;
      const named = s.pools.filter((q) => !q.dependency).length || 1;
      const m: PoolMetrics = p.dependency
        ? { name: p.name, dependency: p.dependency, size: p.size, demand: call?.demand ?? 0, worstDemand: call?.worstDemand ?? 0 }
        : { name: p.name, size: p.size, demand: round(sharedDemand / named), worstDemand: round(sharedWorst / named) };
      const timeout = p.timeoutMs ?? (p.dependency ? model.components[p.dependency]?.timeoutMs : undefined);
      if (timeout !== undefined) m.timeoutMs = timeout;
      return m;
    });
    out[id] = {
      service: id,
      threads: s.threads ?? 0,
      pooledThreads: s.pools.reduce((a, p) => a + p.size, 0),
      pools,
      calls: callList,
      ratePerReplica: round(ownRate),
      demand: round(ownDemand + callList.reduce((a, c) => a + c.demand, 0)),
    };
  }
  return out;
}

function round(n: number, digits = 2): number {
  if (!Number.isFinite(n)) return n;
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
