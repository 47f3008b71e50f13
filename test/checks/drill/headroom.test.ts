import headroom from '../../../src/checks/drill/headroom.js';
import { testCheck } from '../tester.js';

testCheck(headroom, {
  valid: [
    // 1.5 x 1,000 over 2,000 = 75 %
    { spec: 'drill/surge.yaml', options: { drills: [{ scenarios: ['surge:1.5'] }] } },
    { spec: 'drill/surge.yaml', name: 'no drills', applies: false },
  ],
  invalid: [
    {
      // 3 x 1,000 = 3,000 over 2,000 = 150 %; breaks at 3 / 1.5 = 2x
      spec: 'drill/surge.yaml',
      options: { drills: [{ scenarios: ['surge:3'] }] },
      findings: [{ messageId: 'overloaded', line: 6, data: { component: 'api', region: 'us-east', utilization: '150 %', factor: 2 } }],
    },
    {
      // writes x 5: 800 + 1,000 = 1,800 over 2,000 = 90 %, over a 0.8 limit
      spec: 'drill/surge.yaml',
      name: 'one flow surging, with a stricter limit',
      options: { drills: [{ scenarios: ['surge:write=5'], maxUtilization: 0.8 }] },
      findings: [{ messageId: 'overloaded', line: 6, data: { component: 'api', utilization: '90 %' } }],
    },
    {
      spec: 'drill/surge.yaml',
      name: 'a drill without a surge',
      options: { drills: [{ scenarios: ['down:db'] }] },
      findings: [{ messageId: 'noSurge', line: 2 }],
    },
  ],
});
