import { expect, it } from 'vitest';
import writeStrategy from '../../../src/checks/geo/write-strategy.js';
import { runCheckOn, testCheck } from '../tester.js';

testCheck(writeStrategy, {
  valid: [
    { spec: 'geo/strategy-consensus.yaml' },
    { spec: 'geo/strategy-one-region.yaml', name: 'one region', applies: false },
  ],
  invalid: [
    {
      spec: 'geo/strategy-undeclared.yaml',
      findings: [{ status: 'fail', messageId: 'undeclared', line: 6, data: { stores: 'orders-db', regions: 2 } }],
    },
    {
      spec: 'geo/strategy-strong-async.yaml',
      findings: [
        // a quorum of 2 copies (us-east, eu-west) costs the 82 ms round trip between them
        { status: 'fail', messageId: 'strongOnAsyncMultiWriter', line: 7, data: { flow: 'get-balance', store: 'accounts-db', regions: 'us-east, eu-west', replication: 'async', lag: '500', quorum: '82',
          quorumDetail: 'a majority is 2 of 2 copies; from us-east the nearest 2 are us-east 0.5 ms, eu-west 82 ms' } },
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
  // Quorum of 3 = 2 copies. From eu-west: own copy 0.5, us-east 82, us-west 147 -> 82 ms.
  // From us-east: 0.5, us-west 64, eu-west 82 -> 64; from us-west: 0.5, us-east 64, eu-west 147 -> 64. Slowest: eu-west, 82 ms.
  expect(findings.find((f) => f.messageId === 'strongWithConsensus')).toMatchObject({ status: 'pass', data: { store: 'accounts-db', quorum: '82', from: 'eu-west',
    quorumDetail: 'a majority is 2 of 3 copies; from eu-west the nearest 2 are eu-west 0.5 ms, us-east 82 ms' } });
  expect(findings.find((f) => f.messageId === 'declared')).toMatchObject({ status: 'pass', data: { strategy: 'global-consensus' } });
});
