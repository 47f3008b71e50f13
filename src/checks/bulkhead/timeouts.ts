// bulkhead/timeouts: every call to an external dependency has a timeout, shorter than the flow's p99 budget
// and not inside the dependency's healthy tail (at or above its p99.9: below, it fails healthy calls).
import { lognormalQuantile, shareSlowerThan } from '../../analysis/tail.js';
import { MAX_TIMEOUT_CUT_OFF } from '../../data/figures.js';
import type { Model, ModelComponent, ModelFlow } from '../../specfile/model.js';
import type { SpecPath } from '../../specfile/diagnostic.js';
import { defineCheck, ms, pct, type Finding } from '../types.js';

const CUT_OFF_TOLERANCE = 1e-6;

interface Options {
  /** Largest share of healthy calls a timeout may cut off. */
  maxCutOff: number;
  /** Only the stated timeouts' cut-off (the guard every problem stage carries). */
  cutOffOnly: boolean;
}

const RUNS_CODE = new Set(['service', 'gateway', 'worker']);

interface ExternalCall {
  caller: ModelComponent;
  dependency: ModelComponent;
  /** Flows that make the call. */
  flows: ModelFlow[];
}

/** The caller's pool timeout for a dependency, else the dependency's own timeout_ms. */
const timeoutOf = (caller: ModelComponent, dep: ModelComponent): number | undefined =>
  caller.pools.find((p) => p.dependency === dep.id)?.timeoutMs ?? dep.timeoutMs;

/**
 * Calls to external dependencies, and calls to anything else that has a timeout, by caller: the last
 * code-running hop before the dependency.
 */
function externalCalls(model: Model): ExternalCall[] {
  const calls = new Map<string, ExternalCall>();
  for (const name of model.flowOrder) {
    const flow = model.flows[name]!;
    let caller: ModelComponent | undefined;
    for (const id of flow.path) {
      const c = model.components[id]!;
      if (caller && (c.kind === 'external' || timeoutOf(caller, c) !== undefined)) {
        const key = `${caller.id}\u0000${c.id}`;
        const call = calls.get(key) ?? { caller, dependency: c, flows: [] };
        if (!call.flows.includes(flow)) call.flows.push(flow);
        calls.set(key, call);
      }
      if (RUNS_CODE.has(c.kind)) caller = c;
    }
  }
  return [...calls.values()];
}

export default defineCheck<Options>({
  meta: {
    id: 'bulkhead/timeouts',
    topic: 'bulkhead',
    title: "Put a timeout on every external call, shorter than the flow's budget",
    concept:
      'A pool limits how many threads a slow dependency can hold; a timeout limits how long it holds each one. ' +
      "Without a timeout, a hung third-party API keeps threads forever and Little's law has no upper bound. " +
      "The timeout must also be shorter than the request's own latency budget, or the request has already failed its users by the time the timeout fires.",
    computes:
      "For each call from a service, gateway or worker to an external dependency on a flow: the timeout is the caller's pool timeout_ms for that dependency, else the dependency's timeout_ms. " +
      'It must exist, and be below the p99 budget (budget_ms.p99) of every flow that makes the call. ' +
      "It must also let healthy calls finish: the share of calls slower than the timeout, estimated from the dependency's p50 and p99 with a fitted log-normal (ln latency normal, median p50, 99th percentile p99), must not exceed maxCutOff (0.1 %: a timeout at or above the healthy p99.9, as Amazon sets them). " +
      "Calls to non-external components are checked the same way when they have a timeout. The cut-off share also counts as errors in the flow's availability.",
    sources: ['hystrix', 'course', 'awsTimeouts'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        cutOffOnly: {
          type: 'boolean',
          description:
            'Judge only the timeouts a design states, for cutting off healthy calls (a latency bought with errors): no finding for a missing timeout or one above the budget. Default false; every problem stage carries the check this way unless its rubric lists it.',
        },
        maxCutOff: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description:
            'Largest share of healthy calls a timeout may cut off. Default 0.001: the timeout must be at or above the healthy p99.9.',
        },
      },
    },
    defaults: { maxCutOff: MAX_TIMEOUT_CUT_OFF, cutOffOnly: false },
    messages: {
      withinBudget:
        '{{caller}} gives up on {{dependency}} after {{timeout}} ms, below the tightest p99 budget of the flows that call it ({{flow}}: {{budget}} ms)',
      hasTimeout: '{{caller}} gives up on {{dependency}} after {{timeout}} ms ({{dependency}} p99 {{p99}} ms)',
      noTimeout:
        '{{caller}} calls {{dependency}} with no timeout: if {{dependency}} hangs, every call holds a thread for as long as it hangs ({{flows}})',
      overBudget:
        "{{caller}} waits up to {{timeout}} ms for {{dependency}}, but {{flow}}'s whole p99 budget is {{budget}} ms: a slow {{dependency}} breaks the budget before the timeout fires",
      cutsHealthyCalls:
        '{{caller}} gives up on {{dependency}} after {{timeout}} ms (healthy p50 {{p50}} ms, p99 {{p99}} ms): about {{share}} of healthy calls time out and fail (log-normal fit), more than the {{limit}} allowed: a timeout belongs at or above {{floor}} ms, where only {{limit}} of healthy calls are slower',
    },
    hints: {
      noTimeout:
        "A pool caps how many threads a dependency can hold, but only a timeout caps how long. Where does the spec let you say how long a caller waits for a component (on the dependency, or on the caller's pool for it)?",
      cutsHealthyCalls:
        "A timeout inside the dependency's healthy tail makes the latency look better on paper, but every call it cuts off is an error your users see on a good day (one in a thousand is what Amazon accepts). Where is the healthy tail of this dependency, and how much room does the budget leave above it?",
      overBudget:
        'Compare the timeout with the time the user is promised. A timeout that fires after the budget has run out protects the threads but not the request; what can the flow afford to wait, given everything else on its path?',
    },
  },
  run({ model, metrics, options }) {
    const out: Finding[] = [];
    for (const { caller, dependency, flows } of externalCalls(model)) {
      const pool = caller.pools.find((p) => p.dependency === dependency.id);
      const timeout = pool?.timeoutMs ?? dependency.timeoutMs;
      const poolPath: SpecPath | undefined = pool ? ['components', caller.id, 'pools', pool.name] : undefined;
      const base = { caller: caller.id, dependency: dependency.id };
      if (timeout === undefined) {
        if (options.cutOffOnly) continue;
        out.push({
          status: 'fail',
          messageId: 'noTimeout',
          data: { ...base, flows: flows.map((f) => f.name).join(', ') },
          path: poolPath ?? ['components', dependency.id],
          evidence: { flows: flows.map((f) => f.name) },
        });
        continue;
      }
      const timeoutPath: SpecPath =
        pool?.timeoutMs !== undefined ? [...poolPath!, 'timeout_ms'] : ['components', dependency.id, 'timeout_ms'];
      const budgeted = flows.filter((f) => f.budget.p99 !== undefined);
      const over = options.cutOffOnly ? [] : budgeted.filter((f) => timeout >= f.budget.p99!);
      for (const f of over) {
        out.push({
          status: 'fail',
          messageId: 'overBudget',
          data: { ...base, timeout: ms(timeout), flow: f.name, budget: f.budget.p99! },
          path: timeoutPath,
          evidence: { timeoutMs: timeout, budgetMs: f.budget.p99, worstP99: metrics.flows[f.name]?.worst.p99 },
        });
      }
      // The healthy latency a write flow sees at a store is its write latency.
      const healthy = flows
        .map((f) => (f.kind === 'write' && dependency.stateful ? dependency.writeLatency : dependency.latency))
        .map((l) => ({ l, share: shareSlowerThan(l.p50, l.p99, timeout) }))
        .reduce((a, b) => (b.share > a.share ? b : a));
      // A timeout exactly at the limit's percentile leaves that share above it; the tolerance keeps rounding from failing it.
      const cutsHealthy = healthy.share > options.maxCutOff + CUT_OFF_TOLERANCE;
      if (cutsHealthy) {
        out.push({
          status: 'fail',
          messageId: 'cutsHealthyCalls',
          data: {
            ...base,
            timeout: ms(timeout),
            p50: ms(healthy.l.p50),
            p99: ms(healthy.l.p99),
            share: pct(healthy.share, 2),
            limit: pct(options.maxCutOff, 2),
            floor: ms(Math.ceil(lognormalQuantile(healthy.l.p50, healthy.l.p99, 1 - options.maxCutOff))),
          },
          path: timeoutPath,
          evidence: {
            timeoutMs: timeout,
            p50Ms: healthy.l.p50,
            p99Ms: healthy.l.p99,
            cutOffShare: healthy.share,
            maxCutOff: options.maxCutOff,
          },
        });
      }
      if (over.length || cutsHealthy) continue;
      if (!budgeted.length) {
        out.push({
          status: 'pass',
          messageId: 'hasTimeout',
          data: { ...base, timeout: ms(timeout), p99: ms(dependency.latency.p99) },
          path: timeoutPath,
          evidence: { timeoutMs: timeout },
        });
        continue;
      }
      const tightest = budgeted.reduce((a, b) => (b.budget.p99! < a.budget.p99! ? b : a));
      out.push({
        status: 'pass',
        messageId: 'withinBudget',
        data: { ...base, timeout: ms(timeout), flow: tightest.name, budget: tightest.budget.p99! },
        path: timeoutPath,
        evidence: { timeoutMs: timeout, budgets: Object.fromEntries(budgeted.map((f) => [f.name, f.budget.p99])) },
      });
    }
    return out;
  },
});
