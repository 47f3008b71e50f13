// latency/flow-budget: every flow meets its p50/p99 budget from every region its users are in.
import type { HopLatency, Metrics, OriginLatency } from '../../analysis/metrics.js';
import { queueStory } from '../queueing.js';
import { defineCheck, ms, pct, type Finding } from '../types.js';

interface Options {
  /** Fraction over the budget that still passes with a warning (0 = strict). */
  warnMargin: number;
}

/**
 * The largest single contributor to a flow's latency at a percentile, phrased for feedback with its share:
 * a round trip, a component's processing, a sync/quorum wait, an aggregate's event replay, a fan-out's tail,
 * or the mesh (its overhead summed over every call on the path, since it is one design decision paid per call).
 */
type PartKind = 'network' | 'fanout' | 'processing' | 'queue' | 'replay' | 'replication' | 'mesh';
interface Largest {
  v: number;
  kind?: PartKind | undefined;
  hop?: HopLatency | undefined;
}

export function biggestCost(
  l: OriginLatency,
  percentile: 'p50' | 'p99' = 'p99',
  capacity?: Metrics['capacity'],
  /** The total the share is of: the flow's own latency unless told (a read through caches: its miss path's). */
  of: number = l[percentile],
): string {
  const story = (hop: HopLatency) => {
    const q = hop.region !== undefined ? capacity?.[hop.component]?.[hop.region]?.queue : undefined;
    return q ? queueStory(q, hop.component, hop.region) : `the wait for a free replica of ${hop.component}`;
  };
  // The largest part, the first of equals in the order below. Only its words are written (a queue's story
  // computes a wait near saturation), and no object per part is made (three or four per hop of every origin over budget).
  const best: Largest = { v: 0 };
  const consider = (v: number, kind: PartKind, hop?: HopLatency) => {
    if (best.kind === undefined || v > best.v) {
      best.v = v;
      best.kind = kind;
      best.hop = hop;
    }
  };
  for (const hop of l.hops) {
    if (hop.offCriticalPath) continue; // a parallel branch the flow does not wait for at p99
    consider(hop.networkMs, 'network', hop);
    if (hop.fanout !== undefined) consider(hop.total[percentile] - hop.networkMs - hop.replicationMs, 'fanout', hop);
    else consider(hop.processing[percentile], 'processing', hop);
    if (hop.queueWait && hop.queueWait[percentile] > 0) consider(hop.queueWait[percentile], 'queue', hop);
    if (hop.replay) consider(hop.replay[percentile], 'replay', hop);
    if (hop.replicationMs > 0) consider(hop.replicationMs, 'replication', hop);
  }
  const mesh = l.meshMs[percentile];
  let calls = 0;
  for (const h of l.hops) if (h.mesh[percentile] > 0) calls++;
  if (mesh > 0) consider(mesh, 'mesh');
  if (best.kind === undefined) return '';
  const hop = best.hop!;
  const text = (kind: PartKind): string => {
    switch (kind) {
      case 'network':
        return `the round trip ${hop.from} -> ${hop.region ?? '?'} to ${hop.component}${hop.reason === 'primary' ? ' (its write primary)' : hop.reason === 'leader' ? ' (its consensus leader)' : hop.reason === 'written' ? ' (the nearest copy its writes reach: replication none)' : ''}`;
      case 'fanout':
        return `the slowest of ${hop.fanout} parallel calls to ${hop.component}, whose own p99 is ${ms(hop.processing.p99)} ms (the tail at scale, see latency/fan-out-tail)`;
      case 'processing':
        return `${hop.component}'s own ${percentile}${hop.cappedByTimeout ? ' (capped by its timeout)' : ''}`;
      case 'queue':
        return `the queue in front of ${hop.component}: ${story(hop)}`;
      case 'replay':
        return `loading the aggregate from ${hop.component}, which replays its events since the last snapshot`;
      case 'replication':
        return hop.replicationKind === 'quorum'
          ? `${hop.component} waiting for a quorum of its voters (the leader's round trip to the nearest majority)`
          : hop.replicationKind === 'counter'
            ? `${hop.component} asking its global rate limit's counter (the round trip from ${hop.region ?? '?'} to the counter's region, its first)`
            : `${hop.component} waiting for its synchronous replica (the round trip from ${hop.region ?? '?'} to the farthest copy)`;
      case 'mesh':
        return `the service mesh's overhead, paid on each of ${calls} call${calls === 1 ? '' : 's'} through a mesh proxy`;
    }
  };
  const bestText = text(best.kind);
  const total = of;
  const share = total > 0 ? ` (${Math.round((best.v / total) * 100)}% of the ${ms(total)} ms)` : '';
  // The longest queue on the path, when it is not already the largest part: how close to saturation it runs.
  const queued = longestQueue(l, percentile);
  const queueing = queued && !bestText.startsWith(`the queue in front of ${queued.component}:`) ? `; ${story(queued)}` : '';
  return `the largest part is ${ms(best.v)} ms${share}, ${bestText}${queueing}`;
}

/**
 * Why a read through caches has the latency it has at this percentile: the mixture of its hit and miss paths
 * (analysis/latency.ts). When the percentile lies in the miss path (more than 1 - q of the requests miss and
 * the miss path is the slowest), the cause is the miss path's largest part; otherwise the hit paths'.
 */
export function mixtureCause(l: OriginLatency, percentile: 'p50' | 'p99', capacity?: Metrics['capacity']): string {
  const c = l.cache;
  if (!c) return biggestCost(l, percentile, capacity);
  const q = percentile === 'p50' ? 0.5 : 0.99;
  const hits = c.hits.map((h) => `${pct(h.share, 2)} hit ${h.cache} (${percentile} ${ms(h[percentile])} ms)`).join(', ');
  const inMiss = c.miss.share > 1 - q && c.hits.every((h) => h[percentile] < c.miss[percentile]);
  const story = `${hits}; the ${pct(c.miss.share, 2)} that miss take the whole path (${percentile} ${ms(c.miss[percentile])} ms)`;
  return inMiss
    ? `${story}, so the ${percentile} lies in the miss path, where ${biggestCost(l, percentile, capacity, c.miss[percentile])}`
    : `${story}; the ${percentile} lies in the hit path${c.hits.length > 1 ? 's' : ''}: ${biggestCost(l, percentile, capacity, c.miss[percentile])} (of the miss path)`;
}

/** The hop on the critical path with the longest queue wait at this percentile (unbounded first), if any waits. */
export function longestQueue(l: OriginLatency, percentile: 'p50' | 'p99' = 'p99'): HopLatency | undefined {
  let best: HopLatency | undefined;
  for (const hop of l.hops) {
    if (hop.offCriticalPath || !hop.queueWait) continue;
    const v = hop.queueWait[percentile];
    if (!(Math.round(v * 10) > 0)) continue; // rounds to 0.0 ms: nothing to teach
    if (!best || v > best.queueWait![percentile]) best = hop;
  }
  return best;
}

/** Why a flow has no finite latency: the first hop on its critical path whose queue grows without bound. */
export function unboundedCause(l: OriginLatency, capacity: Metrics['capacity']): string {
  const hop = l.hops.find((h) => !h.offCriticalPath && h.queueWait !== undefined && !Number.isFinite(h.queueWait.p99));
  const q = hop?.region !== undefined ? capacity[hop.component]?.[hop.region]?.queue : undefined;
  if (hop && q) return queueStory(q, hop.component, hop.region);
  return 'a component on its path runs at or above 100 % of its capacity, so the queue in front of it grows without bound';
}

export default defineCheck<Options>({
  meta: {
    id: 'latency/flow-budget',
    topic: 'latency',
    title: 'Keep every flow within its latency budget from every user region',
    concept:
      "A request pays for every hop on its path: the round trip between the regions of consecutive hops, each component's processing time, the wait in the queue in front of its replicas, waits for synchronous replicas, and proxy overhead. " +
      'The queue wait is small at moderate load and explodes near saturation (it grows as 1 / (1 - utilization)); at or above 100 % the queue grows without bound and the flow has no latency to speak of: it is unbounded. ' +
      'Users far from the data pay the long round trips, so a design that is fast in its home region can miss its budget elsewhere. The tail (p99) is what users remember.',
    computes:
      "For each flow and origin region: first-hop RTT from the users' region to the nearest replica, plus for each hop its processing p50/p99 with the M/M/c queue wait in front of its replicas in that region (Erlang C, c = replicas there, mu = capacity per replica, lambda from scalability/utilization's load; p50 adds the mean wait, p99 the wait's p99, at least the mean), the RTT from the calling hop's region (the last service before it; writes to a single-primary store go to the primary; reads of a store with replication none go to the nearest copy its writes land in), sync-replica or quorum waits, and mesh overhead; a parallel group or fan-out costs the slowest of its calls (latency/fan-out-tail); compared with budget_ms. p99 adds the hops' p99s: usually conservative when tails are light, but not an upper bound (percentiles do not add; a heavy-tailed hop can make the true p99 larger)." +
      "A failure names the largest single contributor at that percentile and its share: a round trip, a component's processing, a queue wait, a sync or quorum wait, an event-sourced aggregate's replay, a fan-out's tail, or the mesh overhead summed over the calls it is paid on, and the longest queue on the path with the wait the same replicas would have near saturation. " +
      'A flow through a component at or above 100 % utilization is unbounded and fails, whatever its budget. ' +
      'A read through caches or CDNs is graded on the mixture of its hit paths (ending at the cache that answers) and its miss path, each weighted by the share of requests that take it (latency/miss-path-budget grades the miss path alone); a cache inside a parallel branch splits that branch the same way.',
    sources: ['azureRtt', 'deanNorvig', 'istioOpenshift', 'erlangC'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { warnMargin: { type: 'number', minimum: 0, maximum: 1, description: 'Fraction over budget that only warns.' } },
    },
    defaults: { warnMargin: 0 },
    messages: {
      withinBudget: '{{flow}} {{percentile}} is {{latency}} ms from {{origin}} (slowest region), budget {{budget}} ms',
      withinBudgetCached:
        '{{flow}} {{percentile}} is {{latency}} ms from {{origin}} (slowest region), budget {{budget}} ms: the mixture of {{hit}} cache hits (up to {{hitLatency}} ms) and {{miss}} misses ({{missLatency}} ms)',
      overBudget: '{{flow}} {{percentile}} from {{origin}} is {{latency}} ms, budget {{budget}} ms: {{cause}}',
      nearBudget: '{{flow}} {{percentile}} from {{origin}} is {{latency}} ms, just over its {{budget}} ms budget: {{cause}}',
      unbounded: '{{flow}} {{percentile}} from {{origin}} is unbounded, budget {{budget}} ms: {{cause}}',
    },
    hints: {
      overBudget:
        'Find where the time goes (sdcoach grade --format json shows each hop): a cross-region round trip or one slow component? Serving users from a replica near them, or taking a slow call off the request path, usually beats tuning.',
      unbounded:
        'No budget survives a queue that never drains. Bring that component below 100 % (and below the utilization limit, where the wait is still small): more replicas there, bigger ones, or less traffic reaching it (a cache in front, another region taking a share).',
      nearBudget:
        "Close to the line: one extra hop or a noisy neighbour pushes it over. The p99 here adds the hops' p99s, usually conservative when tails are light but not an upper bound (hops that slow down together, or a heavy-tailed one, can do worse), so a thin margin is no guarantee. Look for a hop you can remove or keep in the same region.",
    },
  },
  run({ metrics, options }) {
    const out: Finding[] = [];
    for (const f of Object.values(metrics.flows)) {
      for (const percentile of ['p50', 'p99'] as const) {
        const budget = f.budget[percentile];
        if (budget === undefined) continue;
        const origins = Object.values(f.origins);
        if (!origins.length) continue;
        const worst = origins.reduce((a, b) => (b[percentile] > a[percentile] ? b : a), origins[0]!);
        const over = origins.filter((o) => o[percentile] > budget).sort((a, b) => b[percentile] - a[percentile]);
        const evidence = { budget, byOrigin: Object.fromEntries(origins.map((o) => [o.origin, o[percentile]])) };
        const path = ['flows', f.name, 'budget_ms', percentile];
        if (!over.length) {
          const c = worst.cache;
          out.push({
            status: 'pass',
            messageId: c ? 'withinBudgetCached' : 'withinBudget',
            data: {
              flow: f.name,
              percentile,
              latency: ms(worst[percentile]),
              origin: worst.origin,
              budget,
              ...(c
                ? {
                    hit: pct(c.hitShare, 2),
                    hitLatency: ms(Math.max(...c.hits.map((h) => h[percentile]))),
                    miss: pct(c.miss.share, 2),
                    missLatency: ms(c.miss[percentile]),
                  }
                : {}),
            },
            path,
            evidence,
            slack: 1 - worst[percentile] / budget,
          });
          continue;
        }
        for (const o of over) {
          if (!Number.isFinite(o[percentile])) {
            out.push({
              status: 'fail',
              messageId: 'unbounded',
              data: { flow: f.name, percentile, origin: o.origin, budget, cause: unboundedCause(o, metrics.capacity) },
              path,
              evidence: {
                ...evidence,
                hops: o.hops.map((h) => ({ component: h.component, region: h.region, queueWaitMs: h.queueWait?.[percentile] ?? 0 })),
              },
            });
            continue;
          }
          const near = o[percentile] <= budget * (1 + options.warnMargin);
          out.push({
            status: near ? 'warn' : 'fail',
            messageId: near ? 'nearBudget' : 'overBudget',
            data: {
              flow: f.name,
              percentile,
              latency: ms(o[percentile]),
              origin: o.origin,
              budget,
              cause: mixtureCause(o, percentile, metrics.capacity),
            },
            path,
            evidence: {
              ...evidence,
              hops: o.hops.map((h) => ({
                component: h.component,
                region: h.region,
                networkMs: h.networkMs,
                processing: h.processing[percentile],
                queueWaitMs: h.queueWait?.[percentile] ?? 0,
                replicationMs: h.replicationMs,
                mesh: h.mesh[percentile],
              })),
            },
          });
        }
      }
    }
    return out;
  },
});
