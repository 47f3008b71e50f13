import flowBudget from '../../../src/checks/latency/flow-budget.js';
import { testCheck } from '../tester.js';

testCheck(flowBudget, {
  valid: [
    { spec: 'latency/budget-ok.yaml' },
  ],
  invalid: [
    {
      spec: 'latency/budget-far-primary.yaml',
      findings: [
        // eu-west: 0.5 first hop + 30 api + 82 RTT to the us-east primary + 15 write = 127.5 ms > 100
        { status: 'fail', messageId: 'overBudget', line: 12, data: { flow: 'write', percentile: 'p99', origin: 'eu-west', latency: '127.5' } },
        // p50: 0.5 + 10 + 82 + 5 = 97.5 > 40
        { status: 'fail', messageId: 'overBudget', line: 12, data: { percentile: 'p50', origin: 'eu-west', latency: '97.5' } },
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
