import versioning from '../../../src/checks/event-sourcing/versioning.js';
import { testCheck } from '../tester.js';

testCheck(versioning, {
  valid: [
    { spec: 'event-sourcing/ledger-ok.yaml' },
    { spec: 'event-sourcing/dual-write.yaml', name: 'versioned events' },
    { spec: 'cqrs/orders-ok.yaml', name: 'no event sourcing: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'event-sourcing/no-snapshots.yaml',
      name: 'versioning left at its default (none) points at the pattern',
      findings: [{ status: 'fail', messageId: 'none', line: 10, data: { store: 'ledger-events', events: 5000 } }],
    },
    {
      spec: 'event-sourcing/sparse-snapshots.yaml',
      name: 'versioning: none written out',
      findings: [{ status: 'fail', messageId: 'none', line: 14 }],
    },
  ],
});
