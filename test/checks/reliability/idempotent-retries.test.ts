import idempotentRetries from '../../../src/checks/reliability/idempotent-retries.js';
import { testCheck } from '../tester.js';

const key = 'orders-db';

testCheck(idempotentRetries, {
  valid: [
    { spec: 'reliability/charge-keyed.yaml', name: 'key written with the pending order, before the charge' },
    { spec: 'reliability/charge-client-key.yaml', name: 'the client sends the key: the outcome may be recorded after the call' },
    { spec: 'consistency/no-invariant.yaml', name: 'no call with a side effect: does not apply', applies: false },
    {
      spec: 'reliability/retries-not-stated.yaml',
      name: 'a side effect the spec never retries (no retries, no timeout): does not apply',
      options: { sideEffects: ['scores-db'] },
      applies: false,
    },
  ],
  invalid: [
    {
      spec: 'reliability/charge-no-key.yaml',
      // A timeout at the healthy p99 (300 ms, p50 100 ms) cuts off exactly the 1% of calls slower than p99
      // (the log-normal fit passes through p99 by construction): 200 calls/s x 0.01 = 2 calls/s time out,
      // each of which may already have charged.
      findings: [
        {
          status: 'fail',
          messageId: 'noKey',
          line: 9,
          data: {
            flow: 'checkout',
            dependency: 'payment-api',
            why: 'gives up after 300 ms on calls',
            timedOut: '1% of healthy calls outlast the 300 ms timeout (2 calls/s at 200/s), and in a brownout nearly all do',
          },
        },
      ],
    },
    {
      spec: 'reliability/charge-no-key-healthy.yaml',
      // sigma = ln(200/80) / 2.32635 = 0.91629 / 2.32635 = 0.39388; z = ln(800/80) / 0.39388 = 2.30259 / 0.39388 = 5.846;
      // P(Z > 5.846) is about 2.5e-9, below the 0.01% the message prints
      findings: [
        {
          status: 'fail',
          messageId: 'noKey',
          line: 8,
          data: { timedOut: 'fewer than 0.01% of healthy calls outlast the 800 ms timeout, but in a brownout nearly all 240 calls/s do' },
        },
      ],
    },
    {
      spec: 'reliability/charge-key-nowhere.yaml',
      findings: [{ status: 'fail', messageId: 'keyNotKept', line: 11, data: { flow: 'checkout', dependency: 'payment-api' } }],
    },
    {
      spec: 'reliability/client-key-not-recorded.yaml',
      findings: [{ status: 'fail', messageId: 'clientKeyNotRecorded', line: 11, data: { flow: 'authorize', dependency: 'card-network' } }],
    },
    {
      spec: 'reliability/charge-key-in-cache.yaml',
      findings: [{ status: 'fail', messageId: 'volatileStore', line: 16, data: { store: 'session-cache', kind: 'cache' } }],
    },
    {
      spec: 'reliability/charge-key-written-after.yaml',
      findings: [{ status: 'fail', messageId: 'writtenAfterCall', line: 14, data: { store: key } }],
    },
    {
      spec: 'reliability/charge-key-not-written.yaml',
      findings: [{ status: 'fail', messageId: 'storeNotWritten', line: 16, data: { store: key } }],
    },
    {
      spec: 'reliability/side-effects.yaml',
      name: 'flow retries repeat every side effect; a call marked side_effect: false is not one',
      // retries: 2 -> up to 1 + 2 = 3 attempts; no timeout, so no share is computed
      findings: [
        {
          status: 'fail',
          messageId: 'noKey',
          line: 20,
          data: { dependency: 'email-api', why: 'retries calls (up to 3 attempts)', timedOut: '2 retries per failed call' },
        },
        { status: 'fail', messageId: 'noKey', line: 21, data: { dependency: 'loyalty-api', why: 'retries calls (up to 3 attempts)' } },
      ],
    },
    {
      spec: 'reliability/side-effects.yaml',
      name: 'a side effect the stage declares cannot be opted out of with side_effect: false',
      options: { sideEffects: ['fraud-api'] },
      findings: [
        { status: 'fail', messageId: 'noKey', line: 19, data: { dependency: 'fraud-api' } },
        { status: 'fail', messageId: 'noKey', line: 20, data: { dependency: 'email-api' } },
        { status: 'fail', messageId: 'noKey', line: 21, data: { dependency: 'loyalty-api' } },
      ],
    },
    {
      spec: 'reliability/retries-not-stated.yaml',
      name: 'retries the stage says the client makes cannot be dropped by leaving out retries',
      options: { sideEffects: ['scores-db'], flowRetries: { 'submit-score': 2 } },
      // the problem's 2 retries -> up to 1 + 2 = 3 attempts; no timeout, so no share is computed
      findings: [
        {
          status: 'fail',
          messageId: 'noKey',
          line: 13,
          data: {
            flow: 'submit-score',
            dependency: 'scores-db',
            why: 'retries calls (up to 3 attempts)',
            timedOut: '2 retries per failed call',
          },
        },
      ],
    },
    {
      spec: 'reliability/side-effects.yaml',
      name: 'the spec may retry more than the stage says: the larger count is used',
      options: { flowRetries: { signup: 1 } },
      // the spec's retries: 2 beat the stage's 1 -> up to 3 attempts
      findings: [
        { status: 'fail', messageId: 'noKey', line: 20, data: { dependency: 'email-api', why: 'retries calls (up to 3 attempts)' } },
        { status: 'fail', messageId: 'noKey', line: 21, data: { dependency: 'loyalty-api', why: 'retries calls (up to 3 attempts)' } },
      ],
    },
  ],
});
