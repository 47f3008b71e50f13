import sourceOfTruth from '../../../src/checks/event-sourcing/source-of-truth.js';
import { testCheck } from '../tester.js';

testCheck(sourceOfTruth, {
  valid: [
    // balances-db: ledger-events -> balance-projector; statements-db: ledger-events -> relay -> ledger-stream -> statement-projector
    { spec: 'event-sourcing/ledger-ok.yaml' },
    { spec: 'cqrs/orders-ok.yaml', name: 'no event sourcing: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'event-sourcing/dual-write.yaml',
      findings: [
        {
          status: 'fail',
          messageId: 'dualWrite',
          line: 12,
          data: { flow: 'post-booking', store: 'balances-db', eventStore: 'ledger-events', rate: '300' },
        },
        { status: 'fail', messageId: 'bypassesEventStore', line: 16, data: { flow: 'adjust-balance', store: 'balances-db', rate: '5' } },
      ],
    },
    {
      spec: 'event-sourcing/unfed-state-stores.yaml',
      findings: [
        { status: 'fail', messageId: 'notFed', line: 16, data: { store: 'balances-db' } },
        {
          status: 'fail',
          messageId: 'fedElsewhere',
          line: 7,
          data: { store: 'statements-db', worker: 'statement-projector', source: 'legacy-queue' },
        },
      ],
    },
    {
      spec: 'event-sourcing/dual-write-undeclared.yaml',
      // balances-db is not in state_stores, but post-booking appends and writes it: dual write (the stream is not state)
      findings: [
        {
          status: 'fail',
          messageId: 'dualWrite',
          line: 10,
          data: { flow: 'post-booking', store: 'balances-db', eventStore: 'ledger-events', rate: '300' },
        },
      ],
    },
    {
      spec: 'event-sourcing/no-append.yaml',
      findings: [{ status: 'fail', messageId: 'noAppend', line: 11, data: { flows: 'post-booking', eventStore: 'ledger-events' } }],
    },
  ],
});
