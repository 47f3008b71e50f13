import conflictStrategy from '../../../src/checks/failover/conflict-strategy.js';
import { testCheck } from '../tester.js';

testCheck(conflictStrategy, {
  valid: [
    { spec: 'failover/conflict-declared.yaml' },
    { spec: 'failover/active-passive.yaml', name: 'active-passive has one writer', applies: false },
  ],
  invalid: [
    {
      spec: 'failover/conflict-none.yaml',
      findings: [
        // default async replication with the 1000 ms lag (AWS: "typically under 1 s")
        {
          status: 'fail',
          messageId: 'missing',
          line: 6,
          data: { store: 'orders-db', regions: 'us-east, eu-west', replication: 'async', lag: ', lag 1000 ms' },
        },
      ],
    },
  ],
});
