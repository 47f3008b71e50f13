import statelessActiveActive from '../../../src/checks/failover/stateless-active-active.js';
import { testCheck } from '../tester.js';

testCheck(statelessActiveActive, {
  valid: [{ spec: 'failover/stateless-ok.yaml' }, { spec: 'failover/one-region.yaml', name: 'a one-region spec', applies: false }],
  invalid: [
    {
      spec: 'failover/stateless-one-region.yaml',
      findings: [
        {
          status: 'fail',
          messageId: 'singleRegion',
          line: 7,
          data: { component: 'gateway', kind: 'gateway', region: 'us-east', count: 3 },
        },
        { status: 'warn', messageId: 'missingRegion', line: 10, data: { component: 'api', missing: 'eu-west', share: '30%' } },
      ],
    },
    {
      spec: 'failover/stateless-ok.yaml',
      name: 'workers too, when the rubric asks',
      options: { includeWorkers: true },
      findings: [{ status: 'fail', messageId: 'singleRegion', line: 9, data: { component: 'mailer', kind: 'worker' } }],
    },
  ],
});
