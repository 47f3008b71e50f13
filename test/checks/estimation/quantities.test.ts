import quantities from '../../../src/checks/estimation/quantities.js';
import type { EstimateReference } from '../../../src/analysis/estimates.js';
import { testCheck } from '../tester.js';

// The derivation, by hand: 10M users × 20 reads a day / 86,400 s × 5 at peak = 11,574 req/s;
// × 1,728 B per response = 20 MB/s = 160 Mbit/s; 11,574 / 4,000 per server / 0.8 = 3.6 -> 4 servers.
const peak = (10e6 * 20 * 5) / 86_400;
const refs: Record<string, EstimateReference> = {
  peak_reads: {
    label: 'reads per second at peak',
    unit: 'req/s',
    value: peak,
    dims: [0, 0, -1],
    shown: peak,
    tolerance: 2,
    derivation: '10M × 20 / 86,400 s × 5',
    worked: '',
    factors: { 'peak factor': 5 },
  },
  egress: {
    label: 'egress at peak',
    unit: 'Mbps',
    value: 160e6,
    dims: [0, 0, -1, 0, 0, 0, 0, 0, 1],
    shown: 160,
    tolerance: 2,
    derivation: '11,574 × 1,728 B × 8',
    worked: '',
    factors: {},
  },
  servers: {
    label: 'servers',
    unit: 'servers',
    value: 4,
    dims: [],
    shown: 4,
    tolerance: 1.5,
    derivation: '11,574 / 4,000 / 0.8, up',
    worked: '',
    factors: {},
  },
};

// The servers' formula without the utilization limit: ceil(11,574 / 4,000) = 3 of the derivation's 4; before
// rounding up, 11,574 / 4,000 / 0.8 = 3.617 with it and 2.894 without.
const headroom: Record<string, EstimateReference> = {
  ...refs,
  servers: {
    ...refs.servers!,
    leftOut: {
      'utilization, the busiest a server may run at peak': { without: 3 / 4, rawWith: peak / 4000 / 0.8 / 4, rawWithout: peak / 4000 / 4 },
    },
  },
};

testCheck(quantities, {
  valid: [
    { spec: 'estimation/answered.yaml', options: { quantities: refs } },
    { spec: 'estimation/answered.yaml', name: 'the servers with their headroom: 4, the derivation', options: { quantities: headroom } },
    { spec: 'estimation/answered.yaml', name: 'no quantities configured: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'estimation/slips.yaml',
      options: { quantities: refs },
      findings: [
        // 11,574 / 2,300 = 5.03: the peak factor left out
        { messageId: 'missingFactor', line: 8, data: { name: 'peak_reads', factor: '5' } },
        // 160 MB/s = 1,280 Mbit/s = 8 × 160 Mbit/s
        { messageId: 'bitsBytes', line: 9, data: { name: 'egress' } },
        // a size where a count of servers is asked
        { messageId: 'wrongDimension', line: 10, data: { given: 'a size (bytes)', wanted: 'a count' } },
      ],
    },
    {
      spec: 'estimation/per-day.yaml',
      options: { quantities: refs },
      findings: [
        // 10^9 / 11,574 = 86,400: a day's total read per second
        { messageId: 'perDay', line: 8, data: { factor: '86,400', factorName: 'seconds per day' } },
        // egress and servers are missing: the finding points at the estimates section (its first entry, line 8)
        { messageId: 'missing', line: 8, data: { name: 'egress' } },
        { messageId: 'missing', line: 8, data: { name: 'servers' } },
      ],
    },
    {
      spec: 'estimation/no-headroom.yaml',
      name: '3 servers is inside 1.5x of 4 but is the answer without the 0.8 utilization limit',
      options: { quantities: headroom },
      findings: [{ messageId: 'leftOut', line: 10, data: { name: 'servers', without: '3', expected: '4' } }],
    },
    {
      spec: 'estimation/answered.yaml',
      name: 'a per-quantity tolerance: 4 servers against 2.5 at 1.5x is too high',
      // accepted 2.5 / 1.5 = 1.67 to 2.5 × 1.5 = 3.75; 4 is above
      options: { quantities: { servers: { ...refs.servers, value: 2.5, shown: 2.5 } } },
      findings: [{ messageId: 'tooHigh', line: 10, data: { tolerance: 1.5 } }],
    },
  ],
});
