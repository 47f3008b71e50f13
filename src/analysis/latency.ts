// Latency of a flow from an origin region: network round trips between the regions of consecutive
// hops, each hop's processing time, waits for sync replicas or a quorum on writes, and mesh overhead.
// Hops in sequence add their p50s and p99s (for p99 usually conservative with light tails, not an upper
// bound); a parallel group or a fan-out costs the slowest of its calls (analysis/tail.ts).
import { MESH_OVERHEAD_MS } from '../data/figures.js';
import { replicaRegions, rttMs } from '../specfile/lookups.js';
import type { Latency, Model, ModelComponent, ModelFlow } from '../specfile/model.js';
import type { CacheLatency, CachePath, HopLatency, OriginLatency, ParallelLatency, RegionLoad } from './metrics.js';
import { hopQuantile, type QueueWait } from './queueing.js';
import { replayCost } from './replay.js';
import { quorumRttMs, routeFlow, type RoutedHop } from './route.js';
import {
  branchQuantile,
  lognormalQuantile,
  mixtureQuantile,
  quantileOf,
  slowestQuantile,
  type BranchDist,
  type MixturePart,
  type TailDist,
} from './tail.js';

export function meshOverhead(model: Model): Latency {
  return model.patterns.mesh?.overheadMs ?? { p50: MESH_OVERHEAD_MS.sidecar.p50, p99: MESH_OVERHEAD_MS.sidecar.p99 };
}

/**
 * A hop's processing time before any timeout: stores use their write latency on writes, and a step's
 * latency_ms (this flow's own processing time in the component) replaces the component's. flowLatency
 * caps it by the call's timeout (the caller's pool timeout for this dependency, else the dependency's own).
 */
function hopBase(c: ModelComponent, kind: 'read' | 'write', stated: Latency | undefined): Latency {
  return stated ?? (kind === 'write' && c.stateful ? c.writeLatency : c.latency);
}

/**
 * Extra wait on a write for synchronous replicas (the farthest) or a consensus quorum; a consensus
 * write is at its leader (the route sends it there), which waits for the (majority - 1)-th nearest other voter.
 */
export function replicationWait(model: Model, c: ModelComponent, region: string): { ms: number; kind?: 'sync' | 'quorum' | 'counter' } {
  const mode = c.replication?.mode;
  if (mode === 'sync') {
    const others = replicaRegions(c).filter((r) => r !== region);
    if (!others.length) return { ms: 0 };
    return { ms: Math.max(...others.map((r) => rttMs(model, region, r) ?? 0)), kind: 'sync' };
  }
  if (mode === 'consensus' && replicaRegions(c).length > 1) return { ms: quorumRttMs(model, c, c.leader ?? region), kind: 'quorum' };
  return { ms: 0 };
}

/**
 * A rate limit shared by every region (rate_limit.per: global) keeps one counter, in the component's first
 * region; a request arriving at the component in any other region waits the round trip to that counter
 * before it is admitted or rejected (counting in the region itself is part of the component's latency, as
 * for per: region). Without it, a global limit would be exact across regions for free.
 */
export function limitCounterWait(model: Model, c: ModelComponent, region: string): { ms: number; kind?: 'counter' } {
  const home = c.regions[0];
  if (c.rateLimit?.per !== 'global' || home === undefined || home === region) return { ms: 0 };
  return { ms: rttMs(model, region, home) ?? 0, kind: 'counter' };
}

/**
 * Loading an aggregate replays its events since the last snapshot (src/analysis/replay.ts): a flow that
 * reads or appends to the event store pays it there. p99 pays the worst case (loaded just before the next
 * snapshot); p50 half of it (events since the last snapshot are spread evenly over the interval).
 */
export function aggregateLoad(model: Model, componentId: string): Latency | undefined {
  if (model.patterns.eventSourcing?.store !== componentId) return undefined;
  const replay = replayCost(model);
  return replay && replay.replayMs > 0 ? { p50: replay.replayMs / 2, p99: replay.replayMs } : undefined;
}

/** What analyse() already has when it asks for a flow's latency: the route, and the load (with its queue) per component and region. */
export interface FlowLatencyInputs {
  route?: RoutedHop[];
  /** metrics.capacity: each hop waits in front of its component's replicas in its region (RegionLoad.queue). */
  loads?: Record<string, Record<string, RegionLoad>>;
}

/**
 * Wait + processing of one call at quantile q (analysis/queueing.ts: the processing's quantile + the wait's, at least the mean wait),
 * capped by the caller's timeout while the queue is bounded; +Infinity when it is not.
 */
function waitedQuantile(w: QueueWait, processingQ: number, q: number, timeoutMs: number | undefined): number {
  const t = hopQuantile(w, processingQ, q);
  return timeoutMs !== undefined && Number.isFinite(t) ? Math.min(t, timeoutMs) : t;
}

export function flowLatency(model: Model, flow: ModelFlow, origin: string, inputs: FlowLatencyInputs = {}): OriginLatency {
  const route = inputs.route ?? routeFlow(model, flow, origin);
  const loads = inputs.loads;
  const overhead = meshOverhead(model);
  const esStore = model.patterns.eventSourcing?.store;
  const replay = esStore !== undefined ? aggregateLoad(model, esStore) : undefined;
  let p50 = 0;
  let p99 = 0;
  let network = 0;
  let mesh50 = 0;
  let mesh99 = 0;
  const hops: HopLatency[] = new Array<HopLatency>(route.length);
  for (let i = 0; i < route.length; i++) {
    // Built field by field (one object shape for every hop): spreading the routed hop made V8 copy
    // through dictionary-mode objects, and this loop runs for every hop of every flow from every origin.
    const h = route[i]!;
    const c = model.components[h.component]!;
    const prev = h.caller !== undefined ? model.components[route[h.caller]!.component] : undefined;
    let poolTimeout: number | undefined;
    if (prev) for (let k = 0; k < prev.pools.length; k++) if (prev.pools[k]!.dependency === c.id) poolTimeout = prev.pools[k]!.timeoutMs;
    const timeoutMs = poolTimeout ?? c.timeoutMs;
    // Capped by the call's timeout, built in place (no wrapper object per hop: the interpreter does not elide it).
    const base = hopBase(c, flow.kind, flow.hops?.[i]?.latency);
    const capped = timeoutMs !== undefined && base.p99 > timeoutMs;
    const processing: Latency = capped ? { p50: Math.min(base.p50, timeoutMs), p99: timeoutMs } : { ...base };
    // The wait in front of the replicas serving this hop (none for externals, clients, or an idle queue).
    const queue = loads !== undefined && h.region !== undefined ? loads[h.component]?.[h.region]?.queue : undefined;
    const waits = queue !== undefined && queue.probWait > 0;
    const rep =
      flow.kind === 'write' && c.stateful && h.region !== undefined
        ? replicationWait(model, c, h.region)
        : h.region !== undefined && c.rateLimit?.per === 'global'
          ? limitCounterWait(model, c, h.region)
          : NO_WAIT;
    const proxies = (prev?.sidecar ? 1 : 0) + (c.sidecar ? 1 : 0);
    const m50 = (overhead.p50 * proxies) / 2;
    const m99 = (overhead.p99 * proxies) / 2;
    const wire = h.networkMs + rep.ms;
    // Loading an event-sourced aggregate replays its events since the last snapshot.
    const load = replay && h.component === esStore ? replay : undefined;
    // Queueing: the processing time's quantiles become those of wait + processing (analysis/queueing.ts).
    // Two locals, not a {p50, p99} object per waiting hop.
    const served50 = waits ? waitedQuantile(queue, processing.p50, 0.5, timeoutMs) : processing.p50;
    const served99 = waits ? waitedQuantile(queue, processing.p99, 0.99, timeoutMs) : processing.p99;
    let total: Latency = { p50: served50 + m50 + wire + (load?.p50 ?? 0), p99: served99 + m99 + wire + (load?.p99 ?? 0) };
    const single = total;
    if (h.fanout !== undefined) {
      // N identical calls at once: the flow waits for the slowest, each call's 0.5^(1/N) and 0.99^(1/N) quantiles.
      const d: TailDist = {
        fixed: wire,
        p50: processing.p50 + m50 + (load?.p50 ?? 0),
        p99: processing.p99 + m99 + (load?.p99 ?? 0),
        n: h.fanout,
      };
      total = waits
        ? {
            p50: wire + waitedQuantile(queue, lognormalQuantile(d.p50, d.p99, 0.5 ** (1 / d.n)), 0.5 ** (1 / d.n), timeoutMs),
            p99: wire + waitedQuantile(queue, lognormalQuantile(d.p50, d.p99, 0.99 ** (1 / d.n)), 0.99 ** (1 / d.n), timeoutMs),
          }
        : { p50: quantileOf(d, 0.5), p99: quantileOf(d, 0.99) };
    }
    if (h.group === undefined) {
      p50 += total.p50;
      p99 += total.p99;
      network += wire;
      mesh50 += m50;
      mesh99 += m99;
    }
    const out: HopLatency = {
      index: h.index,
      component: h.component,
      from: h.from,
      reason: h.reason,
      networkMs: h.networkMs,
      reach: h.reach,
      processing,
      replicationMs: rep.ms,
      mesh: { p50: m50, p99: m99 },
      total,
    };
    if (h.region !== undefined) out.region = h.region;
    if (h.admitted !== undefined) out.admitted = h.admitted;
    if (h.hitRatio !== undefined) out.hitRatio = h.hitRatio;
    if (h.caller !== undefined) out.caller = h.caller;
    if (rep.kind) out.replicationKind = rep.kind;
    if (capped) out.cappedByTimeout = true;
    if (h.fanout !== undefined) {
      out.fanout = h.fanout;
      out.single = single;
    }
    if (h.group !== undefined) out.group = h.group;
    if (load) out.replay = { ...load };
    if (waits) out.queueWait = { p50: hopQuantile(queue, 0, 0.5), p99: hopQuantile(queue, 0, 0.99) };
    hops[i] = out;
  }
  let parallel: ParallelLatency[] | undefined;
  if (flow.hops) {
    parallel = parallelLatencies(hops);
    for (const g of parallel) {
      if (g.kind !== 'parallel') continue;
      p50 += g.p50;
      p99 += g.p99;
      // Network and mesh time of the group: the slowest branch's.
      for (const i of g.branches[g.slowest]!.hops) {
        const hop = hops[i]!;
        network += hop.networkMs + hop.replicationMs;
        mesh50 += hop.mesh.p50;
        mesh99 += hop.mesh.p99;
      }
      g.branches.forEach((b, j) => {
        if (j !== g.slowest) for (const i of b.hops) hops[i]!.offCriticalPath = true;
      });
    }
  }
  // A strong read takes no cache hits (route.ts): its latency is the whole path's.
  const paths =
    flow.kind === 'read' && flow.consistency !== 'strong' ? cachePaths(model, hops, parallel, { p50, p99, fixed: network }) : undefined;
  const out: OriginLatency = {
    origin,
    p50: round(paths ? paths.p50 : p50),
    p99: round(paths ? paths.p99 : p99),
    hops,
    networkMs: round(network),
    meshMs: { p50: round(mesh50), p99: round(mesh99) },
  };
  if (parallel?.length) out.parallel = parallel;
  if (paths) out.cache = paths.cache;
  return out;
}

/**
 * A read through caches (or CDNs) on its critical path ends at the first cache that hits: cache k answers
 * a share reach_k x h_k of the requests (reach_k = the product of (1 - h) of the caches before it), and
 * only the product of every (1 - h) takes the whole path (the miss path). Each path's latency is its hops
 * in sequence (p50s and p99s added, as for the whole flow), fitted as its network part plus a log-normal;
 * the flow's p50 and p99 are the quantiles of the MIXTURE (analysis/tail.ts mixtureQuantile). A cache with
 * nothing behind it, or a fan-out's, does not split the path; one inside a parallel group splits its branch
 * (branchMixture), whose mixture the group's quantiles take.
 */
function cachePaths(
  model: Model,
  hops: readonly HopLatency[],
  parallel: readonly ParallelLatency[] | undefined,
  miss: { p50: number; p99: number; fixed: number },
): { p50: number; p99: number; cache: CacheLatency } | undefined {
  // Two passes by index (no closures, no filtered and mapped copies, no spread into Math.max): this runs for every read from every origin.
  let last = -1;
  let lastGroupHop = -1;
  for (let k = 0; k < hops.length; k++) {
    const h = hops[k]!;
    if (h.group === undefined && !h.offCriticalPath) last = Math.max(last, h.index);
    if (h.group !== undefined) lastGroupHop = Math.max(lastGroupHop, h.index);
  }
  const points: HopLatency[] = [];
  for (let k = 0; k < hops.length; k++) {
    const h = hops[k]!;
    const c = model.components[h.component];
    // A cache that answers none of this flow's reads (none given, or a second tier of its kind) does not split the path.
    if (
      (h.hitRatio ?? c?.hitRatio ?? 0) > 0 &&
      h.group === undefined &&
      h.fanout === undefined &&
      (h.index < last || h.index < lastGroupHop)
    )
      points.push(h);
  }
  if (!points.length) return undefined;
  const parts: MixturePart[] = [];
  const hits: CachePath[] = [];
  let reach = 1;
  for (const point of points) {
    const h = point.hitRatio ?? model.components[point.component]!.hitRatio!;
    let p50 = 0;
    let p99 = 0;
    let fixed = 0;
    for (let k = 0; k < hops.length; k++) {
      const hop = hops[k]!;
      if (hop.index > point.index || hop.group !== undefined) continue;
      p50 += hop.total.p50;
      p99 += hop.total.p99;
      fixed += hop.networkMs + hop.replicationMs;
    }
    for (const g of parallel ?? []) {
      if (g.kind !== 'parallel' || !g.branches.every((b) => b.hops.every((i) => i < point.index))) continue;
      p50 += g.p50;
      p99 += g.p99;
      for (const i of g.branches[g.slowest]!.hops) fixed += hops[i]!.networkMs + hops[i]!.replicationMs;
    }
    const share = reach * h;
    parts.push({ weight: share, dist: { fixed, p50: p50 - fixed, p99: p99 - fixed, n: 1 } });
    hits.push({ cache: point.component, index: point.index, hitRatio: h, share: round(share, 6), p50: round(p50), p99: round(p99) });
    reach *= 1 - h;
  }
  parts.push({ weight: reach, dist: { fixed: miss.fixed, p50: miss.p50 - miss.fixed, p99: miss.p99 - miss.fixed, n: 1 } });
  return {
    p50: mixtureQuantile(parts, 0.5),
    p99: mixtureQuantile(parts, 0.99),
    cache: { hits, miss: { share: round(reach, 6), p50: round(miss.p50), p99: round(miss.p99) }, hitShare: round(1 - reach, 6) },
  };
}

/**
 * The parallel groups and fan-outs of a routed flow. A group costs the slowest of its branches: each branch
 * is its hops in sequence (p50s and p99s added, as for a whole flow), fitted as a fixed network part plus a
 * log-normal; a single-call branch with a fan-out keeps its N identical copies. The group's p50/p99 solve
 * prod F_i(t) = 0.5 / 0.99 (analysis/tail.ts).
 */
export function parallelLatencies(hops: readonly HopLatency[]): ParallelLatency[] {
  const out: ParallelLatency[] = [];
  const groups = new Map<number, HopLatency[][]>();
  for (const hop of hops) {
    if (hop.group) {
      const branches = groups.get(hop.group.step) ?? [];
      (branches[hop.group.branch] ??= []).push(hop);
      if (!groups.has(hop.group.step)) {
        groups.set(hop.group.step, branches);
        out.push({ kind: 'parallel', step: hop.group.step, branches: [], slowest: 0, p50: 0, p99: 0 });
      }
    } else if (hop.fanout !== undefined && hop.single) {
      out.push({
        kind: 'fanout',
        step: hop.index,
        branches: [{ hops: [hop.index], p50: round(hop.single.p50), p99: round(hop.single.p99), fanout: hop.fanout }],
        slowest: 0,
        p50: round(hop.total.p50),
        p99: round(hop.total.p99),
      });
    }
  }
  for (const g of out) {
    if (g.kind !== 'parallel') continue;
    const branches = groups.get(g.step)!.filter((b) => b !== undefined);
    const dists: TailDist[] = branches.map((b) => {
      const one = b.length === 1 && b[0]!.fanout !== undefined && b[0]!.single ? b[0]! : undefined;
      const fixed = b.reduce((a, h) => a + h.networkMs + h.replicationMs, 0);
      if (one) return { fixed, p50: one.single!.p50 - fixed, p99: one.single!.p99 - fixed, n: one.fanout! };
      return { fixed, p50: b.reduce((a, h) => a + h.total.p50, 0) - fixed, p99: b.reduce((a, h) => a + h.total.p99, 0) - fixed, n: 1 };
    });
    // A branch behind a queue that grows without bound makes the whole group unbounded.
    const endless = dists.some((d) => !Number.isFinite(d.p50) || !Number.isFinite(d.p99));
    const graded: BranchDist[] = branches.map((b, j) => (endless ? undefined : branchMixture(b)) ?? dists[j]!);
    // A branch's own p50 and p99: one call's (a fan-out's N copies are the group's tail), its paths' mixture where a cache ends some.
    g.branches = branches.map((b, j) => {
      const d = graded[j]!;
      const own = (q: 0.5 | 0.99) => ('parts' in d ? branchQuantile(d, q) : d.fixed + (q === 0.5 ? d.p50 : d.p99));
      return { hops: b.map((h) => h.index), p50: round(own(0.5)), p99: round(own(0.99)), fanout: dists[j]!.n };
    });
    g.slowest = g.branches.reduce((best, b, j) => (b.p99 > g.branches[best]!.p99 ? j : best), 0);
    g.p50 = endless ? Number.POSITIVE_INFINITY : round(slowestQuantile(graded, 0.5));
    g.p99 = endless ? Number.POSITIVE_INFINITY : round(slowestQuantile(graded, 0.99));
  }
  return out;
}

/**
 * A branch with a cache that answers some of its reads before the rest of it (feed-cache, then posts-db on a miss):
 * the mixture of the paths its requests take, as for a whole flow (cachePaths). Each path is the branch's hops up to
 * where its requests end, weighted by the share that ends there (the drop in `reach`, which routing lowers by each
 * cache's hit ratio on the reads it may answer). Undefined when every request takes the whole branch.
 */
function branchMixture(b: readonly HopLatency[]): { parts: MixturePart[] } | undefined {
  const start = b[0]?.reach ?? 0;
  if (b.length < 2 || !(start > 0) || !(b[b.length - 1]!.reach < start)) return undefined;
  const parts: MixturePart[] = [];
  let p50 = 0;
  let p99 = 0;
  let fixed = 0;
  for (let j = 0; j < b.length; j++) {
    const h = b[j]!;
    p50 += h.total.p50;
    p99 += h.total.p99;
    fixed += h.networkMs + h.replicationMs;
    const ends = (h.reach - (j + 1 < b.length ? b[j + 1]!.reach : 0)) / start;
    if (ends > 1e-12) parts.push({ weight: ends, dist: { fixed, p50: p50 - fixed, p99: p99 - fixed, n: 1 } });
  }
  return parts.length > 1 ? { parts } : undefined;
}

const NO_WAIT: { ms: number; kind?: 'sync' | 'quorum' | 'counter' } = { ms: 0 };

/** 10 ** digits, made once: Math.pow per call was the largest part of rounding (the same doubles: 10^k is exact). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

export function round(n: number, digits = 2): number {
  const f = POW10[digits] ?? 10 ** digits;
  return Math.round(n * f) / f;
}
