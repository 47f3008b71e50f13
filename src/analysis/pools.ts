// Thread demand per service by Little's law (L = lambda x W): for each dependency it calls, the calls/s
// reaching one replica times the time a thread is held at p99, and under the dependency's timeout
// as the worst case (a slow dependency). Compared with the service's pools and total threads.
import type { Model } from '../spec/model.js';
import type { OriginLatency, PoolCall, PoolMetrics, ServicePools } from './metrics.js';
import { originShares } from './route.js';

const RUNS_CODE = new Set(['service', 'gateway', 'worker']);

interface CallAcc {
  rate: number;
  p99: number;
}

export function poolDemand(model: Model, latencies: Record<string, Record<string, OriginLatency>>): Record<string, ServicePools> {
  // service -> region -> dependency -> accumulated calls/s and the slowest p99 seen
  const calls: Record<string, Record<string, Record<string, CallAcc>>> = {};
  const own: Record<string, Record<string, CallAcc>> = {};
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    const shares = originShares(model, flow);
    for (const origin of flow.origins) {
      const lat = latencies[name]?.[origin];
      if (!lat) continue;
      const rate = flow.rate * (shares[origin] ?? 0);
      lat.hops.forEach((hop, i) => {
        const c = model.components[hop.component]!;
        if (RUNS_CODE.has(c.kind) && hop.region !== undefined) {
          const o = ((own[c.id] ??= {})[hop.region] ??= { rate: 0, p99: 0 });
          o.rate += rate;
          o.p99 = Math.max(o.p99, hop.processing.p99);
        }
        const prev = i > 0 ? lat.hops[i - 1]! : undefined;
        if (!prev || prev.region === undefined) return;
        const caller = model.components[prev.component]!;
        if (!RUNS_CODE.has(caller.kind)) return;
        const acc = (((calls[caller.id] ??= {})[prev.region] ??= {})[hop.component] ??= { rate: 0, p99: 0 });
        acc.rate += rate;
        acc.p99 = Math.max(acc.p99, hop.total.p99);
      });
    }
  }

  const out: Record<string, ServicePools> = {};
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
        const call: PoolCall = {
          dependency: dep, region, ratePerReplica: round(ratePerReplica), p99Ms: round(acc.p99),
          demand: round((ratePerReplica * acc.p99) / 1000),
          worstDemand: timeoutMs !== undefined ? round((ratePerReplica * Math.max(timeoutMs, acc.p99)) / 1000) : Number.POSITIVE_INFINITY,
          external: d.kind === 'external',
        };
        if (timeoutMs !== undefined) call.timeoutMs = timeoutMs;
        if (pool) call.pool = pool.name;
        const prev = depCalls.get(dep);
        if (!prev || call.demand > prev.demand) depCalls.set(dep, call);
      }
    }
    const ownBusiest = Object.values(own[id] ?? {}).reduce<CallAcc>((a, b) => (b.rate > a.rate ? b : a), { rate: 0, p99: 0 });
    const ownRate = ownBusiest.rate / replicas;
    const ownDemand = (ownRate * ownBusiest.p99) / 1000;
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
