import strongReads from '../../../src/checks/cqrs/strong-reads-on-write-model.js';
import { testCheck } from '../tester.js';

testCheck(strongReads, {
  valid: [
    // get-stock (consistency: strong) reads orders-db, the command store
    { spec: 'cqrs/orders-ok.yaml' },
    { spec: 'cqrs/low-ratio.yaml', name: 'no strongly consistent reads: does not apply', applies: false },
    {
      spec: 'cqrs/strong-read-written-by-flow.yaml',
      name: 'a store a write flow writes is the write model, whatever its label; a bounded read within its bound passes',
      findings: [
        // role read-model, but reserve-stock writes it: data of record
        { status: 'pass', messageId: 'readsWriteModel', line: 20, data: { flow: 'get-stock', store: 'stock-db' } },
        // written by place-hold and by the projector: of record
        { status: 'pass', messageId: 'readsWriteModel', line: 25, data: { flow: 'get-hold', store: 'holds-db' } },
        // history-db: only the projector writes it, fed by relay: 100 + 200 = 300 ms, within 1000
        {
          status: 'pass',
          messageId: 'withinBound',
          line: 30,
          data: { flow: 'get-history', store: 'history-db', what: 'a projection', bound: '1000', lag: String(100 + 200) },
        },
      ],
    },
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
    {
      spec: 'cqrs/strong-read-on-projection.yaml',
      findings: [
        // status-db says role write, but only projector writes it, fed by relay: 100 + 300 ms behind orders-db
        {
          status: 'fail',
          messageId: 'readsProjection',
          line: 18,
          data: {
            flow: 'get-payment-status',
            store: 'status-db',
            lag: String(100 + 300),
            writers: 'projector, which consumes order-events',
          },
        },
        // accepts 250 ms, the projection trails by 400: 150 over
        {
          status: 'fail',
          messageId: 'beyondBound',
          line: 23,
          data: { flow: 'get-status-page', store: 'status-db', bound: '250', lag: String(100 + 300), over: ` by ${400 - 250} ms` },
        },
      ],
    },
  ],
});
