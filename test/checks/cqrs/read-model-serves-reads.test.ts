import readModelServesReads from '../../../src/checks/cqrs/read-model-serves-reads.js';
import { testCheck } from '../tester.js';

testCheck(readModelServesReads, {
  valid: [
    // summary-db answers get-summary (20,000 reads/s)
    { spec: 'cqrs/orders-ok.yaml' },
    { spec: 'design/no-patterns.yaml', name: 'no cqrs declared: does not apply', applies: false },
    { spec: 'cqrs/low-ratio.yaml', name: 'no flows: nothing to trace, does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'cqrs/unused-read-model.yaml',
      // summary-db: no read flow reaches it (get-summary reads orders-db); order-search serves search-orders
      findings: [
        {
          status: 'fail',
          messageId: 'unused',
          line: 17,
          data: {
            store: 'summary-db',
            reads: 'the read flows (get-summary -> orders-db; search-orders -> order-search) are answered elsewhere',
          },
        },
      ],
    },
  ],
});
