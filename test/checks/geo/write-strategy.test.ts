import { expect, it } from 'vitest';
import writeStrategy from '../../../src/checks/geo/write-strategy.js';
import { runCheckOn, testCheck } from '../tester.js';

testCheck(writeStrategy, {
  valid: [{ spec: 'geo/strategy-consensus.yaml' }, { spec: 'geo/strategy-one-region.yaml', name: 'one region', applies: false }],
  invalid: [
    {
      spec: 'geo/strategy-undeclared.yaml',
      findings: [{ status: 'fail', messageId: 'undeclared', line: 6, data: { stores: 'orders-db', regions: 2 } }],
    },
    {
      spec: 'geo/strategy-strong-async.yaml',
      findings: [
        // a quorum of 2 copies (us-east, eu-west) costs the 82 ms round trip between them
        {
          status: 'fail',
          messageId: 'strongOnAsyncMultiWriter',
          line: 7,
          data: {
            flow: 'get-balance',
            store: 'accounts-db',
            regions: 'us-east, eu-west',
            replication: 'async',
            lag: '500',
            quorum: '82',
            quorumDetail: 'a majority is 2 of 2 copies; from eu-west the nearest 2 are eu-west 0.5 ms, us-east 82 ms',
          },
        },
      ],
    },
    {
      spec: 'geo/strategy-deprecated.yaml',
      name: 'the deprecated async-replication is multi-primary, and no store here takes writes in several regions',
      findings: [
        {
          status: 'warn',
          messageId: 'strategyMismatch',
          line: 7,
          data: { strategy: 'multi-primary (written async-replication)', store: 'orders-db' },
        },
      ],
    },
    {
      spec: 'geo/strategy-mismatch.yaml',
      findings: [{ status: 'warn', messageId: 'strategyMismatch', line: 7, data: { strategy: 'single-region', store: 'orders-db' } }],
    },
  ],
});

it('reports the quorum round trip a consensus write pays', () => {
  const findings = runCheckOn(writeStrategy, 'geo/strategy-consensus.yaml');
  // The leader is the first region, us-east. Majority of 3 = the leader + 1 other: its nearest, us-west 64 ms.
  // A write from us-east: 0.5 + 64 = 64.5; from us-west: 64 + 64 = 128; from eu-west: 82 + 64 = 146 ms, the slowest.
  expect(findings.find((f) => f.messageId === 'strongWithConsensus')).toMatchObject({
    status: 'pass',
    data: { store: 'accounts-db', leader: 'us-east', quorum: '64', from: 'eu-west', toLeader: '82', total: '146' },
  });
  expect(findings.find((f) => f.messageId === 'declared')).toMatchObject({ status: 'pass', data: { strategy: 'global-consensus' } });
});
