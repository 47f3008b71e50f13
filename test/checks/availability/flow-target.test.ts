import { describe, expect, it } from 'vitest';
import flowTarget, { availabilityPct, downtimePerMonth } from '../../../src/checks/availability/flow-target.js';
import { runCheckOn, testCheck } from '../tester.js';

testCheck(flowTarget, {
  valid: [
    // gateway, api: 1 - 0.0005^2 = 99.999975% each; orders-db with a standby: 2 copies, 99.999975%
    { spec: 'availability/target-ok.yaml' },
    { spec: 'availability/no-target.yaml', name: 'no target anywhere', applies: false },
  ],
  invalid: [
    {
      spec: 'availability/target-missed.yaml',
      findings: [
        // 0.99999975 (gateway, 2 regions) x 0.999 (payments) x 0.9995 (one primary, no failover) = 0.99850025
        // downtime (1 - 0.99850025) x 43,200 min = 64.8 min; the target 99.95% allows 21.6 min
        {
          status: 'fail',
          messageId: 'belowTarget',
          line: 12,
          data: {
            flow: 'checkout',
            availability: '99.85%',
            target: '99.95%',
            downtime: '64.8 min',
            allowed: '21.6 min',
            product: 'gateway 99.999975% (any of 2 regions) x payments 99.9% x orders-db 99.95%',
            weakest: 'payments 99.9%',
          },
        },
      ],
    },
    {
      spec: 'availability/no-target.yaml',
      name: "the rubric's target applies when the spec has none",
      options: { target: 0.9999 },
      // 0.99999975 x 0.9995 (reads: one copy in us-east) = 99.95%; 99.99% allows 4.32 min, here 21.6 min
      findings: [
        {
          status: 'fail',
          messageId: 'belowTarget',
          line: 7,
          data: { availability: '99.95%', target: '99.99%', downtime: '21.6 min', allowed: '4.3 min' },
        },
      ],
    },
  ],
});

it('a passing flow shows its product and downtime', () => {
  const [f] = runCheckOn(flowTarget, 'availability/target-ok.yaml');
  // three hops at 1 - 0.0005^2 each: 0.99999975^3 = 0.99999925 (shown 99.99993%); x 43,200 min = 0.0324 min = 1.9 s
  expect(f).toMatchObject({
    status: 'pass',
    messageId: 'meetsTarget',
    line: 13,
    data: { availability: '99.99993%', downtime: '1.9 s', allowed: '43.2 min' },
  });
});

it('counts copies by replication mode and replicas behind the region, and says so', () => {
  const f = Object.fromEntries(runCheckOn(flowTarget, 'availability/modes.yaml').map((x) => [x.data.flow, x]));
  // region 0.9995 x one replica 0.999 = 0.9985005. A sync write needs both copies: 0.9985005^2 = 0.99700325 < 99.9%
  expect(f['sync-write']).toMatchObject({ status: 'fail', evidence: { value: expect.closeTo(0.9985005 ** 2, 12) } });
  expect(String(f['sync-write']!.data.product)).toContain('every one of 2 synchronous copies must be up for a write');
  // three voters: 3a^2 - 2a^3 with a = 0.9985005: 1 - (3 x 0.0014995^2 x 0.9985005 + 0.0014995^3) = 0.99999326...
  const a = 0.9985005;
  expect(f['raft-write']).toMatchObject({ status: 'fail', evidence: { value: expect.closeTo(3 * a ** 2 - 2 * a ** 3, 12) } });
  expect(String(f['raft-write']!.data.product)).toContain('a majority of 3 consensus voters must be up');
  // two replicas in one region: 0.9995 x (1 - 0.001^2) = 0.9994990005, just under 99.95%
  expect(f['two-read']).toMatchObject({ status: 'fail', evidence: { value: expect.closeTo(0.9994990005, 12) } });
  expect(String(f['two-read']!.data.product)).toContain("2 replicas at 99.9% behind the region's 99.95%");
});

describe('formatting', () => {
  it('shows enough digits to tell an availability from 100%', () => {
    expect(availabilityPct(0.999)).toBe('99.9%');
    expect(availabilityPct(0.999999)).toBe('99.9999%');
    expect(availabilityPct(0.99999975)).toBe('99.999975%');
    expect(availabilityPct(1)).toBe('~100%');
  });
  it('gives downtime per 30-day month as the Azure table does', () => {
    // Azure WAF per month: 99% 7.2 h, 99.9% 43.2 min, 99.95% 21.6 min, 99.99% 4.32 min, 99.999% 25.9 s
    expect(downtimePerMonth(0.99)).toBe('7.2 h');
    expect(downtimePerMonth(0.999)).toBe('43.2 min');
    expect(downtimePerMonth(0.9995)).toBe('21.6 min');
    expect(downtimePerMonth(0.9999)).toBe('4.3 min');
    expect(downtimePerMonth(0.99999)).toBe('25.9 s');
  });
});
