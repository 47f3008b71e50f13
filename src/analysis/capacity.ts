// Load on each component in each region at peak: the flows' rates routed hop by hop (caches absorb
// their hits), writes replicated to every copy of a store, and workers' projections. Utilization is
// per node: a stateless tier splits everything over its replicas, rate / (replicas x capacity); every
// replica of a replicated store applies every write, so one node carries all the writes plus its
// share of the reads, (writes + reads / replicas) / capacity; a partitioned store's busiest node carries
// the busiest partition's share of both. Also at a 2x surge.
// A fan-out step of N calls loads its target N times per request (one call per shard: the N calls
// spread over the target's replicas like any other).
import { replicaRegions } from '../specfile/lookups.js';
import type { Model, ModelComponent, ModelFanoutOnWrite } from '../specfile/model.js';
import type { RegionLoad } from './metrics.js';
import { originShares, routeFlow, type RoutedHop } from './route.js';
import { dict } from '../specfile/dict.js';
import { DEFAULT_SURGE_FACTOR } from '../data/tech.js';
import { queueWait } from './queueing.js';

/** The default surge multiplier; a problem's givens may set another (model.surgeFactor). */
export const SURGE_FACTOR = DEFAULT_SURGE_FACTOR;

/** Kinds partitioned by design (each partition has its own leader; S3-like stores split keys internally): replicas split writes too. */
const PARTITIONED_KINDS: ReadonlySet<string> = new Set(['queue', 'stream', 'object-store']);

/** Whether each replica of this component applies every write (a replicated store) rather than a share of them. */
export function replicasApplyEveryWrite(c: ModelComponent): boolean {
  return c.stateful && !PARTITIONED_KINDS.has(c.kind);
}

/** How many partitions (shards) a store's data is split into: 1 unless it declares `partitions`. */
export function writePartitions(c: ModelComponent): number {
  return Math.max(1, c.partitions?.count ?? 1);
}

/** Share of a store's traffic on the busiest single key after splitting: hot_key_share / hot_key_split (0 when not stated). */
export function hotSubKeyShare(c: ModelComponent): number {
  return Math.min(1, c.partitions?.hotKeyShare ?? 0) / Math.max(1, c.partitions?.hotKeySplit ?? 1);
}

/**
 * Share of a partitioned store's traffic on its busiest partition. The hot key's share h, split into s sub-keys, lands
 * on the partitions as evenly as placement allows (ceil(s / P) sub-keys on the busiest), and that partition also owns
 * its 1 / P of every other key: ceil(s / P) x h / s + (1 - h) / P; 1 / P without a hot key. The hot key lives in one
 * partition whatever the count, so adding partitions only shrinks the second term, towards h / s (Kleppmann, DDIA
 * ch. 6, "Skewed workloads"). It was max(h / s, 1 / P), which dropped the other keys' share of the hot partition:
 * key-value-store's leader at 3.1 % of the traffic instead of 3.6 % (review).
 */
export function hottestPartitionShare(c: ModelComponent): number {
  const partitions = writePartitions(c);
  const hot = Math.min(1, c.partitions?.hotKeyShare ?? 0);
  if (hot <= 0) return 1 / partitions;
  const split = Math.max(1, c.partitions?.hotKeySplit ?? 1);
  return Math.ceil(split / partitions) * hotSubKeyShare(c) + (1 - hot) / partitions;
}

/** Nodes of a component in one region: replicas, times partitions for a partitioned store (each partition is its own replica set). */
export function nodesPerRegion(c: ModelComponent): number {
  return Math.max(1, c.replicas) * writePartitions(c);
}

/**
 * Requests/s on the busiest node. A replicated store: every replica of a partition applies all of its
 * writes and serves 1/replicas of its reads, and the busiest partition carries hottestPartitionShare of
 * both (1 for an unpartitioned store). Other kinds: an even share.
 */
export function perNodeRate(c: ModelComponent, rate: number, writeRate: number): number {
  const replicas = Math.max(1, c.replicas);
  if (!replicasApplyEveryWrite(c)) return rate / replicas;
  const share = hottestPartitionShare(c);
  return share * writeRate + (share * (rate - writeRate)) / replicas;
}

interface Slot {
  rate: number;
  writeRate: number;
  /** Of `rate`, the work of services merged into this one (in its own requests), not requests that arrive; and whose. */
  merged?: { rate: number; from: string[] };
}
type Loads = Record<string, Record<string, Slot>>;

function addLoad(loads: Loads, c: ModelComponent, region: string | undefined, rate: number, write: boolean): Slot | undefined {
  if (region === undefined || c.kind === 'client' || c.kind === 'external') return undefined;
  const byRegion = (loads[c.id] ??= dict());
  const slot = (byRegion[region] ??= { rate: 0, writeRate: 0 });
  slot.rate += rate;
  if (write) slot.writeRate += rate;
  return slot;
}

/** A call to a service that others were merged into on this flow: it does their work too, counted in its own requests. */
function addMerged(
  loads: Loads,
  c: ModelComponent,
  region: string | undefined,
  rate: number,
  merged: readonly { component: string; work: number }[],
): void {
  let extra = 0;
  for (const m of merged) extra += rate * m.work;
  const slot = addLoad(loads, c, region, rate + extra, false);
  if (!slot) return;
  slot.merged ??= { rate: 0, from: [] };
  slot.merged.rate += extra;
  for (const m of merged) if (!slot.merged.from.includes(m.component)) slot.merged.from.push(m.component);
}

/** A write applied at `region` is also applied by every other copy of the store. */
function addWrite(loads: Loads, c: ModelComponent, region: string, rate: number): void {
  addLoad(loads, c, region, rate, true);
  if (c.replication?.mode === 'none') return; // partitioned: no other copy applies it
  const copies = replicaRegions(c);
  for (let i = 0; i < copies.length; i++) if (copies[i] !== region) addLoad(loads, c, copies[i], rate, true);
}

/** Every flow's route from every origin; analyse() passes the latencies, whose hops are those routes. */
export type Routes = Record<
  string,
  Record<string, { hops: readonly Pick<RoutedHop, 'component' | 'region' | 'reach' | 'fanout' | 'admitted' | 'merged'>[] }>
>;

export interface CapacityOptions {
  /** Compute the M/M/c wait in front of each component's replicas (default true; off only to measure its cost). */
  queueing?: boolean;
  /**
   * Filled with what each worker takes from its queue or stream, per second, per region it runs in (what it
   * consumes, not what flows route through it): poolDemand holds a consumer's threads with it.
   */
  consumed?: Map<string, Map<string, number>>;
}

/**
 * Timeline writes per post of a fan-out on write: the mean followers, capped at the threshold when the
 * design is a hybrid (authors above it are pulled on read, not pushed).
 */
export function pushedPerPost(f: ModelFanoutOnWrite): number {
  return f.threshold !== undefined ? Math.min(f.followers.mean, f.threshold) : f.followers.mean;
}

/**
 * The workers that consume something, each after every worker that writes what it consumes (a topological
 * order of the worker chain); the spec's order among the rest, and for a cycle, which has no first.
 */
export function upstreamFirst(model: Model): string[] {
  const workers = model.componentOrder.filter((id) => {
    const w = model.components[id]!;
    return w.kind === 'worker' && w.consumes !== undefined;
  });
  const out: string[] = [];
  const pending = new Set(workers);
  while (pending.size) {
    let progressed = false;
    for (const id of workers) {
      if (!pending.has(id)) continue;
      const source = model.components[id]!.consumes!;
      let fed = false;
      for (const other of pending) if (other !== id && model.components[other]!.writes.includes(source)) fed = true;
      if (fed) continue;
      out.push(id);
      pending.delete(id);
      progressed = true;
    }
    if (!progressed) {
      // A cycle of workers feeding each other: the rest in the spec's order.
      for (const id of workers) if (pending.has(id)) out.push(id);
      break;
    }
  }
  return out;
}

export function capacity(model: Model, routes?: Routes, options: CapacityOptions = {}): Record<string, Record<string, RegionLoad>> {
  const loads: Loads = dict();
  // Fan-out on write: each post handed to a queue becomes pushedPerPost timeline writes by its consumer.
  const fanoutExtra: Record<string, number> = dict();
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    for (const hop of flow.hops ?? [])
      if (hop.fanoutOnWrite)
        fanoutExtra[hop.fanoutOnWrite.queue] =
          (fanoutExtra[hop.fanoutOnWrite.queue] ?? 0) + flow.rate * Math.max(0, pushedPerPost(hop.fanoutOnWrite) - 1);
  }
  // An outbox relay forwards the outbox rows, the writes that publish through it, not every write its
  // database takes (a CDC connector, `via: cdc`, streams the whole change log).
  const outboxRows = new Map<string, number>();
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    const shares = originShares(model, flow);
    const pubs = flow.publishes;
    for (const origin of flow.origins) {
      const rate = flow.rate * (shares[origin] ?? 0);
      if (rate === 0) continue;
      const hops = routes?.[name]?.[origin]?.hops ?? routeFlow(model, flow, origin);
      for (let k = 0; k < hops.length; k++) {
        const hop = hops[k]!;
        const c = model.components[hop.component]!;
        const r = rate * hop.reach * (hop.admitted ?? 1) * (hop.fanout ?? 1);
        if (flow.kind === 'write' && c.stateful && hop.region !== undefined) addWrite(loads, c, hop.region, r);
        else if (hop.merged !== undefined) addMerged(loads, c, hop.region, r, hop.merged);
        else addLoad(loads, c, hop.region, r, false);
        if (pubs)
          for (let i = 0; i < pubs.length; i++) {
            const p = pubs[i]!;
            if (p.hop === k && p.via === 'outbox' && p.relay !== undefined) outboxRows.set(p.relay, (outboxRows.get(p.relay) ?? 0) + r);
          }
      }
    }
  }
  // Workers consume what was written to their queue/stream and write it on to their stores, upstream first:
  // a worker fed by another worker's writes (a relay into a stream, then a projector) is taken after it,
  // wherever the spec lists it.
  for (const id of upstreamFirst(model)) {
    const w = model.components[id]!;
    if (w.consumes === undefined) continue;
    const outbox = outboxRows.get(id);
    const input = outbox ?? Object.values(loads[w.consumes] ?? {}).reduce((a, l) => a + l.writeRate, 0);
    const source = model.components[w.consumes];
    // A replicated stream is counted once per copy above; the worker reads one copy (outbox rows are counted once).
    const copies = source && outbox === undefined ? Math.max(1, replicaRegions(source).length) : 1;
    const rate = input / copies + (fanoutExtra[w.consumes] ?? 0);
    if (rate === 0) continue;
    // Flows that run through the worker (a path starting at it, what it does with a message) already load it:
    // only the messages beyond their rate there are added, so one message is not counted twice.
    let viaFlows = 0;
    for (const r of w.regions) viaFlows += loads[id]?.[r]?.rate ?? 0;
    const beyond = Math.max(0, rate - viaFlows);
    if (beyond > 0) for (const r of w.regions) addLoad(loads, w, r, beyond / w.regions.length, false);
    if (options.consumed) options.consumed.set(id, new Map(w.regions.map((r) => [r, rate / w.regions.length])));
    for (const target of w.writes) {
      const t = model.components[target];
      if (!t) continue;
      const region = t.primary ?? t.regions[0];
      if (region !== undefined) addWrite(loads, t, region, rate);
    }
  }
  const out: Record<string, Record<string, RegionLoad>> = dict();
  // By key (Object.entries made a [key, value] array per component and region).
  for (const id of Object.keys(loads)) {
    const byRegion = loads[id]!;
    const c = model.components[id]!;
    out[id] = dict();
    for (const region of Object.keys(byRegion)) {
      const l = byRegion[region]!;
      const cap = nodesPerRegion(c) * c.capacityRps;
      // One node carries every write of its partition of a replicated store plus its share of the reads;
      // where a store serves fewer writes than reads per replica, each share uses its own capacity.
      const perNode = perNodeRate(c, l.rate, l.writeRate);
      const readsPerNode = ((replicasApplyEveryWrite(c) ? hottestPartitionShare(c) : 1) * (l.rate - l.writeRate)) / Math.max(1, c.replicas);
      const writesPerNode = perNode - readsPerNode;
      const writeCap = c.writeCapacityRps ?? c.capacityRps;
      const utilization =
        c.capacityRps > 0 && writeCap > 0 ? readsPerNode / c.capacityRps + writesPerNode / writeCap : Number.POSITIVE_INFINITY;
      const load: RegionLoad = {
        component: id,
        region,
        rate: round(l.rate),
        replicas: c.replicas,
        capacity: cap,
        utilization: round(utilization, 4),
        surgeUtilization: round(utilization * (model.surgeFactor ?? SURGE_FACTOR), 4),
        writeRate: round(l.writeRate),
        perNodeRate: round(perNode),
        everyReplicaWrites: replicasApplyEveryWrite(c) && c.replicas > 1,
      };
      if (l.merged) load.merged = { rate: round(l.merged.rate), from: l.merged.from };
      // Assigned in this order, not spread in: a conditional spread allocates a temporary object per region.
      if (c.partitions && replicasApplyEveryWrite(c)) {
        load.partitions = writePartitions(c);
        load.hottestShare = round(hottestPartitionShare(c), 4);
        load.hotKeyShare = c.partitions.hotKeyShare ?? 0;
        load.hotKeySplit = c.partitions.hotKeySplit;
      }
      // The wait in front of the replicas there (M/M/c, analysis/queueing.ts), from the same utilization
      // (unrounded): c = replicas, mu = capacity per replica, lambda = utilization x c x mu.
      // Where services were merged into this one, a request takes longer than one of its own: mu is the requests
      // that arrive over the work they take (rate - merged over rate), so the wait is in the slower request's time.
      if (options.queueing !== false)
        load.queue = queueWait(
          c.replicas,
          l.merged && l.rate > 0 ? (c.capacityRps * (l.rate - l.merged.rate)) / l.rate : c.capacityRps,
          utilization,
        );
      out[id][region] = load;
    }
  }
  return out;
}

/** 10 ** digits, made once: Math.pow per call was the largest part of rounding (the same doubles: 10^k is exact). */
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

function round(n: number, digits = 2): number {
  const f = POW10[digits] ?? 10 ** digits;
  return Math.round(n * f) / f;
}
