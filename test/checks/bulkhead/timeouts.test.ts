import timeouts from '../../../src/checks/bulkhead/timeouts.js';
import { testCheck } from '../tester.js';

testCheck(timeouts, {
  valid: [
    // payment-api 500 ms < checkout's 1,000 ms; email-api 400 ms < reset-password's 800 ms
    { spec: 'bulkhead/bulkheads-ok.yaml' },
    // the pool's own timeout_ms (500) counts: the dependency states none
    { spec: 'bulkhead/pools-too-small.yaml', name: 'a pool timeout counts' },
    { spec: 'scalability/capacity-ok.yaml', name: 'no external dependency', applies: false },
  ],
  invalid: [
    {
      spec: 'bulkhead/shared-pool.yaml',
      findings: [
        // 1,000 ms timeout >= checkout's 800 ms p99 budget
        { status: 'fail', messageId: 'overBudget', line: 11, data: { caller: 'web-api', dependency: 'payment-api', timeout: '1000', flow: 'checkout', budget: 800 } },
        { status: 'fail', messageId: 'noTimeout', line: 12, data: { caller: 'web-api', dependency: 'email-api', flows: 'reset-password' } },
      ],
    },
  ],
});
