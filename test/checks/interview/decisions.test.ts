import decisions from '../../../src/checks/interview/decisions.js';
import { testCheck } from '../tester.js';

testCheck(decisions, {
  valid: [
    // orders-db takes get-orders (1,000/s) and checkout (200/s): 1,200 / 2,000 per node = 60 %, under 80 %.
    { spec: 'interview/decisions-ok.yaml', name: 'cites utilization 60 % (1,200 of 2,000 req/s) and a p99 within budget' },
    { spec: 'interview/base.yaml', name: 'no decisions: does not apply unless the stage asks', applies: false },
  ],
  invalid: [
    {
      spec: 'interview/base.yaml',
      name: 'the stage asks for decisions and the spec has none',
      options: { required: true },
      findings: [{ messageId: 'noDecisions', line: 3 }],
    },
    {
      spec: 'interview/decisions-bad.yaml',
      findings: [
        { messageId: 'noAlternative', line: 21, data: { choice: 'Keep one database' } },
        { status: 'warn', messageId: 'noRisk', line: 20, data: { choice: 'Keep one database' } },
        { messageId: 'noCitation', line: 22, data: { choice: 'Keep one database', example: 'flows.get-orders.p99' } },
        // 1,200 / 2,000 = 60 %, not the 30 % quoted.
        { messageId: 'misquoted', line: 25, data: { metric: 'components.orders-db.utilization', claim: 'is 30%', value: '60%' } },
        { messageId: 'unknownSubject', line: 29, data: { scope: 'flow', id: 'get-order', guess: ': did you mean "get-orders"?' } },
        { messageId: 'unknownMetric', line: 29, data: { metric: 'components.api.latency' } },
        { messageId: 'undecided', line: 10, data: { pattern: 'multi_region' } },
        // "No cache" and "One region" name no component or flow: nothing to hold their numbers against.
        { messageId: 'noSubject', line: 23, data: { choice: 'No cache' } },
        { messageId: 'noSubject', line: 27, data: { choice: 'One region' } },
      ],
    },
    {
      spec: 'interview/decisions-unrelated.yaml',
      findings: [
        // The payments timeout is about payments and checkout (the flow through it), api and orders-db on
        // checkout's path; get-orders runs api -> orders-db, not through payments, so its p99 is not about it.
        { messageId: 'unrelated', line: 21, data: { subjects: 'payments', cited: 'flows.get-orders' } },
        // checkout is the subject, but its rate has no limit to meet.
        { messageId: 'noLimit', line: 26, data: { cited: 'flows.checkout.rate' } },
      ],
    },
    {
      spec: 'interview/decisions-over-budget.yaml',
      // get-orders pays at least api's 40 ms p99 plus orders-db's 8 ms p99 in sequence: over its 20 ms budget.
      findings: [{ messageId: 'unsupported', line: 20, data: { metric: 'flows.get-orders.p99', what: 'its budget', limit: '20 ms' } }],
    },
    {
      spec: 'interview/decisions-bounds.yaml',
      // api: 1,200 req/s over 2 replicas x 1,000 = 60 %, so "at most 70%" holds; get-orders pays api's 40 ms
      // and orders-db's 8 ms p99 in sequence, at least 48 ms, so "under 45 ms" cannot hold.
      findings: [{ messageId: 'misquoted', line: 20, data: { metric: 'flows.get-orders.p99', claim: 'is at most 45 ms' } }],
    },
  ],
});
