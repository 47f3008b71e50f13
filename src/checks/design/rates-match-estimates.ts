// design/rates-match-estimates: after an estimate stage, each flow the estimates feed carries at least
// the learner's accepted estimate, and never less than the derivation's (an estimate may be low within tolerance;
// the load is not).
import { judgeEstimate, type EstimateReference } from '../../analysis/estimates.js';
import { ESTIMATE_RATE_SLACK } from '../../data/figures.js';
import { REFERENCE_SCHEMA, figure } from '../estimation/reference-schema.js';
import { count, defineCheck, type Finding } from '../types.js';

interface Options {
  /** The estimate stage's rate quantities that name a flow. Without them the check does not apply. */
  quantities: Record<string, EstimateReference>;
}

export default defineCheck<Options>({
  meta: {
    id: 'design/rates-match-estimates',
    topic: 'design',
    title: 'Design the flows for the rates you estimated',
    concept:
      'An estimate is only worth making if the design uses it: the peak rate you derived is what the flows must carry and what every component is sized for. ' +
      'A design built on a smaller number than your own estimate is undersized by your own reckoning, and one built on an estimate that came in low is undersized for the real load.',
    computes:
      "For each rate quantity of the estimate stage that names a flow: the target is the learner's estimate when it was accepted (within tolerance of the derivation) and not below the derivation's value, else the derivation's value (an estimate that came in low still counts as an estimate, but the design must carry the real peak); the flow's rate (summed with flows named <flow>-<part>, a flow split by region or partition) must be at least 95% of the target (rounding).",
    sources: ['sdcoach'],
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        quantities: {
          type: 'object',
          additionalProperties: REFERENCE_SCHEMA,
          description: "The estimate stage's quantities that feed flows.",
        },
      },
    },
    defaults: { quantities: {} },
    messages: {
      carries: 'flow {{flow}} carries {{rate}} req/s, at least {{whose}} {{name}} = {{target}} req/s',
      below:
        'flow {{flow}} carries {{rate}} req/s, below {{whose}} {{name}} = {{target}} req/s: the design is undersized by your own numbers',
      noFlow: 'the estimate {{name}} is the rate of flow {{flow}}, which this spec does not have',
      belowReal:
        'flow {{flow}} carries {{rate}} req/s: your {{name}} = {{estimate}} req/s was close enough to count as an estimate, but the design must carry the real peak, {{target}} req/s',
    },
    hints: {
      below: "Take the peak rate from your estimates section and write it as the flow's rate; size the components for it.",
      noFlow: 'Keep the flow the stage names, and give it the rate you estimated.',
      belowReal:
        'An estimate within tolerance is good arithmetic; the components are still sized for the real load. Give the flow the peak rate the stage states.',
    },
  },
  run({ model, options }) {
    const findings: Finding[] = [];
    for (const [name, ref] of Object.entries(options.quantities)) {
      if (!ref.flow) continue;
      const flow = model.flows[ref.flow];
      // A flow split by region or partition (get-profile + get-profile-eu) carries the estimate together.
      const parts = model.flowOrder.filter((n) => n === ref.flow || n.startsWith(`${ref.flow}-`));
      if (!flow) {
        findings.push({ status: 'fail', messageId: 'noFlow', data: { name, flow: ref.flow }, path: ['flows'] });
        continue;
      }
      const mine = model.estimates?.[name];
      const accepted = mine !== undefined && judgeEstimate(ref, mine).verdict === 'in-range';
      // An estimate within tolerance passes the estimate, but a design sized below the real peak is undersized
      // however close the estimate came: the flow carries the larger of the two.
      const low = accepted && mine.value < ref.value;
      const target = accepted && !low ? mine.value : ref.value;
      const whose = accepted && !low ? 'your estimate' : "the derivation's";
      const rate = parts.reduce((sum, n) => sum + model.flows[n]!.rate, 0);
      const ok = rate >= target * ESTIMATE_RATE_SLACK;
      const messageId = ok ? 'carries' : low ? 'belowReal' : 'below';
      const evidence = { flow: ref.flow, parts, rate, target, accepted, reference: ref.value, ...(mine ? { estimate: mine.text } : {}) };
      findings.push({
        status: ok ? 'pass' : 'fail',
        messageId,
        data: {
          flow: parts.length > 1 ? parts.join(' + ') : ref.flow,
          rate: count(rate),
          name,
          whose,
          target: figure(target),
          ...(mine ? { estimate: figure(mine.value) } : {}),
        },
        path: [...flow.specPath, 'rate'],
        evidence,
      });
    }
    return findings;
  },
});
