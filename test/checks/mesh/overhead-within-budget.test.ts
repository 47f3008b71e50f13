import overheadWithinBudget from '../../../src/checks/mesh/overhead-within-budget.js';
import { testCheck } from '../tester.js';

testCheck(overheadWithinBudget, {
  valid: [
    // ambient, 0.2 ms per call: checkout 0.1 + 4 x 0.2 + 0.1 = 1 ms, 1 % of 100 ms
    { spec: 'mesh/mesh-ambient.yaml' },
    { spec: 'scalability/capacity-ok.yaml', name: 'no mesh', applies: false },
  ],
  invalid: [
    {
      spec: 'mesh/mesh-over-budget.yaml',
      findings: [
        // sidecar pair 2.7 ms p99 per call: user -> gateway and orders -> orders-db cross one proxy (1.35 each),
        // the four service-to-service calls two (2.7 each): 2 x 1.35 + 4 x 2.7 = 13.5 ms.
        // Without it: 6 x 0.5 ms network + 5 + 4 x 20 + 8 = 96 ms <= 100, with it 109.5 ms
        { status: 'fail', messageId: 'breaksBudget', line: 15, data: { flow: 'checkout', overhead: '13.5', hops: 6, without: '96', latency: '109.5', budget: 100,
          breakdown: '4 calls between two meshed components x 2.7 ms + 2 calls with a proxy at one end only (the user\'s ingress call, or a call to an unmeshed store) x 1.35 ms' } },
        // get-cart: 1.35 + 2.7 + 1.35 = 5.4 ms of a 40 ms budget = 13.5 % > 10 %
        { status: 'warn', messageId: 'largeShare', line: 15, data: { flow: 'get-cart', overhead: '5.4', hops: 3, share: '13.5%',
          breakdown: '1 call between two meshed components x 2.7 ms + 2 calls with a proxy at one end only (the user\'s ingress call, or a call to an unmeshed store) x 1.35 ms' } },
      ],
    },
  ],
});
