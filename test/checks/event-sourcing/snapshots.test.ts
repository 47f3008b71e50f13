import snapshots from '../../../src/checks/event-sourcing/snapshots.js';
import { testCheck } from '../tester.js';

testCheck(snapshots, {
  valid: [
    // snapshot every 100: 100 x 0.05 ms = 5 ms <= 50 ms
    { spec: 'event-sourcing/ledger-ok.yaml' },
    // 2000 x 0.05 ms = 100 ms <= 200 ms set by the rubric
    { spec: 'event-sourcing/sparse-snapshots.yaml', name: 'a rubric allowing 200 ms', options: { loadBudgetMs: 200 } },
    { spec: 'cqrs/orders-ok.yaml', name: 'no event sourcing: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'event-sourcing/no-snapshots.yaml',
      // 5000 x 0.05 ms = 250 ms > 50 ms (the default budget)
      findings: [
        { status: 'fail', messageId: 'noSnapshots', line: 10, data: { events: 5000, applyMs: '0.05', replayMs: '250', budget: '50' } },
      ],
    },
    {
      spec: 'event-sourcing/sparse-snapshots.yaml',
      // min(2000, 50000) x 0.05 ms = 100 ms > 50 ms
      findings: [
        {
          status: 'fail',
          messageId: 'sparseSnapshots',
          line: 12,
          data: { events: 2000, replayMs: '100', budget: '50', snapshotEvery: 2000 },
        },
      ],
    },
  ],
});
