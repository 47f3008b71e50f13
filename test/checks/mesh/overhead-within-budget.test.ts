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
        // Without it: 6 x 0.5 ms network + 5 + 4 x 20 + 8 = 96 ms, plus the queue waits (M/M/c): orders-db, one replica of
        // 10,000 req/s at 100 + 500 = 600/s, rho = 0.06 = Erlang C > 1 %: p99 wait ln(0.06 / 0.01) / 9,400 s = 0.1906 ms;
        // cart, 2 x 5,000 at 600/s: C = 2 x 0.06^2 / 1.06 = 0.0068 < 1 %, so its mean, 0.0068 / 9,400 s = 0.0007 ms;
        // the rest less than 0.0001 ms. 96.19 <= 100, with the mesh 109.69
        {
          status: 'fail',
          messageId: 'breaksBudget',
          line: 15,
          data: {
            flow: 'checkout',
            overhead: '13.5',
            hops: 6,
            without: '96.2',
            latency: '109.7',
            budget: 100,
            breakdown:
              "4 calls between two meshed components x 2.7 ms + 2 calls with a proxy at one end only (the user's ingress call, or a call to an unmeshed store) x 1.35 ms",
          },
        },
        // get-cart: 1.35 + 2.7 + 1.35 = 5.4 ms of a 45 ms budget = 12 % > 10 % (its p99 3 x 0.5 + 5 + 20 + 8 + 5.4 + 0.19 = 40.1 ms is within it)
        {
          status: 'warn',
          messageId: 'largeShare',
          line: 15,
          data: {
            flow: 'get-cart',
            overhead: '5.4',
            hops: 3,
            share: '12%',
            breakdown:
              "1 call between two meshed components x 2.7 ms + 2 calls with a proxy at one end only (the user's ingress call, or a call to an unmeshed store) x 1.35 ms",
          },
        },
      ],
    },
  ],
});
