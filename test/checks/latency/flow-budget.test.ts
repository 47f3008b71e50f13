import flowBudget from '../../../src/checks/latency/flow-budget.js';
import { testCheck } from '../tester.js';

testCheck(flowBudget, {
  valid: [{ spec: 'latency/budget-ok.yaml' }],
  invalid: [
    {
      spec: 'latency/budget-far-primary.yaml',
      findings: [
        // eu-west: 0.5 first hop + 30 api + 82 RTT to the us-east primary + 15 write = 127.5 ms > 100; 82 / 127.5 = 64%
        {
          status: 'fail',
          messageId: 'overBudget',
          line: 12,
          data: {
            flow: 'write',
            percentile: 'p99',
            origin: 'eu-west',
            latency: '127.5',
            cause: 'the largest part is 82 ms (64% of the 127.5 ms), the round trip eu-west -> us-east to db (its write primary)',
          },
        },
        // p50: 0.5 + 10 + 82 + 5 = 97.5 > 40; 82 / 97.5 = 84%
        {
          status: 'fail',
          messageId: 'overBudget',
          line: 12,
          data: {
            percentile: 'p50',
            origin: 'eu-west',
            latency: '97.5',
            cause: 'the largest part is 82 ms (84% of the 97.5 ms), the round trip eu-west -> us-east to db (its write primary)',
          },
        },
      ],
    },
    {
      spec: 'latency/budget-causes.yaml',
      findings: [
        // chain p99: 5 hops x (0.5 in-region + 1 processing) = 7.5; mesh: the ingress call has one sidecar (3 / 2 = 1.5),
        // the 4 calls between meshed services a pair each (4 x 3 = 12): 13.5. Total 21 > 15; 13.5 / 21 = 64%
        {
          status: 'fail',
          messageId: 'overBudget',
          line: 13,
          data: {
            flow: 'chain',
            latency: '21',
            cause:
              "the largest part is 13.5 ms (64% of the 21 ms), the service mesh's overhead, paid on each of 5 calls through a mesh proxy",
          },
        },
        // commit p99: s1 0.5 + 1 + 1.5 mesh (ingress); db: 0.5 + 5 write + 1.5 mesh (one sidecar, s1's) + quorum wait:
        // RTTs from us-east to its copies 0.5, 64 (us-west), 82 (eu-west); a majority of 3 is 2, so 64 ms.
        // Total 0.5 + 1 + 1.5 + 0.5 + 5 + 1.5 + 64 = 74 > 50; 64 / 74 = 86%
        {
          status: 'fail',
          messageId: 'overBudget',
          line: 14,
          data: {
            flow: 'commit',
            latency: '74',
            cause:
              "the largest part is 64 ms (86% of the 74 ms), db waiting for a quorum of its voters (the leader's round trip to the nearest majority)",
          },
        },
      ],
    },
    {
      spec: 'latency/budget-far-primary.yaml',
      name: 'within the warn margin only warns',
      options: { warnMargin: 0.3 },
      findings: [
        { status: 'warn', messageId: 'nearBudget', line: 12, data: { percentile: 'p99', latency: '127.5' } },
        { status: 'fail', messageId: 'overBudget', line: 12, data: { percentile: 'p50' } },
      ],
    },
  ],
});
