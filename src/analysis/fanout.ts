// Fan-out on write (a call step's `fanout_on_write`): every post handed to the fan-out queue is copied by
// its consumer into each follower's timeline. The steady cost is post rate x mean followers (capped at the
// threshold in a hybrid), counted in the timeline store's and the workers' utilization (analysis/capacity.ts).
// The celebrity's cost is one post x their followers: delivered at what the workers and the timeline store
// have to spare, (1 - utilization) x their throughput, it takes max followers / that. A hybrid pushes no
// author above the threshold, so the largest push is the threshold, and readers pull those authors instead.
import { replicaRegions } from '../specfile/lookups.js';
import { writeNetworkMs } from './route.js';
import { lognormalMean } from './tail.js';
import type { Model, ModelComponent } from '../specfile/model.js';
import { pushedPerPost, replicasApplyEveryWrite, writePartitions, nodesPerRegion } from './capacity.js';
import type { OriginLatency, RegionLoad } from './metrics.js';

export interface FanoutReader {
  flow: string;
  /** Calls the read makes to the pull store (its fan-out), 0 when it does not reach it. */
  pullCalls: number;
  /** Worst p99 over the flow's origins, ms (+Infinity when a queue grows without bound). */
  p99: number;
  budgetP99?: number;
}

export interface FanoutDeliverer {
  component: string;
  /** Timeline writes/s it can take at all, and what the steady load leaves for a burst. */
  throughput: number;
  spare: number;
  utilization: number;
  /** A worker whose threads run out before its capacity: its throughput is threads / holding time per replica. */
  threadBound?: boolean;
}

export interface FanoutOnWriteMetrics {
  flow: string;
  /** Index of the step in ModelFlow.path, and the queue it hands posts to. */
  hop: number;
  queue: string;
  workers: string[];
  timelines: string[];
  postsPerS: number;
  followers: { mean: number; p99?: number; max: number };
  threshold?: number;
  pullFrom?: string;
  celebritiesFollowed: number;
  /** Timeline writes per post (mean followers, capped at the threshold) and per second. */
  pushedPerPost: number;
  timelineWritesPerS: number;
  /** The most followers one pushed post is copied to: max, or the threshold in a hybrid. */
  largestPush: number;
  /** Timeline writes/s a burst gets: the smallest spare of the workers and the timeline stores. */
  deliveryRate: number;
  bottleneck?: string;
  deliveries: FanoutDeliverer[];
  /** Seconds to copy the largest pushed author's post to every follower (and the p99 author's). */
  largestDeliveryS: number;
  p99DeliveryS?: number;
  deliverWithinS?: number;
  /** Read flows that read the timelines. */
  readers: FanoutReader[];
}

/** Timeline writes/s a component takes in a region at full utilization: every replica of a replicated store applies each write. */
function writeThroughput(c: ModelComponent): number {
  const cap = c.writeCapacityRps ?? c.capacityRps;
  return replicasApplyEveryWrite(c) ? writePartitions(c) * cap : nodesPerRegion(c) * cap;
}

/**
 * What one replica of a worker in `region` can take per second: its capacity, or fewer where its threads run
 * out first. By Little's law a replica's threads carry threads / W messages a second, W the MEAN time a
 * message holds one: its own work, then each write (the network to the store included), each the mean of
 * the log-normal through its p50 and p99. (scalability/thread-capacity sizes threads on p99 holding times,
 * the Hystrix rule with headroom; a rate of delivery is what the threads do on average.)
 */
function workerRate(model: Model, c: ModelComponent, region: string): { rate: number; threads: boolean } {
  if (c.threads === undefined || !(c.threads > 0)) return { rate: c.capacityRps, threads: false };
  let holdMs = lognormalMean(c.latency.p50, c.latency.p99);
  for (const target of c.writes) {
    const t = model.components[target];
    if (!t) continue;
    holdMs += lognormalMean(t.writeLatency.p50, t.writeLatency.p99) + writeNetworkMs(model, t, region);
  }
  if (!(holdMs > 0)) return { rate: c.capacityRps, threads: false };
  const byThreads = (c.threads * 1000) / holdMs;
  return byThreads < c.capacityRps ? { rate: byThreads, threads: true } : { rate: c.capacityRps, threads: false };
}

function deliverer(model: Model, id: string, loads: Record<string, Record<string, RegionLoad>>): FanoutDeliverer | undefined {
  const c = model.components[id];
  if (!c) return undefined;
  const regions = c.kind === 'worker' ? c.regions : replicaRegions(c);
  if (regions.length === 0) return undefined;
  if (c.kind === 'worker') {
    // Workers split the queue between their regions: their throughputs add up.
    let throughput = 0;
    let spare = 0;
    let used = 0;
    let threadBound = false;
    for (const r of regions) {
      const per = workerRate(model, c, r);
      if (per.threads) threadBound = true;
      const t = Math.max(1, c.replicas) * per.rate;
      // From the per-replica rate (2 decimals) rather than the utilization (4): 200,000 / 300,000 stays 2/3.
      const l = loads[id]?.[r];
      const u = l ? (per.rate > 0 ? l.perNodeRate / per.rate : 1) : 0;
      throughput += t;
      spare += t * Math.max(0, 1 - u);
      used += t * u;
    }
    const out: FanoutDeliverer = { component: id, throughput, spare, utilization: throughput > 0 ? used / throughput : 0 };
    if (threadBound) out.threadBound = true;
    return out;
  }
  // A store: every region holding a copy applies every write, so the busiest region sets the pace.
  const t = writeThroughput(c);
  const u = Math.max(0, ...regions.map((r) => loads[id]?.[r]?.utilization ?? 0));
  return { component: id, throughput: t, spare: t * Math.max(0, 1 - u), utilization: u };
}

export function fanoutOnWrite(
  model: Model,
  loads: Record<string, Record<string, RegionLoad>>,
  latencies: Record<string, Record<string, OriginLatency>>,
): FanoutOnWriteMetrics[] | undefined {
  const out: FanoutOnWriteMetrics[] = [];
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    (flow.hops ?? []).forEach((hop, index) => {
      const f = hop.fanoutOnWrite;
      if (!f) return;
      const workers = model.componentOrder.filter((id) => {
        const w = model.components[id]!;
        return w.kind === 'worker' && w.consumes === f.queue;
      });
      const timelines = [...new Set(workers.flatMap((w) => model.components[w]!.writes))];
      const deliveries = [...workers, ...timelines].flatMap((id) => deliverer(model, id, loads) ?? []);
      const slowest = deliveries.reduce<FanoutDeliverer | undefined>((a, d) => (!a || d.spare < a.spare ? d : a), undefined);
      const deliveryRate = slowest?.spare ?? 0;
      const largestPush = f.threshold !== undefined ? Math.min(f.followers.max, f.threshold) : f.followers.max;
      const seconds = (n: number) => (deliveryRate > 0 ? n / deliveryRate : Number.POSITIVE_INFINITY);
      const readers: FanoutReader[] = model.flowOrder
        .map((n) => model.flows[n]!)
        .filter((r) => r.kind === 'read' && r.path.some((id) => timelines.includes(id)))
        .map((r) => {
          const pullCalls =
            f.pullFrom === undefined ? 0 : r.path.reduce((a, id, i) => (id === f.pullFrom ? Math.max(a, r.hops?.[i]?.fanout ?? 1) : a), 0);
          const p99 = Math.max(0, ...Object.values(latencies[r.name] ?? {}).map((l) => l.p99));
          return { flow: r.name, pullCalls, p99, ...(r.budget.p99 !== undefined ? { budgetP99: r.budget.p99 } : {}) };
        });
      const deliverWithinS =
        f.deliverWithinS ?? (model.requirements.maxStalenessMs !== undefined ? model.requirements.maxStalenessMs / 1000 : undefined);
      const pushed = pushedPerPost(f);
      out.push({
        flow: name,
        hop: index,
        queue: f.queue,
        workers,
        timelines,
        postsPerS: flow.rate,
        followers: { ...f.followers },
        celebritiesFollowed: f.celebritiesFollowed,
        pushedPerPost: pushed,
        timelineWritesPerS: flow.rate * pushed,
        largestPush,
        deliveryRate,
        deliveries,
        largestDeliveryS: seconds(largestPush),
        readers,
        ...(slowest ? { bottleneck: slowest.component } : {}),
        ...(f.followers.p99 !== undefined ? { p99DeliveryS: seconds(Math.min(f.followers.p99, largestPush)) } : {}),
        ...(f.threshold !== undefined ? { threshold: f.threshold } : {}),
        ...(f.pullFrom !== undefined ? { pullFrom: f.pullFrom } : {}),
        ...(deliverWithinS !== undefined ? { deliverWithinS } : {}),
      });
    });
  }
  return out.length ? out : undefined;
}
