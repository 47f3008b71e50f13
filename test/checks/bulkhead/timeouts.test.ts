import timeouts from '../../../src/checks/bulkhead/timeouts.js';
import { testCheck } from '../tester.js';

testCheck(timeouts, {
  valid: [
    // payment-api 500 ms < checkout's 1,000 ms; email-api 400 ms < reset-password's 800 ms
    { spec: 'bulkhead/bulkheads-ok.yaml' },
    // the pool's own timeout_ms (500) counts: the dependency states none
    { spec: 'bulkhead/pools-too-small.yaml', name: 'a pool timeout counts' },
    { spec: 'scalability/capacity-ok.yaml', name: 'no external dependency', applies: false },
    // The guard every problem stage carries: a missing timeout is not its business, a stated one's cut-off is.
    { spec: 'bulkhead/shared-pool.yaml', name: 'cutOffOnly: a missing timeout is not judged', options: { cutOffOnly: true } },
    // email-api p50 100 / p99 400: sigma = ln(4) / 2.32635 = 0.59592; its p99.9 is 100 x exp(3.09023 x 0.59592)
    // = 100 x exp(1.84153) = 630.6 ms, so a 640 ms timeout cuts off under 0.1 % of healthy calls
    { spec: 'bulkhead/timeout-above-p999.yaml', name: 'a timeout just above the healthy p99.9' },
  ],
  invalid: [
    {
      spec: 'bulkhead/timeout-below-p99.yaml',
      // Log-normal fitted to p50/p99: sigma = ln(p99/p50) / z99 (z99 = 2.32635), share = P(Z > ln(t/p50) / sigma).
      findings: [
        // payment-api: sigma = ln(200/80) / 2.32635 = 0.91629 / 2.32635 = 0.39388; z = ln(150/80) / 0.39388 = 0.62861 / 0.39388 = 1.5960;
        // P(Z > 1.5960) = 0.05525 -> 5.52%
        {
          status: 'fail',
          messageId: 'cutsHealthyCalls',
          line: 12,
          data: {
            caller: 'web-api',
            dependency: 'payment-api',
            timeout: '150',
            p50: '80',
            p99: '200',
            share: '5.52%',
            limit: '0.1%',
            floor: '271',
          },
        },
        // users-db (not external, but it has a pool timeout): sigma = ln(20/5) / 2.32635 = 1.38629 / 2.32635 = 0.59592;
        // z = ln(10/5) / 0.59592 = 0.69315 / 0.59592 = 1.1632; P(Z > 1.1632) = 0.12238 -> 12.24%
        { status: 'fail', messageId: 'cutsHealthyCalls', line: 13, data: { dependency: 'users-db', timeout: '10', share: '12.24%' } },
        // email-api: the timeout equals the p99, P(Z > 2.32635) = 1 %, ten times the 0.1 % a timeout may cut off;
        // where 0.1 % are slower: 100 x exp(3.09023 x 0.59592) = 630.6, rounded up to 631 ms (payment-api: 80 x
        // exp(3.09023 x 0.39388) = 270.2 -> 271 ms)
        {
          status: 'fail',
          messageId: 'cutsHealthyCalls',
          line: 17,
          data: { dependency: 'email-api', timeout: '400', share: '1%', floor: '631' },
        },
      ],
    },
    {
      spec: 'bulkhead/shared-pool.yaml',
      findings: [
        // 1,000 ms timeout >= checkout's 800 ms p99 budget
        {
          status: 'fail',
          messageId: 'overBudget',
          line: 11,
          data: { caller: 'web-api', dependency: 'payment-api', timeout: '1000', flow: 'checkout', budget: 800 },
        },
        { status: 'fail', messageId: 'noTimeout', line: 12, data: { caller: 'web-api', dependency: 'email-api', flows: 'reset-password' } },
      ],
    },
  ],
});
