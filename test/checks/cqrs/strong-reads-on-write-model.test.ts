import strongReads from '../../../src/checks/cqrs/strong-reads-on-write-model.js';
import { testCheck } from '../tester.js';

testCheck(strongReads, {
  valid: [
    // get-stock (consistency: strong) reads orders-db, the command store
    { spec: 'cqrs/orders-ok.yaml' },
    { spec: 'cqrs/low-ratio.yaml', name: 'no strongly consistent reads: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'cqrs/strong-read-on-read-model.yaml',
      findings: [
        // workload.strong_reads lists get-balance; balance-view is fed by projector (600 ms), single region so no replication lag
        { status: 'fail', messageId: 'readsReadModel', line: 15, data: { flow: 'get-balance', store: 'balance-view', lag: '600' } },
        // role read-model but no worker feeds it: lag unknown
        { status: 'fail', messageId: 'readsReadModel', line: 22, data: { flow: 'check-limit', store: 'limits-index', lag: 'unknown' } },
        // a cache is neither the write model nor a declared read model
        { status: 'warn', messageId: 'readsNeither', line: 26, data: { flow: 'get-limits', writeModel: 'accounts-db' } },
      ],
    },
  ],
});
