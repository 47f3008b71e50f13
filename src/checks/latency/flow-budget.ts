// latency/flow-budget: every flow meets its p50/p99 budget from every region its users are in.
import type { HopLatency, OriginLatency } from '../../analysis/metrics.js';
import { defineCheck, ms, type Finding } from '../types.js';

interface Options {
  /** Fraction over the budget that still passes with a warning (0 = strict). */
  warnMargin: number;
}

/** The hop that costs the most, phrased for feedback: "82 ms is the round trip eu-west -> us-east to orders-db". */
export function biggestCost(l: OriginLatency): string {
  let best: { hop: HopLatency; part: 'network' | 'processing' | 'replication' | 'fanout'; v: number } | undefined;
  for (const hop of l.hops) {
    if (hop.offCriticalPath) continue; // a parallel branch the flow does not wait for at p99
    const parts: ['network' | 'processing' | 'replication' | 'fanout', number][] = [
      ['network', hop.networkMs],
      hop.fanout !== undefined ? ['fanout', hop.total.p99 - hop.networkMs - hop.replicationMs] : ['processing', hop.processing.p99],
      ['replication', hop.replicationMs],
    ];
    for (const [part, v] of parts) if (!best || v > best.v) best = { hop, part, v };
  }
  if (!best) return '';
  const { hop, part, v } = best;
  if (part === 'network') return `${ms(v)} ms is the round trip ${hop.from} -> ${hop.region ?? '?'} to ${hop.component}${hop.reason === 'primary' ? ' (its write primary)' : hop.reason === 'leader' ? ' (its consensus leader)' : ''}`;
  if (part === 'replication') return `${ms(v)} ms is ${hop.component} waiting for ${hop.replicationKind === 'quorum' ? 'a quorum of replicas' : 'its synchronous replica'}`;
  if (part === 'fanout') return `${ms(v)} ms is the slowest of ${hop.fanout} parallel calls to ${hop.component}, whose own p99 is ${ms(hop.processing.p99)} ms (the tail at scale, see latency/fan-out-tail)`;
  return `${ms(v)} ms is ${hop.component}'s own p99${hop.cappedByTimeout ? ' (capped by its timeout)' : ''}`;
}

export default defineCheck<Options>({
  meta: {
    id: 'latency/flow-budget',
    topic: 'latency',
    title: 'Keep every flow within its latency budget from every user region',
    concept:
      'A request pays for every hop on its path: the round trip between the regions of consecutive hops, each component\'s processing time, waits for synchronous replicas, and proxy overhead. ' +
      'Users far from the data pay the long round trips, so a design that is fast in its home region can miss its budget elsewhere. The tail (p99) is what users remember.',
    computes:
      'For each flow and origin region: first-hop RTT from the users\' region to the nearest replica, plus for each hop its processing p50/p99, the RTT from the calling hop\'s region (the last service before it; writes to a single-primary store go to the primary), sync-replica or quorum waits, and mesh overhead; a parallel group or fan-out costs the slowest of its calls (latency/fan-out-tail); compared with budget_ms. p99 adds the hops\' p99s: usually conservative when tails are light, but not an upper bound (percentiles do not add; a heavy-tailed hop can make the true p99 larger).',
    sources: ['azureRtt', 'deanNorvig', 'istioOpenshift'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { warnMargin: { type: 'number', minimum: 0, maximum: 1, description: 'Fraction over budget that only warns.' } },
    },
    defaults: { warnMargin: 0 },
    messages: {
      withinBudget: '{{flow}} {{percentile}} is {{latency}} ms from {{origin}} (slowest region), budget {{budget}} ms',
      overBudget: '{{flow}} {{percentile}} from {{origin}} is {{latency}} ms, budget {{budget}} ms: {{cause}}',
      nearBudget: '{{flow}} {{percentile}} from {{origin}} is {{latency}} ms, just over its {{budget}} ms budget: {{cause}}',
    },
    hints: {
      overBudget: 'Find where the time goes (sdcoach grade --format json shows each hop): a cross-region round trip or one slow component? Serving users from a replica near them, or taking a slow call off the request path, usually beats tuning.',
      nearBudget: 'Close to the line: one extra hop or a noisy neighbour pushes it over. The p99 here adds the hops\' p99s, usually conservative when tails are light but not an upper bound (hops that slow down together, or a heavy-tailed one, can do worse), so a thin margin is no guarantee. Look for a hop you can remove or keep in the same region.',
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
          out.push({ status: 'pass', messageId: 'withinBudget', data: { flow: f.name, percentile, latency: ms(worst[percentile]), origin: worst.origin, budget }, path, evidence, slack: 1 - worst[percentile] / budget });
          continue;
        }
        for (const o of over) {
          const near = o[percentile] <= budget * (1 + options.warnMargin);
          out.push({
            status: near ? 'warn' : 'fail',
            messageId: near ? 'nearBudget' : 'overBudget',
            data: { flow: f.name, percentile, latency: ms(o[percentile]), origin: o.origin, budget, cause: biggestCost(o) },
            path,
            evidence: {
              ...evidence,
              hops: o.hops.map((h) => ({ component: h.component, region: h.region, networkMs: h.networkMs, processing: h.processing[percentile], replicationMs: h.replicationMs, mesh: h.mesh[percentile] })),
            },
          });
        }
      }
    }
    return out;
  },
});
