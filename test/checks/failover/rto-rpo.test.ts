import rtoRpo from '../../../src/checks/failover/rto-rpo.js';
import { testCheck } from '../tester.js';

testCheck(rtoRpo, {
  valid: [
    // RTO 10 + 30 = 40 s <= 60; RPO 500 ms = 0.5 s <= 1
    { spec: 'failover/rto-rpo-ok.yaml' },
    { spec: 'failover/no-targets.yaml', name: 'no targets in spec or options', applies: false },
  ],
  invalid: [
    {
      spec: 'failover/rto-rpo-slow.yaml',
      findings: [
        // defaults: detect 30 s + promote 60 s = 90 s; async lag 1000 ms = 1 s
        { status: 'fail', messageId: 'rtoOver', line: 7, data: { store: 'orders-db', rto: '90', target: 60, how: 'detect 30 s + promote 60 s to us-west' } },
        { status: 'fail', messageId: 'rpoOver', line: 5, data: { store: 'orders-db', rpo: '1', target: 0 } },
        { status: 'fail', messageId: 'rtoManual', line: 9, data: { store: 'jobs', why: 'it lives only in us-east' } },
        { status: 'fail', messageId: 'rpoManual', line: 9, data: { store: 'jobs' } },
      ],
    },
    {
      spec: 'failover/rto-rpo-ok.yaml',
      name: 'a tighter RTO from the rubric',
      options: { rtoS: 30 },
      findings: [{ status: 'fail', messageId: 'rtoOver', line: 8, data: { rto: '40', target: 30 } }],
    },
    {
      spec: 'failover/no-targets.yaml',
      name: 'targets from options when the spec has none',
      options: { rpoS: 5 },
      findings: [{ status: 'fail', messageId: 'rpoManual', line: 4, data: { store: 'orders-db', target: 5 } }],
    },
  ],
});
