import poolsWithinThreads from '../../../src/checks/bulkhead/pools-within-threads.js';
import { testCheck } from '../tester.js';

testCheck(poolsWithinThreads, {
  valid: [
    // 50 + 20 + 130 = 200 of 200
    { spec: 'bulkhead/bulkheads-ok.yaml' },
    { spec: 'bulkhead/shared-pool.yaml', name: 'no pools', applies: false },
  ],
  invalid: [
    {
      spec: 'bulkhead/pools-over-threads.yaml',
      findings: [
        // 30 + 80 = 110 > 100 threads per replica
        {
          status: 'fail',
          messageId: 'overThreads',
          line: 9,
          data: { service: 'web-api', pooled: 110, threads: 100, threadsSource: 'stated' },
        },
      ],
    },
  ],
});
