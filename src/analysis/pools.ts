// Thread demand per service by Little's law (L = lambda x W): for each dependency it calls, the calls/s
// reaching one replica times the time a thread is held at p99, and under the dependency's timeout
// as the worst case (a slow dependency); a queue consumer's messages at their mean time over the
// utilization limit (addConsumers). Compared with the service's pools and total threads.
// Flows with different rates and hold times add up as L = sum(lambda_i x W_i).
import type { Model, ModelComponent } from '../specfile/model.js';
import type { HopLatency, OriginLatency, PoolCall, PoolMetrics, ServicePools } from './metrics.js';
import { originShares, writeNetworkMs } from './route.js';
import { lognormalMean } from './tail.js';
import { UTILIZATION_LIMIT } from '../data/figures.js';
import { dict } from '../specfile/dict.js';

const RUNS_CODE = new Set(['service', 'gateway', 'worker']);

/** Whether a component holds request threads: one that runs code, or a load balancer or store doing a service's work (resolve gives it threads). */
const holdsThreads = (c: ModelComponent): boolean => RUNS_CODE.has(c.kind) || c.threads !== undefined;

interface CallAcc {
  rate: number;
  /** Sum of rate x hold time over the flows: thread-milliseconds per second (the demand). */
  heldMs: number;
  /** Sum of rate x p99 time: heldMs, except for a consumer's messages, held for their mean over the utilization limit. */
  p99Ms: number;
  /** The longest p99 hold time of any flow. */
  maxMs: number;
}

function accumulate(acc: CallAcc, rate: number, ms: number, p99 = ms): void {
  acc.rate += rate;
  acc.heldMs += rate * ms;
  acc.p99Ms += rate * p99;
  acc.maxMs = Math.max(acc.maxMs, p99);
}

/** The rate-weighted hold time, so that rate x it = sum(rate_i x held_i). */
const meanHeldMs = (acc: CallAcc): number => (acc.rate > 0 ? acc.heldMs / acc.rate : acc.maxMs);
/** The rate-weighted p99 time of the calls. */
const meanP99Ms = (acc: CallAcc): number => (acc.rate > 0 ? acc.p99Ms / acc.rate : acc.maxMs);

type Savings = Map<string, Map<string, { all: number; unpooled: number }>>;

/**
 * The entry of `key` in a map of maps, made on first use. The accumulators below are Maps, not dict()s:
 * a null-prototype object is a hash table to V8, slow to look up in and to list (Object.keys sorts it back
 * into insertion order). Their keys (component and region ids) start with a letter, so a Map lists them
 * in the same order as an object would.
 */
function inner<V>(m: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let v = m.get(key);
  if (!v) m.set(key, (v = new Map<string, V>()));
  return v;
}

function accOf(m: Map<string, CallAcc>, key: string): CallAcc {
  let v = m.get(key);
  if (!v) m.set(key, (v = { rate: 0, heldMs: 0, p99Ms: 0, maxMs: 0 }));
  return v;
}

function addSaving(s: Savings, caller: { id: string; region: string }, all: number, unpooled: number): void {
  const byRegion = inner(s, caller.id);
  let slot = byRegion.get(caller.region);
  if (!slot) byRegion.set(caller.region, (slot = { all: 0, unpooled: 0 }));
  slot.all += Math.max(0, all);
  slot.unpooled += Math.max(0, unpooled);
}

/**
 * How long a call to each hop holds its caller's thread at p99: one call's time (for a fan-out, one of the
 * N calls); for a call to a code-running component, until its own calls return: the rest of the path, or of
 * its branch inside a parallel group, each later group counted once at its p99.
 */
export function holdTimes(model: Model, lat: OriginLatency): number[] {
  const one = (h: HopLatency) => (h.single ?? h.total).p99;
  const hops = lat.hops;
  const groupP99 = new Map<number, number>();
  for (const p of lat.parallel ?? []) if (p.kind === 'parallel' && !groupP99.has(p.step)) groupP99.set(p.step, p.p99);
  // One pass from the end, carrying what the rest of the path holds: linear in the hops (a spec of parallel groups
  // of 64 branches of 64 hops took 33 s to grade when each hop summed the rest of its path anew: review attack).
  // After hop i, outside any group: every later hop outside a group, and each later group once, at its p99.
  let rest = 0;
  const counted = new Set<number>();
  // Inside a branch: the later hops of the same branch.
  const branchRest = new Map<string, number>();
  const out = new Array<number>(hops.length);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    const key = hop.group ? `${hop.group.step}|${hop.group.branch}` : '';
    if (!holdsThreads(model.components[hop.component]!)) out[i] = one(hop);
    else out[i] = one(hop) + (hop.group ? (branchRest.get(key) ?? 0) : rest);
    if (!hop.group) rest += hop.total.p99;
    else {
      branchRest.set(key, (branchRest.get(key) ?? 0) + hop.total.p99);
      if (!counted.has(hop.group.step)) {
        counted.add(hop.group.step);
        rest += groupP99.get(hop.group.step) ?? 0;
      }
    }
  }
  return out;
}

/**
 * A worker holds a thread per message it takes from its queue or stream, for its own processing and then
 * each write it makes (routed as a flow's write would be, across the network): Little's law again, with the
 * rate it consumes (capacity's `consumed`) and the mean times, counted over the utilization limit (a queue
 * absorbs the tail; the p99 rule is for request threads someone waits on). Where flows also run through the worker (a path that starts at
 * it, describing what it does with a message), every consumed message is held at least as long as the
 * flows hold one on average and at least its own work and writes: what the flows already count is topped
 * up to that, so the same work is not counted twice, and neither a token flow nor a flow that leaves the
 * writes out hides the rest. Returns the workers no flow runs through.
 */
function addConsumers(
  model: Model,
  consumed: ReadonlyMap<string, ReadonlyMap<string, number>>,
  own: Map<string, Map<string, CallAcc>>,
  calls: Map<string, Map<string, Map<string, CallAcc>>>,
): Set<string> {
  const pure = new Set<string>();
  for (const [id, byRegion] of consumed) {
    const w = model.components[id];
    if (!w) continue;
    const flowsHere = own.get(id);
    if (!flowsHere) pure.add(id);
    for (const [region, rate] of byRegion) {
      if (!(rate > 0)) continue;
      // Mean times, over the utilization limit: a consumer's slots need room for its messages' average work
      // (Little's law), not their tail. Nobody waits on a consumer: when its slots are full it stops pulling and
      // the queue holds the rest, so it is sized like any server, at most UTILIZATION_LIMIT busy at peak.
      // The writes each add the round trip to where a flow's write would go (routeFlow).
      const writes: { target: string; ms: number; p99: number }[] = [];
      for (const target of w.writes) {
        const t = model.components[target];
        if (!t) continue;
        const net = writeNetworkMs(model, t, region);
        writes.push({
          target,
          ms: (lognormalMean(t.writeLatency.p50, t.writeLatency.p99) + net) / UTILIZATION_LIMIT,
          p99: t.writeLatency.p99 + net,
        });
      }
      const ownMs = lognormalMean(w.latency.p50, w.latency.p99) / UTILIZATION_LIMIT;
      const flowOwn = flowsHere?.get(region);
      if (!flowOwn) {
        accumulate(accOf(inner(own, id), region), rate, ownMs, w.latency.p99);
        for (const x of writes) accumulate(accOf(inner(inner(calls, id), region), x.target), rate, x.ms, x.p99);
        continue;
      }
      let flowMs = flowOwn.heldMs;
      for (const acc of calls.get(id)?.get(region)?.values() ?? []) flowMs += acc.heldMs;
      const consumerHold = writes.reduce((a, x) => a + x.ms, ownMs);
      const flowHold = flowOwn.rate > 0 ? flowMs / flowOwn.rate : 0;
      const topUp = rate * Math.max(flowHold, consumerHold) - flowMs;
      if (topUp > 0 || rate > flowOwn.rate) {
        flowOwn.heldMs += Math.max(0, topUp);
        flowOwn.p99Ms += Math.max(0, topUp);
        flowOwn.rate = Math.max(flowOwn.rate, rate);
        flowOwn.maxMs = Math.max(flowOwn.maxMs, consumerHold);
      }
    }
  }
  return pure;
}

export function poolDemand(
  model: Model,
  latencies: Record<string, Record<string, OriginLatency>>,
  consumed?: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Record<string, ServicePools> {
  // service -> region -> dependency -> accumulated calls/s and thread time
  const calls = new Map<string, Map<string, Map<string, CallAcc>>>();
  const own = new Map<string, Map<string, CallAcc>>();
  // service -> region -> thread-ms/s its parallel calls overlap (counted per call above, waited for once).
  const saved_: Savings = new Map();
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    const shares = originShares(model, flow);
    for (const origin of flow.origins) {
      const lat = latencies[name]?.[origin];
      if (!lat) continue;
      const rate = flow.rate * (shares[origin] ?? 0);
      // The caller of a hop is the last code-running hop before it: in [api, payments, orders-db] the api
      // makes both calls (a store or an external API calls nothing). A call to another service holds the
      // caller's thread until that service's own calls return: the rest of the path (of its branch, in a
      // parallel group). Calls made in parallel (a group, or a fan-out of N) each count for their own
      // pool, but the caller's request waits only for the slowest: the overlap is subtracted below.
      const held = holdTimes(model, lat);
      let caller: { id: string; region: string } | undefined;
      let saved: typeof caller;
      let group: HopLatency['group'];
      let open: { caller?: { id: string; region: string }; all: number; unpooled: number; wait: number } | undefined;
      const close = () => {
        if (open?.caller) addSaving(saved_, open.caller, open.all - open.wait, open.unpooled - Math.min(open.unpooled, open.wait));
        open = undefined;
      };
      lat.hops.forEach((hop, i) => {
        const g = hop.group;
        if (group && (!g || g.step !== group.step)) {
          caller = saved;
          close();
        }
        if (g) {
          if (!open) {
            saved = caller;
            const G = lat.parallel?.find((p) => p.kind === 'parallel' && p.step === g.step)?.p99 ?? 0;
            // caller: undefined reads as absent (open is internal): no spread of a temporary object.
            open = { caller, all: 0, unpooled: 0, wait: rate * hop.reach * (hop.admitted ?? 1) * G };
          } else if (g.branch !== group!.branch) caller = saved;
        }
        group = g;
        const c = model.components[hop.component]!;
        const reached = rate * hop.reach * (hop.admitted ?? 1);
        if (caller) {
          const n = hop.fanout ?? 1;
          accumulate(accOf(inner(inner(calls, caller.id), caller.region), hop.component), reached * n, held[i]!);
          let pooled = false;
          const callerPools = model.components[caller.id]!.pools;
          for (let k = 0; k < callerPools.length; k++) if (callerPools[k]!.dependency === hop.component) pooled = true;
          const threadMs = reached * n * held[i]!;
          if (open && open.caller === saved && caller === saved) {
            open.all += threadMs;
            if (!pooled) open.unpooled += threadMs;
          } else if (!g && n > 1) {
            // A fan-out on its own: N calls at once, the request waits for the slowest.
            const wait = reached * hop.total.p99;
            addSaving(saved_, caller, threadMs - wait, pooled ? 0 : threadMs - Math.min(threadMs, wait));
          }
        }
        if (holdsThreads(c) && hop.region !== undefined) {
          accumulate(
            accOf(inner(own, c.id), hop.region),
            reached * (hop.fanout ?? 1),
            // A global rate limit's counter in another region: every request, admitted or not, waits for it on a thread.
            hop.processing.p99 + (hop.replicationKind === 'counter' ? hop.replicationMs : 0),
          );
          caller = { id: c.id, region: hop.region };
        }
      });
      close();
    }
  }
  const consumers = consumed ? addConsumers(model, consumed, own, calls) : undefined;

  const out: Record<string, ServicePools> = dict();
  for (const id of model.componentOrder) {
    const s = model.components[id]!;
    if (!holdsThreads(s)) continue;
    const replicas = Math.max(1, s.replicas);
    const poolByDep = new Map(s.pools.filter((p) => p.dependency).map((p) => [p.dependency!, p]));
    // Per region: each dependency's calls, the service's own work, and the overlap of its parallel calls. A thread is
    // held in the region the request runs in: demand adds up within a region, never across regions (summing each
    // dependency's busiest region with another region's own work charged Tokyo's round trips to us-east's threads).
    const byRegion = calls.get(id);
    const ownByRegion = own.get(id);
    const savedHere = saved_.get(id);
    const regionIds = new Set<string>([...(ownByRegion?.keys() ?? []), ...(byRegion?.keys() ?? [])]);
    const depCalls = new Map<string, PoolCall>(); // each dependency's busiest region: what a pool for it must hold
    let busiest: { region: string; demand: number; ownRate: number } | undefined;
    let sharedDemand = 0;
    let sharedWorst = 0;
    for (const region of regionIds) {
      const here: PoolCall[] = [];
      for (const [dep, acc] of byRegion?.get(region) ?? []) {
        const d = model.components[dep]!;
        const pool = poolByDep.get(dep);
        const timeoutMs = pool?.timeoutMs ?? d.timeoutMs;
        const ratePerReplica = acc.rate / replicas;
        const call: PoolCall = {
          dependency: dep,
          region,
          ratePerReplica: round(ratePerReplica),
          p99Ms: round(meanP99Ms(acc)),
          demand: round((ratePerReplica * meanHeldMs(acc)) / 1000),
          worstDemand: timeoutMs !== undefined ? round((ratePerReplica * Math.max(timeoutMs, acc.maxMs)) / 1000) : Number.POSITIVE_INFINITY,
          external: d.kind === 'external',
        };
        if (timeoutMs !== undefined) call.timeoutMs = timeoutMs;
        if (pool) call.pool = pool.name;
        here.push(call);
        const prev = depCalls.get(dep);
        if (!prev || call.demand > prev.demand) depCalls.set(dep, call);
      }
      const ownAcc = ownByRegion?.get(region);
      const ownRate = (ownAcc?.rate ?? 0) / replicas;
      const ownDemand = ownAcc ? (ownRate * meanHeldMs(ownAcc)) / 1000 : 0;
      const overlap = (k: 'all' | 'unpooled') => (savedHere?.get(region)?.[k] ?? 0) / replicas / 1000;
      const unpooled = here.filter((c) => !c.pool);
      sharedDemand = Math.max(sharedDemand, ownDemand + unpooled.reduce((a, c) => a + c.demand, 0) - overlap('unpooled'));
      sharedWorst = Math.max(sharedWorst, ownDemand + unpooled.reduce((a, c) => a + c.worstDemand, 0) - overlap('unpooled'));
      const demand = ownDemand + here.reduce((a, c) => a + c.demand, 0) - overlap('all');
      if (!busiest || demand > busiest.demand) busiest = { region, demand, ownRate };
    }
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
      // Every dependency, each at its busiest region: what a pool or a timeout for it must hold (bulkhead checks).
      calls: [...depCalls.values()],
      ratePerReplica: round(busiest?.ownRate ?? 0),
      demand: round(busiest?.demand ?? 0),
    };
    if (busiest) out[id].region = busiest.region;
    if (consumers?.has(id) && s.consumes !== undefined) out[id].consumes = s.consumes;
  }
  return out;
}

/** 10 ** digits, made once: Math.pow per call was the largest part of rounding (the same doubles: 10^k is exact). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

function round(n: number, digits = 2): number {
  if (!Number.isFinite(n)) return n;
  const f = POW10[digits] ?? 10 ** digits;
  return Math.round(n * f) / f;
}
