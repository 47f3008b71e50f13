import { expect, it } from 'vitest';
import rtoRpo from '../../../src/checks/failover/rto-rpo.js';
import { runCheckOn, testCheck } from '../tester.js';

testCheck(rtoRpo, {
  valid: [
    // RTO 10 + 30 = 40 s <= 60; RPO 500 ms = 0.5 s <= 1
    { spec: 'failover/rto-rpo-ok.yaml' },
    { spec: 'failover/no-targets.yaml', name: 'no targets in spec or options', applies: false },
    // users: the gateway's 10 s detection + 30 s TTL = 40 s <= 60
    { spec: 'failover/users-steering-ok.yaml' },
    // users: 10 s detection + 0 s with anycast = 10 s <= 20 (no DNS answer to expire)
    { spec: 'failover/users-steering-anycast.yaml' },
    // every user enters by a gateway in us-east alone: nowhere to steer them, which stateless-active-active names
    // (a stage may grade the store's failover before it asks for the stateless tiers in both regions)
    { spec: 'failover/users-single-region.yaml', name: 'an entry tier in one region is not graded here' },
  ],
  invalid: [
    {
      spec: 'failover/rpo-read-model-label.yaml',
      name: 'a read-model label on a store a write flow writes does not take it out of the RPO',
      findings: [
        // async lag 60,000 ms = 60 s over the 0 s target; meta-db (only the projector writes it) is not judged
        { status: 'fail', messageId: 'rpoOver', line: 10, data: { store: 'blocks', rpo: String(60000 / 1000), target: 0 } },
      ],
    },
    {
      spec: 'failover/rto-rpo-slow.yaml',
      findings: [
        // defaults: detect 30 s + promote 60 s = 90 s; async lag 1000 ms = 1 s
        {
          status: 'fail',
          messageId: 'rtoOver',
          line: 7,
          data: {
            store: 'orders-db',
            rto: '90',
            target: 60,
            how: 'detect 30 s + promote 60 s to us-west; failing back to us-east later is a second, planned switchover once it has caught up',
          },
        },
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
      spec: 'failover/users-steering-slow.yaml',
      findings: [
        // the default 30 s health checks + 60 s DNS TTL = 90 s > 60 s, though the store is back in 10 + 30 = 40 s
        // (its own 10 s health checks are the database's, not the users' DNS record's)
        {
          status: 'fail',
          messageId: 'usersOver',
          line: 6,
          data: {
            entry: 'gateway',
            regions: 'us-east, us-west',
            rto: '90',
            target: 60,
            how: 'detect 30 s (health checks) + the default 60 s DNS TTL (gateway states no failover.steer_s)',
          },
        },
      ],
    },
    {
      spec: 'failover/users-steering-ttl-claimed.yaml',
      name: 'a DNS TTL shorter than clients keep an address moves no one sooner without anycast',
      findings: [
        // 10 s detection + the 30 s floor (the 5 s stated) = 40 s > 20 s
        {
          status: 'fail',
          messageId: 'usersOver',
          line: 6,
          data: {
            rto: '40',
            how: 'detect 10 s (health checks) + steer 30 s (clients keep a looked-up address that long; the 5 s TTL stated moves no one sooner without anycast)',
          },
        },
      ],
    },
    {
      spec: 'failover/users-steering-ok.yaml',
      name: "the users' RTO against a tighter target from the rubric",
      options: { rtoS: 30 },
      findings: [
        {
          status: 'fail',
          messageId: 'usersOver',
          line: 5,
          data: { rto: '40', how: 'detect 10 s (health checks) + steer 30 s (its DNS TTL)' },
        },
        { status: 'fail', messageId: 'rtoOver', line: 10, data: { store: 'orders-db', rto: '40' } },
      ],
    },
    {
      spec: 'failover/no-targets.yaml',
      name: 'targets from options when the spec has none',
      options: { rpoS: 5 },
      findings: [{ status: 'fail', messageId: 'rpoManual', line: 4, data: { store: 'orders-db', target: 5 } }],
    },
  ],
});

it('gives active-active and consensus a recovery time from detection, DNS steering and election, and names the failback', () => {
  const f = Object.fromEntries(
    runCheckOn(rtoRpo, 'failover/recovery-times.yaml')
      .filter((x) => x.messageId.startsWith('rto'))
      .map((x) => [x.data.store, x]),
  );
  // active-active: Route 53 fast health checks 10 s x 3 = 30 s + DNS TTL 60 s = 90 s > 60 s
  expect(f['carts-db']).toMatchObject({ status: 'fail', messageId: 'rtoOver', data: { rto: '90' } });
  expect(String(f['carts-db']!.data.how)).toContain(
    'detect 30 s (health checks) + steer 60 s (its clients move: DNS TTL or a client that retries)',
  );
  expect(String(f['carts-db']!.data.how)).toContain('failing back');
  // consensus, leader us-east lost: 1 s election timeout + us-west <-> eu-west vote 147 ms = 1.147 s (shown 1.1)
  expect(f['ledger-db']).toMatchObject({ status: 'pass', messageId: 'rtoMet', data: { rto: '1.1' } });
  expect(String(f['ledger-db']!.data.how)).toContain('1 s election timeout');
});
