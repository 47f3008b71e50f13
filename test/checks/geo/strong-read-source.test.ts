import strongReadSource from '../../../src/checks/geo/strong-read-source.js';
import { testCheck } from '../tester.js';

testCheck(strongReadSource, {
  valid: [
    { spec: 'geo/strong-read-primary.yaml' },
    { spec: 'geo/strong-read-cache-store.yaml', name: 'a cache with no store behind it is the store' },
  ],
  invalid: [
    {
      spec: 'geo/strong-read-replica.yaml',
      findings: [
        {
          status: 'fail',
          messageId: 'staleReplica',
          line: 15,
          data: { flow: 'get-balance', origin: 'eu-west', store: 'ledger-db', region: 'eu-west', writer: 'us-east', lag: '800' },
        },
        { status: 'fail', messageId: 'cached', line: 16, data: { flow: 'get-stock', store: 'stock-cache', origin: 'us-east' } },
        { status: 'fail', messageId: 'cached', line: 16, data: { flow: 'get-stock', store: 'stock-cache', origin: 'eu-west' } },
      ],
    },
    {
      spec: 'geo/strong-read-cdn.yaml',
      findings: [{ status: 'fail', messageId: 'cached', line: 10, data: { flow: 'check-overdraft', store: 'edge', what: 'CDN' } }],
    },
    {
      spec: 'geo/strong-read-active-active.yaml',
      findings: [{ status: 'fail', messageId: 'staleActiveActive', line: 9, data: { store: 'seats-db', region: 'us-east', lag: '500' } }],
    },
  ],
});
