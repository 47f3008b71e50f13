// latency/miss-path-budget: a read through a cache or CDN meets its miss-path budget (miss_budget_ms) from
// every user region: the users who miss every cache pay the whole path, however good the hit ratio is.
import { defineCheck, ms, pct, type Finding } from '../types.js';
import { biggestCost } from './flow-budget.js';

export default defineCheck({
  meta: {
    id: 'latency/miss-path-budget',
    topic: 'latency',
    title: 'Keep the miss path of a cached read within its own budget',
    concept:
      'A read through a cache (or a CDN) ends at the first cache that has the answer; the rest go on to the store or origin behind it. ' +
      "Its latency is a mixture: with a 95 % hit ratio the flow's p99 already lies in the miss path (at the miss path's own 80th percentile, 1 - 0.01 / 0.05), and at 99.5 % it lies inside the hit path, so a good hit ratio can hide a miss path that crosses an ocean. " +
      'The users who miss are real users (a cold key, a new video, a new region): a miss-path budget says how long they may wait.',
    computes:
      "For each read flow with miss_budget_ms and a cache or CDN on its critical path (with something behind it), from every origin region: the miss path's p50 and p99, its hops in sequence (network round trips, processing, queue waits, replication waits, mesh overhead, as latency/flow-budget adds them, without the mixture); compared with miss_budget_ms. A failure names the miss path's largest part (a round trip across regions to the origin, a slow store) and the share of requests that take it.",
    sources: ['azureRtt', 'deanNorvig', 'taoHitRate'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      withinBudget: '{{flow}} miss path {{percentile}} is {{latency}} ms from {{origin}} (slowest region), miss budget {{budget}} ms',
      overBudget:
        '{{flow}} miss path {{percentile}} from {{origin}} is {{latency}} ms, miss budget {{budget}} ms ({{share}} of its requests miss every cache): {{cause}}',
      noCache: '{{flow}} has a miss budget but no cache or CDN on its path with anything behind it: every request takes the whole path',
    },
    hints: {
      overBudget:
        'Which part of the miss path is long: a round trip from the edge or cache to an origin in another region, or the store itself? A miss that crosses an ocean is fixed by putting a copy of the origin (a replica, an origin shield) near the users, not by a higher hit ratio.',
      noCache:
        'miss_budget_ms grades the requests a cache or CDN does not answer. Put the cache on the path, or grade the flow with budget_ms alone.',
    },
  },
  run({ metrics }) {
    const out: Finding[] = [];
    for (const f of Object.values(metrics.flows)) {
      const budget = f.missBudget;
      if (!budget || f.kind !== 'read') continue;
      const origins = Object.values(f.origins);
      if (!origins.length) continue;
      if (!origins.some((o) => o.cache)) {
        out.push({ status: 'warn', messageId: 'noCache', data: { flow: f.name }, path: ['flows', f.name, 'miss_budget_ms'] });
        continue;
      }
      for (const percentile of ['p50', 'p99'] as const) {
        const b = budget[percentile];
        if (b === undefined) continue;
        const path = ['flows', f.name, 'miss_budget_ms', percentile];
        const cached = origins.filter((o) => o.cache);
        const missOf = (o: (typeof cached)[number]) => o.cache!.miss[percentile];
        const over = cached.filter((o) => missOf(o) > b).sort((x, y) => missOf(y) - missOf(x));
        const evidence = { budget: b, byOrigin: Object.fromEntries(cached.map((o) => [o.origin, missOf(o)])) };
        if (!over.length) {
          const worst = cached.reduce((a, o) => (missOf(o) > missOf(a) ? o : a), cached[0]!);
          out.push({
            status: 'pass',
            messageId: 'withinBudget',
            data: { flow: f.name, percentile, latency: ms(missOf(worst)), origin: worst.origin, budget: b },
            path,
            evidence,
            slack: 1 - missOf(worst) / b,
          });
          continue;
        }
        for (const o of over)
          out.push({
            status: 'fail',
            messageId: 'overBudget',
            data: {
              flow: f.name,
              percentile,
              latency: ms(missOf(o)),
              origin: o.origin,
              budget: b,
              share: pct(o.cache!.miss.share, 2),
              cause: Number.isFinite(missOf(o))
                ? biggestCost(o, percentile, metrics.capacity, missOf(o))
                : 'a component on it runs at or above 100 %',
            },
            path,
            evidence,
          });
      }
    }
    return out;
  },
});
