import standbyRegion from '../../../src/checks/failover/standby-region.js';
import { testCheck } from '../tester.js';

testCheck(standbyRegion, {
  valid: [{ spec: 'failover/standby-ok.yaml' }, { spec: 'failover/one-region.yaml', name: 'a one-region spec', applies: false }],
  invalid: [
    {
      spec: 'failover/standby-missing.yaml',
      findings: [
        { status: 'fail', messageId: 'singleRegion', line: 6, data: { store: 'orders-db', region: 'us-east', count: 2 } },
        { status: 'fail', messageId: 'notReplicated', line: 10, data: { store: 'jobs', regions: 'us-east, us-west' } },
      ],
    },
  ],
});
