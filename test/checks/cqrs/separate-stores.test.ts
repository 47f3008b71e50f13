import separateStores from '../../../src/checks/cqrs/separate-stores.js';
import { testCheck } from '../tester.js';

testCheck(separateStores, {
  valid: [
    { spec: 'cqrs/orders-ok.yaml' },
    { spec: 'cqrs/low-ratio.yaml', name: 'separate stores, workload stated but no flows' },
    { spec: 'design/no-patterns.yaml', name: 'no cqrs declared: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'cqrs/same-store.yaml',
      findings: [{ status: 'fail', messageId: 'sameStore', line: 12, data: { store: 'orders-db' } }],
    },
    {
      spec: 'cqrs/roles-swapped.yaml',
      findings: [
        { status: 'fail', messageId: 'commandStoreIsReadModel', line: 7, data: { store: 'orders-db' } },
        { status: 'fail', messageId: 'queryStoreIsWriteModel', line: 12, data: { store: 'summary-db' } },
      ],
    },
    {
      spec: 'cqrs/write-to-read-model.yaml',
      findings: [
        {
          status: 'fail',
          messageId: 'queryStoreWrittenByFlow',
          line: 14,
          data: { flow: 'create-order', store: 'summary-db', rate: '100' },
        },
      ],
    },
  ],
});
