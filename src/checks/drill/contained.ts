// drill/contained: a slow or dead dependency hurts only the flows that call it; the others stay served
// in budget (the bulkhead's point: a timeout and a pool of its own stop the spread).
import { DRILL_BUDGET_SLACK } from '../../analysis/drills/run.js';
import { defineCheck, ms, type Finding } from '../types.js';
import { DRILLS_OPTIONS_SCHEMA, pct, drillsThatRan, type DrillsOptions } from './drills.js';

export default defineCheck<DrillsOptions>({
  meta: {
    id: 'drill/contained',
    topic: 'drill',
    title: 'Contain a slow or dead dependency: the flows that do not call it stay healthy',
    concept:
      "A dependency that slows down keeps every caller's thread for as long as the call lasts, so by Little's law a shared pool fills with waiting calls and the service stops answering anyone: one slow provider takes down unrelated pages. " +
      'A timeout bounds the time held and a pool of its own (a bulkhead) bounds the threads it can take; then only the flows that need it fail, and everything else stays served.',
    computes:
      "The drill slows the named components (slow:<c>=<ms>) or removes them (down:<c>, calls wait until the timeout, for ever without one), with the given retries, and runs the same analysis: thread demand per pool and per service by Little's law; a pool over its size rejects its calls; a service whose shared threads run out is down for its callers, and that cascades. " +
      `Every flow that does not call a drilled component must then have no failed requests and a p99 within p99Factor (default ${DRILL_BUDGET_SLACK}) x its budget.`,
    sources: ['hystrix'],
    optionsSchema: DRILLS_OPTIONS_SCHEMA,
    defaults: { drills: [] },
    messages: {
      contained: 'with {{drill}}, only the flows through {{faulty}} are hurt; {{count}} other flow(s) stay served in budget',
      spread: 'with {{drill}}, {{flow}} fails for {{share}} of its requests although it never calls {{faulty}}: {{why}}',
      slowed: 'with {{drill}}, {{flow}} (which never calls {{faulty}}) has p99 {{p99}} ms, over {{factor}}x its {{budget}} ms budget',
      noFault: 'the drill {{drill}} slows or stops no component (use slow:<component>=<ms> or down:<component>)',
      badDrill: 'the drill {{drill}} cannot run on this design: {{why}}',
    },
    hints: {
      spread:
        'Which threads are the waiting calls holding? Bound how long one call can hold a thread, and how many threads the calls to one dependency can take, so that the rest of the service keeps some for everyone else.',
      slowed:
        "Something the flow shares with the slow dependency is saturated. Find the shared pool or tier in sdcoach drill's output and give the slow calls their own.",
      noFault: 'drill/contained judges slow:<component>=<ms> or down:<component> scenarios.',
      badDrill: 'Check the scenario names against the spec: sdcoach drill <spec> --scenario ... lists what it knows.',
    },
  },
  run({ model, options }) {
    const out: Finding[] = [];
    for (const d of drillsThatRan(model, options.drills, out)) {
      const faulty = d.scenarios.flatMap((s) => (s.kind === 'slow' || s.kind === 'down' ? [s.component] : []));
      if (!faulty.length) {
        out.push({ status: 'fail', messageId: 'noFault', data: { drill: d.title }, path: [] });
        continue;
      }
      const factor = d.spec.p99Factor ?? DRILL_BUDGET_SLACK;
      const p = d.result.final;
      const before = out.length;
      let others = 0;
      for (const name of model.flowOrder) {
        const flow = model.flows[name]!;
        if (flow.path.some((c) => faulty.includes(c))) continue;
        others++;
        const f = p.flows[name]!;
        const evidence = { drill: d.title, flow: f };
        const data = { drill: d.title, flow: name, faulty: faulty.join(', ') };
        if (f.errorShare > 0)
          out.push({
            status: 'fail',
            messageId: 'spread',
            data: { ...data, share: pct(f.errorShare), why: [...new Set(f.failures.map((x) => x.why))].join('; ') },
            path: ['flows', name],
            evidence,
          });
        else if (f.budgetP99 !== undefined && f.p99 !== null && (!Number.isFinite(f.p99) || f.p99 > factor * f.budgetP99))
          out.push({
            status: 'fail',
            messageId: 'slowed',
            data: { ...data, p99: ms(f.p99), factor, budget: f.budgetP99 },
            path: ['flows', name, 'budget_ms'],
            evidence,
          });
      }
      if (out.length === before)
        out.push({
          status: 'pass',
          messageId: 'contained',
          data: { drill: d.title, faulty: faulty.join(', '), count: others },
          path: ['components', faulty[0]!],
        });
    }
    return out;
  },
});
