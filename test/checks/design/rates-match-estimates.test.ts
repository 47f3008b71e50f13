import ratesMatchEstimates from '../../../src/checks/design/rates-match-estimates.js';
import type { EstimateReference } from '../../../src/analysis/estimates.js';
import { testCheck } from '../tester.js';

// The derivation's peak: 10M users × 20 reads a day / 86,400 s × 5 = 11,574 req/s, feeding flow read.
const peak = (10e6 * 20 * 5) / 86_400;
const refs: Record<string, EstimateReference> = {
  peak_reads: {
    label: 'reads per second at peak',
    unit: 'req/s',
    value: peak,
    dims: [0, 0, -1],
    shown: peak,
    tolerance: 2,
    derivation: '',
    worked: '',
    factors: {},
    flow: 'read',
  },
};

testCheck(ratesMatchEstimates, {
  valid: [
    // the learner's accepted 12k/s, and the flow carries 12,000
    { spec: 'estimation/answered.yaml', options: { quantities: refs } },
    // 8,000 + 4,000 = 12,000 >= 12,000 × 0.95
    { spec: 'estimation/split-flow.yaml', options: { quantities: refs } },
    // no estimates: held to the derivation, 11,000 >= 11,574 × 0.95 = 10,995
    { spec: 'estimation/no-estimates.yaml', options: { quantities: refs } },
    { spec: 'estimation/answered.yaml', name: 'no quantities configured: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'estimation/slips.yaml',
      name: 'the estimate 2,300/s is not accepted, so the flow is held to the derivation',
      options: { quantities: refs },
      // 2,300 < 11,574 × 0.95 = 10,995; the finding points at flows.read.rate (line 6)
      findings: [{ messageId: 'below', line: 6, data: { whose: "the derivation's", target: '11,574', rate: '2,300' } }],
    },
    {
      spec: 'estimation/no-estimates.yaml',
      name: 'an accepted estimate above the flow: 20k/s against a flow of 11,000',
      options: { quantities: { peak_reads: { ...refs.peak_reads!, value: 20_000, shown: 20_000 } } },
      // 11,000 < 20,000 × 0.95 = 19,000 (no estimates here, so the derivation's 20,000 is the target)
      findings: [{ messageId: 'below', line: 6, data: { target: '20,000' } }],
    },
    {
      spec: 'estimation/answered.yaml',
      name: 'an estimate that came in low but within tolerance: the flow must still carry the real peak',
      // The real peak here is 20,000/s; the learner's 12k/s is within 2x (accepted as an estimate), and the flow
      // carries it: 12,000 < 20,000 x 0.95 = 19,000, so the design is undersized for the real load.
      options: { quantities: { peak_reads: { ...refs.peak_reads!, value: 20_000, shown: 20_000 } } },
      findings: [{ messageId: 'belowReal', line: 6, data: { estimate: '12,000', target: '20,000', rate: '12,000' } }],
    },
    {
      spec: 'estimation/renamed-flow.yaml',
      options: { quantities: refs },
      findings: [{ messageId: 'noFlow', line: 6, data: { flow: 'read' } }],
    },
  ],
});
