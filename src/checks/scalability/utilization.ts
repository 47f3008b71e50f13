// scalability/utilization: no component runs hotter than the utilization limit at peak, in any region.
import { SURGE_FACTOR } from '../../analysis/capacity.js';
import type { RegionLoad } from '../../analysis/metrics.js';
import { UTILIZATION_LIMIT } from '../../data/figures.js';
import { queueStory } from '../queueing.js';
import { count, defineCheck, pct, type Finding } from '../types.js';

interface Options {
  /** Highest utilization at peak that passes. */
  maxUtilization: number;
  /** Warn when a 2x surge would saturate a component. */
  checkSurge: boolean;
  /** Fail (rather than warn) when it would. */
  failOnSurge: boolean;
}

/** How one node's load is made up: an even share, or (replicated store) every write plus a share of the reads. */
function loadText(l: RegionLoad): string {
  const perReplica = count(l.capacity / Math.max(1, l.replicas * (l.partitions ?? 1)));
  const reads = l.rate - l.writeRate;
  if (l.partitions !== undefined && l.hottestShare !== undefined) {
    return `the busiest of ${l.partitions} partitions takes ${pct(l.hottestShare, 1)} of ${count(l.writeRate)} writes/s and ${count(reads)} reads/s; each of its ${l.replicas} replicas applies all its writes: ${count(l.perNodeRate)} req/s on a node that serves ${perReplica}`;
  }
  if (!l.everyReplicaWrites) {
    if (!l.merged) return `${count(l.rate)} req/s over ${l.replicas} x ${perReplica}`;
    return `${count(l.rate - l.merged.rate)} req/s plus ${l.merged.from.join(' and ')}'s work merged into it, worth ${count(l.merged.rate)} req/s of its own: ${count(l.rate)} over ${l.replicas} x ${perReplica}`;
  }
  return `each of ${l.replicas} replicas applies all ${count(l.writeRate)} writes/s plus 1/${l.replicas} of ${count(reads)} reads/s: ${count(l.perNodeRate)} req/s on a node that serves ${perReplica}`;
}

export default defineCheck<Options>({
  meta: {
    id: 'scalability/utilization',
    topic: 'scalability',
    title: 'Keep every component below the utilization limit at peak, with room for a surge',
    concept:
      "Utilization is the share of a component's capacity that the traffic uses: the rate that reaches it over what its replicas can serve. " +
      'Replicas of a store scale its reads, not its writes: each replica applies every write, so a write-heavy store gains little from more replicas and needs its writes split (shards) instead. ' +
      'Queueing delay grows slowly at first and then explodes as utilization nears 100 %, so a component past about 80 % at peak is already slow on a bad day: ' +
      'in the M/M/c model the mean wait is C / (c mu - lambda), which grows as 1 / (1 - utilization), and at or above 100 % requests arrive faster than they are served and the queue never drains. ' +
      'Traffic also surges beyond the planned peak, and a tier that cannot absorb twice the peak falls over when it does.',
    computes:
      "Per component and region: the rate reaching it at peak (flow rates split by the users' shares, routed hop by hop, caches absorbing their hits, writes applied by every copy of a store, workers fed by what their queue receives; a service that a problem's service was merged into on a flow also does that one's work for each of its requests, 1 + its capacity / the merged one's of its own requests), per node: stateless tiers, queues, streams and object stores split it evenly, rate / (replicas x capacity per replica); every replica of a replicated store (database, event store, search index, cache) applies every write, so one node carries writes + reads / replicas, over the capacity of one replica; a partitioned store (`partitions`) runs replicas per partition, and its busiest node carries the busiest partition's share of both: its ceil(hot_key_split / count) sub-keys of the hot key, each hot_key_share / hot_key_split, plus its 1 / count of every other key. " +
      'Fails above maxUtilization; warns when the surge factor (2 unless the problem gives another) x that exceeds 100 %. Capacity per replica defaults by kind (SystemForge defaults). ' +
      'Each message also gives the queueing wait this load causes there (M/M/c, Erlang C: c = replicas in that region, mu = capacity per replica, lambda = utilization x c x mu): the share of requests that wait, the p99 wait, and the wait the same replicas would have near saturation; latency/flow-budget adds these waits to the flows.',
    sources: ['systemforge', 'sdcoach', 'erlangC'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxUtilization: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: 'Highest utilization at peak that passes. Default 0.8, where M/M/c queueing delay starts to climb fast.',
        },
        checkSurge: {
          type: 'boolean',
          description:
            'Warn when a 2x surge would take a component past 100%. Default true; a problem that states its own peak may turn it off.',
        },
        failOnSurge: {
          type: 'boolean',
          description: 'Fail instead of warn when a 2x surge would take a component past 100% (for a stage about surges).',
        },
      },
    },
    defaults: { maxUtilization: UTILIZATION_LIMIT, checkSurge: true, failOnSurge: false },
    messages: {
      withinLimit: '{{component}} peaks at {{utilization}} in {{region}} ({{load}}), {{surge}} at a {{surgeFactor}}x surge{{queueing}}',
      withinLimitAtPeak: '{{component}} peaks at {{utilization}} in {{region}} ({{load}}), within the {{limit}} limit{{queueing}}',
      overLimit: '{{component}} in {{region}} runs at {{utilization}} ({{load}}), above the {{limit}} limit{{queueing}}',
      surgeOverflow:
        '{{component}} in {{region}} runs at {{utilization}} ({{load}}); a {{surgeFactor}}x surge takes it to {{surge}}, past 100 %, where its queue grows without bound{{queueing}}',
    },
    hints: {
      overLimit:
        'Compare the rate that reaches this component in that region with what its replicas can serve. Which knob changes the ratio: the replicas, the capacity of each, or how much traffic reaches it at all (a cache in front, another region taking a share)?',
      surgeOverflow:
        'Fine at the planned peak, but a surge doubles the load. Ask what is left at twice the peak, and whether the tier can grow (more replicas) before it saturates.',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    // By key and index (no [id, byRegion] pair per component, no iterator results, no filtered copy before the test).
    const ids = Object.keys(metrics.capacity);
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      const byRegion = metrics.capacity[id]!;
      const loads: RegionLoad[] = [];
      for (const region in byRegion) {
        const l = byRegion[region]!;
        if (l.rate > 0 && Number.isFinite(l.capacity)) loads.push(l);
      }
      if (!loads.length) continue;
      const path = ['components', id, 'replicas'];
      const data = (l: RegionLoad) => ({
        component: id,
        region: l.region,
        utilization: pct(l.utilization, 1),
        rate: count(l.rate),
        replicas: l.replicas,
        load: loadText(l),
        perReplica: count(l.capacity / Math.max(1, l.replicas * (l.partitions ?? 1))),
        surge: pct(l.surgeUtilization, 1),
        surgeFactor: model.surgeFactor ?? SURGE_FACTOR,
        queueing: l.queue ? `; ${queueStory(l.queue, id, l.region)}` : '',
      });
      const evidence = {
        byRegion: Object.fromEntries(
          loads.map((l) => [
            l.region,
            {
              rate: l.rate,
              writeRate: l.writeRate,
              perNodeRate: l.perNodeRate,
              capacity: l.capacity,
              utilization: l.utilization,
              surgeUtilization: l.surgeUtilization,
              ...(l.queue ? { queue: { probWait: l.queue.probWait, meanMs: l.queue.meanMs, p99Ms: l.queue.p99Ms } } : {}),
            },
          ]),
        ),
      };
      let flagged = false;
      for (const l of loads) {
        if (l.utilization > options.maxUtilization) {
          out.push({ status: 'fail', messageId: 'overLimit', data: { ...data(l), limit: pct(options.maxUtilization, 1) }, path, evidence });
          flagged = true;
        } else if ((options.checkSurge || options.failOnSurge) && l.surgeUtilization > 1) {
          out.push({ status: options.failOnSurge ? 'fail' : 'warn', messageId: 'surgeOverflow', data: data(l), path, evidence });
          flagged = true;
        }
      }
      if (!flagged) {
        const busiest = loads.reduce((a, b) => (b.utilization > a.utilization ? b : a));
        const slack = 1 - busiest.utilization / options.maxUtilization;
        if (options.checkSurge) out.push({ status: 'pass', messageId: 'withinLimit', data: data(busiest), path, evidence, slack });
        else
          out.push({
            status: 'pass',
            messageId: 'withinLimitAtPeak',
            data: { ...data(busiest), limit: pct(options.maxUtilization, 1) },
            path,
            evidence,
            slack,
          });
      }
    }
    return out;
  },
});
