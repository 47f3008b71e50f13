import strongReadSource from '../../../src/checks/geo/strong-read-source.js';
import { describe, expect, it } from 'vitest';
import { runCheckOn, testCheck } from '../tester.js';

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
      spec: 'geo/strong-read-roles.yaml',
      name: 'a read-model label on a store a write flow writes is not believed; a projection is not judged here',
      findings: [
        // ledger-db: primary us-east (first region), eu-west's copy trails by its 800 ms lag
        {
          status: 'fail',
          messageId: 'staleReplica',
          line: 19,
          data: { flow: 'get-balance', origin: 'eu-west', store: 'ledger-db', region: 'eu-west', writer: 'us-east', lag: '800' },
        },
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

describe('geo/strong-read-source and projections', () => {
  it('does not call a projection kept in sync a current copy', () => {
    // funds-db replicates synchronously, but only the projector writes it: 100 + 300 ms behind post-entry's writes.
    const findings = runCheckOn(strongReadSource, 'geo/strong-read-roles.yaml');
    expect(findings.filter((f) => f.data.flow === 'check-funds')).toEqual([]);
  });
});
