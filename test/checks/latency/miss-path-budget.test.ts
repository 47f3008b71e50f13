import missPathBudget from '../../../src/checks/latency/miss-path-budget.js';
import { testCheck } from '../tester.js';

testCheck(missPathBudget, {
  valid: [
    { spec: 'latency/cache-paths-ok.yaml', name: 'the same miss path (62.5 ms) within a 70 ms miss budget' },
    { spec: 'latency/budget-ok.yaml', name: 'no miss budget', applies: false },
  ],
  invalid: [
    {
      spec: 'latency/cache-paths.yaml',
      findings: [
        // Miss path: api 0.5 + 10, cache 0.5 + 1, db 0.5 + 50 = 62.5 ms > 60; db's own p99 50 is 80% of it.
        // 5% of the reads miss (1 - 0.95).
        {
          status: 'fail',
          messageId: 'overBudget',
          line: 12,
          data: {
            flow: 'read',
            percentile: 'p99',
            origin: 'us-east',
            latency: '62.5',
            share: '5%',
            cause: "the largest part is 50 ms (80% of the 62.5 ms), db's own p99",
          },
        },
      ],
    },
    {
      spec: 'latency/cdn-origin.yaml',
      name: 'a CDN whose misses cross the Pacific',
      findings: [
        // ap-southeast: edge 0.5 + 5 (its local edge), then the edge calls videos in us-east: measured RTT
        // ap-southeast <-> us-east 223 ms + 60 p99 = 288.5 ms > 150; the round trip is 223 / 288.5 = 77%.
        {
          status: 'fail',
          messageId: 'overBudget',
          line: 12,
          data: {
            origin: 'ap-southeast',
            latency: '288.5',
            share: '10%',
            cause: 'the largest part is 223 ms (77% of the 288.5 ms), the round trip ap-southeast -> us-east to videos',
          },
        },
      ],
    },
  ],
});
