import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import conditionalWrite from '../../../src/checks/consistency/conditional-write.js';
import { fillTemplate } from '../../../src/checks/types.js';
import { FIXTURES, runCheckOn, testCheck } from '../tester.js';

const holdSeat = { 'hold-seat': { kind: 'no-double-booking', protects: ['inventory-db'] } };

testCheck(conditionalWrite, {
  valid: [
    { spec: 'consistency/conditional.yaml', name: 'the hold is a conditional write on the seats' },
    { spec: 'consistency/hold-ttl.yaml', name: 'an atomic hold with a 600 s TTL, protecting a data class' },
    { spec: 'consistency/hold-ttl.yaml', name: "the TTL exactly at the problem's limit (600 = 600 s)", options: { maxHoldTtlS: 600 } },
    { spec: 'consistency/home-region.yaml', name: 'active-active, but every key written in its home region' },
    { spec: 'consistency/no-invariant.yaml', name: 'no invariant declared: does not apply', applies: false },
  ],
  invalid: [
    {
      spec: 'consistency/strong-read-only.yaml',
      name: 'a strong read and a plain write: the check-then-act race',
      findings: [
        { status: 'fail', messageId: 'checkThenAct', line: 13, data: { flow: 'hold-seat', store: 'inventory-db', rate: '1,000' } },
      ],
    },
    {
      spec: 'consistency/hold-no-ttl.yaml',
      findings: [{ status: 'fail', messageId: 'holdWithoutTtl', line: 16, data: { flow: 'hold-seat', store: 'inventory-db' } }],
    },
    {
      spec: 'consistency/hold-ttl.yaml',
      name: 'a hold longer than the problem allows',
      // ttl_s 600 against a 300 s limit: 600 / 300 = 2 times longer
      options: { maxHoldTtlS: 300 },
      findings: [{ status: 'fail', messageId: 'holdTooLong', line: 19, data: { ttl: 600, limit: 300, ratio: '2' } }],
    },
    {
      spec: 'consistency/conditional.yaml',
      name: 'the stage says the flow takes a hold: a conditional claim that never expires is not one',
      options: { invariants: { 'hold-seat': { kind: 'no-double-booking', protects: ['inventory-db'], hold: true } } },
      findings: [{ status: 'fail', messageId: 'needsExpiry', line: 13, data: { flow: 'hold-seat', store: 'inventory-db' } }],
    },
    {
      spec: 'consistency/async-standby.yaml',
      name: 'an asynchronous standby forgets the last second of claims',
      findings: [{ status: 'warn', messageId: 'lostOnFailover', line: 9, data: { store: 'inventory-db', lag: 1000, noun: 'write' } }],
    },
    {
      spec: 'consistency/wrong-store.yaml',
      name: 'the compare-and-set is on the read model, not the seats',
      findings: [
        { status: 'fail', messageId: 'wrongStore', line: 17, data: { store: 'inventory-db', other: 'seatmap-db', mode: 'conditional' } },
      ],
    },
    {
      spec: 'consistency/active-active.yaml',
      findings: [{ status: 'fail', messageId: 'multiWriter', line: 9, data: { store: 'inventory-db', conflict: 'last-writer-wins' } }],
    },
    {
      spec: 'consistency/read-guards.yaml',
      findings: [
        { status: 'fail', messageId: 'readOnly', line: 13, data: { flow: 'check-seat' } },
        { status: 'fail', messageId: 'notWritten', line: 18, data: { flow: 'buy-seat', data: 'inventory-db' } },
      ],
    },
    {
      spec: 'consistency/unmarked-hold.yaml',
      name: 'the stage declares the invariant the spec does not mark',
      options: { invariants: holdSeat },
      findings: [{ status: 'fail', messageId: 'checkThenAct', line: 8, data: { flow: 'hold-seat', store: 'inventory-db' } }],
    },
    {
      spec: 'consistency/no-invariant.yaml',
      name: 'the stage names a flow the spec does not have',
      options: { invariants: holdSeat },
      findings: [{ status: 'fail', messageId: 'missingFlow', line: 7, data: { flow: 'hold-seat' } }],
    },
  ],
});

describe('consistency/conditional-write: done when (issue 12)', () => {
  const read = (f: string) =>
    readFileSync(join(FIXTURES, f), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'));
  it("the two designs differ only in the hold's concurrency", () => {
    const a = read('consistency/strong-read-only.yaml');
    const b = read('consistency/conditional.yaml');
    const differing = a.map((l, i) => [l, b[i]]).filter(([x, y]) => x !== y);
    expect(differing).toEqual([
      [
        '    path: [gateway, tickets-api, {to: inventory-db, concurrency: none}]',
        '    path: [gateway, tickets-api, {to: inventory-db, concurrency: conditional}]',
      ],
    ]);
  });
  it('prevents double booking with only a strong read: fails, and the message names the race', () => {
    const [f] = runCheckOn(conditionalWrite, 'consistency/strong-read-only.yaml');
    expect(f?.status).toBe('fail');
    const text = fillTemplate(conditionalWrite.meta.messages[f!.messageId]!, f!.data);
    expect(text).toContain('check-then-act race');
    expect(text).toContain('both read');
    expect(text).toContain('strongly consistent read (check-seat) does not close it');
  });
  it('the same design with a conditional write passes', () => {
    const findings = runCheckOn(conditionalWrite, 'consistency/conditional.yaml');
    expect(findings.map((f) => [f.status, f.messageId])).toEqual([['pass', 'guarded']]);
    expect(findings[0]!.data.step).toBe('');
  });
  it('a flow that writes the protected store twice says which step each passing line is about', () => {
    // path [web-api, orders-db (insert pending), payment-api, orders-db (mark paid)]:
    // the two writes are the 2nd and the 4th step.
    const findings = runCheckOn(conditionalWrite, 'consistency/pending-then-paid.yaml');
    expect(findings.map((f) => [f.status, f.data.step])).toEqual([
      ['pass', ' (step 2 of the path)'],
      ['pass', ' (step 4 of the path)'],
    ]);
  });
});
