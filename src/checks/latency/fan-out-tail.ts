// latency/fan-out-tail: a flow that waits for many parallel calls pays their tail, not their p99.
import type { OriginLatency, ParallelLatency } from '../../analysis/metrics.js';
import { perCallQuantile, shareHittingTail } from '../../analysis/tail.js';
import type { ModelFlow } from '../../specfile/model.js';
import { hopSpecPath } from '../../specfile/steps.js';
import { defineCheck, ms, pct, type Finding, type FindingData } from '../types.js';

/** The component ids of each branch, for the message: "ads-api, profile-api -> profile-db and shard-db". */
function branchNames(o: OriginLatency, g: ParallelLatency): string {
  const names = g.branches.map((b) => b.hops.map((i) => o.hops[i]!.component).join(' -> ') + (b.fanout > 1 ? ` (x${b.fanout})` : ''));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]!;
}

/** How many calls the flow waits for at once: every branch, a fan-out's N copies each. */
function callCount(g: ParallelLatency): number {
  return g.branches.reduce((a, b) => a + b.fanout, 0);
}

export default defineCheck<Record<string, never>>({
  meta: {
    id: 'latency/fan-out-tail',
    topic: 'latency',
    title: 'Budget for the tail when a request waits for many parallel calls',
    concept:
      "A request that calls several components in parallel finishes when the slowest call returns, so it pays more than any one call's p99: " +
      'if a request fans out to 100 shards and each is slower than its p99 1% of the time, 63% of requests (1 - 0.99^100) wait for at least one such straggler ("The Tail at Scale", Dean and Barroso, 2013). ' +
      "The p99 of the whole request is each call's 0.99^(1/100) = 99.99th percentile. Fewer, larger partitions, hedged or tied requests, and a tighter per-call tail are the remedies; averaging does not help.",
    computes:
      "For each parallel group or fan-out step on a flow's path (slowest origin): each branch's latency as a fixed network part plus a log-normal fitted to its p50 and p99 (mu = ln p50, sigma = (ln p99 - ln p50) / 2.326); " +
      "N identical calls cost the single call's 0.99^(1/N) quantile, different branches the t where the product of their CDFs is 0.99. " +
      "Fails when the flow misses its p99 budget only because of that tail: with the group costing its slowest branch's own p99 it would fit.",
    sources: ['deanBarroso', 'normalQuantiles'],
    optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
    defaults: {},
    messages: {
      fanOutTail:
        "{{flow}} waits for the slowest of {{calls}} parallel calls to {{target}}: each call's p99 is {{single}} ms, but the slowest of {{calls}} is {{tail}} ms at p99 " +
        "(each call's {{quantile}} percentile, from a log-normal fitted to its processing p50 {{p50}} / p99 {{p99}} ms); {{share}} of requests meet a call slower than its p99. " +
        'That tail puts the flow at {{latency}} ms from {{origin}}, over its {{budget}} ms budget, which it would meet at {{without}} ms',
      fanOutWithin:
        '{{flow}} waits for the slowest of {{calls}} parallel calls to {{target}}: {{tail}} ms at p99 against {{single}} ms for one call (the tail at scale), and the flow stays within budget',
      parallelTail:
        "{{flow}} calls {{target}} in parallel and waits for the slowest: the group costs {{tail}} ms at p99, more than its slowest branch's own {{single}} ms, " +
        'because with {{calls}} calls it is likelier that one of them is slow. That puts the flow at {{latency}} ms from {{origin}}, over its {{budget}} ms budget, which it would meet at {{without}} ms',
      parallelWithin:
        '{{flow}} calls {{target}} in parallel: the group costs {{tail}} ms at p99 (slowest branch alone {{single}} ms), not the sum of the branches, and the flow stays within budget',
    },
    hints: {
      fanOutTail:
        'Every extra shard in a fan-out is one more chance to wait for a straggler. Query fewer shards per request (bigger partitions, or route by key), send a hedged request to a second replica when a call is slower than its p95, or cut the per-call tail (p99) itself.',
      parallelTail:
        'A parallel group is only as fast as its slowest call, and a little slower again because any one branch can straggle. Make the slowest branch faster, take a branch off the request path (prefetch, cache it), or hedge its calls.',
    },
  },
  run({ model, metrics }) {
    const out: Finding[] = [];
    for (const f of Object.values(metrics.flows)) {
      const flow = model.flows[f.name];
      if (!flow) continue;
      const worst = f.worst;
      for (const g of worst.parallel ?? []) out.push(finding(flow, worst, g, f.budget.p99));
    }
    return out;
  },
});

function finding(flow: ModelFlow, o: OriginLatency, g: ParallelLatency, budget: number | undefined): Finding {
  const slowest = g.branches[g.slowest]!;
  const extra = g.p99 - slowest.p99;
  const without = o.p99 - extra;
  const calls = callCount(g);
  const breaks = budget !== undefined && o.p99 > budget && without <= budget;
  const data: FindingData = {
    flow: flow.name,
    target: branchNames(o, g),
    calls,
    tail: ms(g.p99),
    single: ms(slowest.p99),
    origin: o.origin,
    latency: ms(o.p99),
    without: ms(without),
    budget: budget ?? 'no',
  };
  const path =
    g.kind === 'fanout' ? [...hopSpecPath(flow, g.step), ...(flow.hops?.[g.step] ? ['fanout'] : [])] : [...flow.specPath, 'path', g.step];
  const evidence = {
    origin: o.origin,
    kind: g.kind,
    branches: g.branches,
    p50: g.p50,
    p99: g.p99,
    slowestBranchP99: slowest.p99,
    tailMs: extra,
    flowP99: o.p99,
    budget: budget ?? null,
  };
  if (g.kind === 'fanout') {
    const hop = o.hops[slowest.hops[0]!]!;
    Object.assign(data, {
      target: hop.component,
      quantile: `${Number((perCallQuantile(calls) * 100).toFixed(2))}th`,
      p50: ms(hop.single!.p50 - hop.networkMs - hop.replicationMs),
      p99: ms(hop.single!.p99 - hop.networkMs - hop.replicationMs),
      share: pct(shareHittingTail(calls), 1),
    });
    return { status: breaks ? 'fail' : 'pass', messageId: breaks ? 'fanOutTail' : 'fanOutWithin', data, path, evidence };
  }
  return { status: breaks ? 'fail' : 'pass', messageId: breaks ? 'parallelTail' : 'parallelWithin', data, path, evidence };
}
