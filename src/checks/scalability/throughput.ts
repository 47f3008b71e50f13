// scalability/throughput: a batch flow (crawler, aggregation job) sustains the items per second it needs.
import type { BatchThroughput, ThroughputLimit } from '../../analysis/metrics.js';
import { UTILIZATION_LIMIT } from '../../data/figures.js';
import { count, defineCheck, pct, type Finding } from '../types.js';

interface Options {
  /** Highest utilization a component may run at. */
  maxUtilization: number;
  /** Highest share of a replica's threads (or a pool's) that may be held. */
  maxThreadShare: number;
  /** Items/s each batch flow must sustain, by flow name (a problem's target; else the spec's). */
  minItemsPerS?: Record<string, number>;
}

/** The rate a limit lets the job reach: what is left under the allowed share over what one item/s uses. */
export function limitRate(l: ThroughputLimit, options: Pick<Options, 'maxUtilization' | 'maxThreadShare'>): number {
  const share = l.kind === 'capacity' ? options.maxUtilization : options.maxThreadShare;
  return Math.max(0, l.available * share - l.others) / l.perItem;
}

/** Three significant figures: a per-item cost is often a small fraction. */
const sig = (n: number): string => String(Number(n.toPrecision(3)));

function describe(l: ThroughputLimit, t: BatchThroughput, options: Options): string {
  const by = l.sharedWith.length ? ` by ${l.sharedWith.join(', ')}` : '';
  if (l.kind === 'capacity')
    return `${l.component} in ${l.region}: (${pct(options.maxUtilization, 1)} allowed - ${pct(l.others, 1)} used${by}) / ${pct(l.perItem, 4)} per ${t.item}/s`;
  const what =
    l.kind === 'pool'
      ? `${l.component}'s ${l.pool} pool of ${count(l.available)}`
      : `${l.component}'s ${count(l.available)} threads per replica`;
  return `${what} (Little's law: each ${t.item}/s holds ${sig(l.perItem)} threads per replica, rate x holding time / replicas${l.others > 0 ? `; ${count(l.others)} held${by}` : ''})`;
}

export default defineCheck<Options>({
  meta: {
    id: 'scalability/throughput',
    topic: 'scalability',
    title: 'Let every batch job sustain the items per second it needs, without starving the user flows',
    concept:
      'A batch job (a crawler, an aggregation, a nightly export) has no user waiting on one request: it is judged on how many items per second it gets through, and that is set by its slowest hop. ' +
      "Each hop caps it at what that hop has left after everything else it serves, divided by what one item costs there: fan-out multiplies the cost, and by Little's law a hop that holds a thread while it waits (a slow page fetch) needs rate x holding time threads. " +
      'A job that shares a store or a tier with user flows takes their headroom: run flat out it starves them, so it must be paced or given its own capacity.',
    computes:
      "Per batch flow (`throughput` on a flow), for every hop it loads: components: (maxUtilization - the utilization of the other flows there) / the utilization one item/s adds (the same load computation as scalability/utilization: fan-out, caches, replicas applying writes, workers' projections); " +
      "threads and bulkhead pools of its callers: (threads x maxThreadShare - threads the other flows hold) / threads one item/s holds per replica (Little's law with p99 holding times, as scalability/thread-capacity). " +
      "The smallest is what the job sustains and its hop the bottleneck. Fails when that is below the target (items_per_s, items / window_s, or the problem's), when the job is paced (rate) below its target, or when at its rate it takes a hop it shares with other flows past the limit (it starves them).",
    sources: ['littlesLaw', 'hystrix', 'systemforge'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        maxUtilization: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: 'Highest utilization a component may run at. Default 0.8.',
        },
        maxThreadShare: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: 1,
          description: "Highest share of a replica's threads or a pool the job may fill. Default 1 (p99 holding times already).",
        },
        minItemsPerS: {
          type: 'object',
          additionalProperties: { type: 'number', exclusiveMinimum: 0 },
          description: "Items/s each batch flow must sustain, by flow name: the problem's target, which a spec cannot lower.",
        },
      },
    },
    defaults: { maxUtilization: UTILIZATION_LIMIT, maxThreadShare: 1 },
    messages: {
      sustains:
        '{{flow}} sustains {{achievable}} {{item}}s/s, {{target}} needed ({{headroom}} of the target to spare); the bottleneck is {{bottleneck}}',
      short: '{{flow}} sustains only {{achievable}} {{item}}s/s of the {{target}} it needs: the bottleneck is {{bottleneck}}',
      targetBelow:
        "{{flow}} aims at {{stated}} {{item}}s/s, below the {{target}} the problem needs: its load on what it shares is counted at the spec's figure",
      pacedBelow: '{{flow}} is paced at {{rate}} {{item}}s/s (rate), below the {{target}} it needs{{window}}',
      starves:
        'at {{rate}} {{item}}s/s {{flow}} takes {{component}}{{region}} to {{load}}, past the {{limit}} limit, and shares it with {{sharedWith}}: their requests queue behind the job',
    },
    hints: {
      short:
        'Find the hop that runs out first. What does one item cost there (calls per item, fan-out, time holding a thread), and what is left of it after the other flows? Then change that hop: more replicas or threads, its own pool or capacity, or fewer calls per item.',
      targetBelow: 'Work the target out from the problem: how many items, in what window? items / window_s is the rate the job must hold.',
      pacedBelow:
        'The job is throttled below what it must get through. What rate does the target imply (items / window)? Pace it at least there.',
      starves:
        'The batch job and the user flows draw on the same component. Who loses when the job runs flat out? Give the job its own capacity (a separate replica or pool), or pace it so the shared component stays under the limit.',
    },
  },
  run({ metrics, options }) {
    const out: Finding[] = [];
    for (const t of Object.values(metrics.throughput ?? {})) {
      const path = ['flows', t.flow, 'throughput'];
      const target = options.minItemsPerS?.[t.flow] ?? t.target;
      const window = t.items !== undefined && t.windowS !== undefined ? ` (${count(t.items)} in ${count(t.windowS)} s)` : '';
      if (!t.paced && t.target < target)
        out.push({
          status: 'fail',
          messageId: 'targetBelow',
          data: { flow: t.flow, item: t.item, stated: count(t.target), target: count(target) },
          path,
          evidence: { stated: t.target, target },
        });
      else if (t.rate < target) {
        out.push({
          status: 'fail',
          messageId: 'pacedBelow',
          data: { flow: t.flow, item: t.item, rate: count(t.rate), target: count(target), window },
          path: ['flows', t.flow, 'rate'],
          evidence: { rate: t.rate, target },
        });
      }
      for (const l of t.limits) {
        if (l.sharedWith.length === 0) continue;
        const share = l.kind === 'capacity' ? options.maxUtilization : options.maxThreadShare;
        const used = l.others + t.rate * l.perItem;
        if (used > share * l.available && l.others <= share * l.available) {
          out.push({
            status: 'fail',
            messageId: 'starves',
            data: {
              flow: t.flow,
              item: t.item,
              rate: count(t.rate),
              component:
                l.kind === 'pool' ? `${l.component}'s ${l.pool} pool` : l.kind === 'threads' ? `${l.component}'s threads` : l.component,
              region: l.region ? ` in ${l.region}` : '',
              load: l.kind === 'capacity' ? pct(used, 1) : `${count(used)} of ${count(l.available)} threads per replica`,
              limit: pct(share, 1),
              sharedWith: l.sharedWith.join(', '),
            },
            path,
            evidence: { ...l, used },
          });
        }
      }
      const ranked = t.limits.map((l) => ({ l, rate: limitRate(l, options) })).sort((a, b) => a.rate - b.rate);
      const worst = ranked[0];
      if (!worst) continue;
      const data = {
        flow: t.flow,
        item: t.item,
        achievable: count(worst.rate),
        target: count(target),
        bottleneck: describe(worst.l, t, options),
      };
      const evidence = { target, rate: t.rate, achievable: worst.rate, limits: ranked.map((r) => ({ ...r.l, rate: r.rate })) };
      if (worst.rate < target) out.push({ status: 'fail', messageId: 'short', data, path, evidence });
      else
        out.push({
          status: 'pass',
          messageId: 'sustains',
          data: { ...data, headroom: pct(worst.rate / target - 1, 1) },
          path,
          evidence,
          slack: Math.max(0, 1 - target / worst.rate),
        });
    }
    return out;
  },
});
