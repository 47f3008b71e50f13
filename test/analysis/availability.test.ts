// Flow availability, each case checked against a hand-computed figure (Azure Well-Architected resiliency metrics).
import { describe, expect, it } from 'vitest';
import { allOf, flowAvailability, majorityOf, redundant, servingCopies } from '../../src/analysis/availability.js';
import { modelOf } from './model-of.js';

describe('redundant', () => {
  it('two regions at 99.95% give 99.999975%', () => {
    // 1 - (1 - 0.9995)^2 = 1 - 0.0005^2 = 1 - 0.00000025
    expect(redundant(0.9995, 2)).toBeCloseTo(0.99999975, 12);
  });
  it('one copy is just its own availability, and n < 1 counts as one', () => {
    expect(redundant(0.999, 1)).toBeCloseTo(0.999, 12);
    expect(redundant(0.999, 0)).toBeCloseTo(0.999, 12);
  });
  it('three copies at 99.9% give 99.9999999%', () => {
    // 1 - 0.001^3 = 1 - 1e-9
    expect(redundant(0.999, 3)).toBeCloseTo(0.999999999, 12);
  });
});

describe('majorityOf and allOf', () => {
  it('three voters give 3a^2 - 2a^3; two voters are worse than one', () => {
    // a = 0.999: 3 x 0.998001 - 2 x 0.997002999 = 2.994003 - 1.994005998 = 0.999997002
    expect(majorityOf(0.999, 3)).toBeCloseTo(0.999997002, 12);
    // two voters: the majority is both, a^2 = 0.998001 < 0.999
    expect(majorityOf(0.999, 2)).toBeCloseTo(0.998001, 12);
    expect(majorityOf(0.999, 1)).toBeCloseTo(0.999, 12);
    // five voters, three must be up: 1 - P(3+ down) ~ 10 x 0.001^3 = 1e-8 (less the tiny higher terms)
    // = 1 - (10a^2(1-a)^3 + 5a(1-a)^4 + (1-a)^5) = 1 - (9.98001e-9 + 4.995e-12 + 1e-15)
    expect(majorityOf(0.999, 5)).toBeCloseTo(1 - 9.98001e-9 - 4.995e-12 - 1e-15, 14);
  });
  it('a write that needs every synchronous copy multiplies: a^k', () => {
    // 0.9995^2 = 0.99900025
    expect(allOf(0.9995, 2)).toBeCloseTo(0.99900025, 12);
  });
});

describe('flowAvailability', () => {
  // Every deployed tier states its regional figure so the arithmetic below stays on round numbers.
  const m = modelOf(`
regions: [us-east, us-west, eu-west]
components:
  gateway: {kind: gateway, availability: 0.9995}
  payments: {kind: external, availability: 0.999}
  orders-db: {kind: database, regions: [us-east, us-west], primary: us-east, availability: 0.9995}
  ledger-db:
    kind: database
    regions: [us-east]
    availability: 0.9995
    failover: {mode: active-passive, standby: us-west}
  sync-db:
    kind: database
    regions: [us-east]
    availability: 0.9995
    replication: {mode: sync}
    failover: {mode: active-passive, standby: us-west}
  raft-db: {kind: database, availability: 0.999, replication: {mode: consensus}}
  raft2-db: {kind: database, regions: [us-east, us-west], availability: 0.999, replication: {mode: consensus}}
  split-db: {kind: database, regions: [us-east, us-west], availability: 0.9995, replication: {mode: none}}
flows:
  pay: {kind: write, path: [gateway, payments, orders-db]}
  read: {kind: read, path: [gateway, orders-db]}
  book: {kind: write, path: [gateway, ledger-db, gateway]}
  sync-write: {kind: write, path: [sync-db]}
  sync-read: {kind: read, path: [sync-db]}
  raft-write: {kind: write, path: [raft-db]}
  raft-read: {kind: read, path: [raft-db]}
  raft-stale-read: {kind: read, path: [raft-db], max_staleness_ms: 1000}
  raft2-write: {kind: write, path: [raft2-db]}
  split-read: {kind: read, path: [split-db]}
`);

  it('multiplies serial hops, each redundant over its copies', () => {
    // gateway in 3 regions at 99.95%: 1 - 0.0005^3 = 0.999999999875; payments 0.999;
    // orders-db: a single primary with no failover serves writes from one copy: 0.9995
    // 0.999999999875 x 0.999 x 0.9995 = 0.9985005 x 0.999999999875 = 0.998500499875...
    const a = flowAvailability(m, m.flows.pay!);
    expect(a.hops.map((h) => [h.component, h.copies, h.rule])).toEqual([
      ['gateway', 3, 'any'],
      ['payments', 1, 'one'],
      ['orders-db', 1, 'one'],
    ]);
    expect(a.value).toBeCloseTo(0.999 * 0.9995 * (1 - 0.0005 ** 3), 12);
    expect(a.value).toBeCloseTo(0.9985004998752, 12);
  });

  it('lets reads use any replica of a single-primary store', () => {
    // 0.999999999875 (gateway) x 0.99999975 (orders-db, 2 read copies: 1 - 0.0005^2)
    const a = flowAvailability(m, m.flows.read!);
    expect(a.hops[1]).toMatchObject({ component: 'orders-db', copies: 2, rule: 'any' });
    expect(a.value).toBeCloseTo(0.999999999875 * 0.99999975, 12);
  });

  it('counts an asynchronous failover standby as a copy and a repeated hop once', () => {
    // gateway 0.999999999875 x ledger-db (primary or promoted standby) 0.99999975
    const a = flowAvailability(m, m.flows.book!);
    expect(a.hops.map((h) => h.component)).toEqual(['gateway', 'ledger-db']);
    expect(servingCopies(m.components['ledger-db']!, 'write')).toBe(2);
    expect(a.value).toBeCloseTo(0.999999999875 * 0.99999975, 12);
  });

  it('synchronous replication: a write needs every copy, a read any', () => {
    // write: 0.9995^2 = 0.99900025; read: 1 - 0.0005^2 = 0.99999975
    expect(flowAvailability(m, m.flows['sync-write']!)).toMatchObject({
      value: expect.closeTo(0.99900025, 12),
      hops: [{ rule: 'all', copies: 2 }],
    });
    expect(flowAvailability(m, m.flows['sync-read']!).value).toBeCloseTo(0.99999975, 12);
  });

  it('consensus: a majority of voters must be up; follower reads need any voter', () => {
    // three voters at 99.9%: 3 x 0.999^2 - 2 x 0.999^3 = 0.999997002
    expect(flowAvailability(m, m.flows['raft-write']!).value).toBeCloseTo(0.999997002, 12);
    expect(flowAvailability(m, m.flows['raft-read']!).hops[0]).toMatchObject({ rule: 'majority', copies: 3 });
    // a read that accepts staleness: any of 3, 1 - 0.001^3 = 0.999999999
    expect(flowAvailability(m, m.flows['raft-stale-read']!).value).toBeCloseTo(0.999999999, 12);
    // two voters: both are the majority, 0.999^2 = 0.998001, worse than one voter's 0.999
    expect(flowAvailability(m, m.flows['raft2-write']!).value).toBeCloseTo(0.998001, 12);
  });

  it('replication none: each region holds a separate data set, so only one copy counts', () => {
    const a = flowAvailability(m, m.flows['split-read']!);
    expect(a.hops[0]).toMatchObject({ copies: 1, rule: 'one' });
    expect(a.value).toBeCloseTo(0.9995, 12);
  });

  it("counts replicas inside a region behind the region's shared fate", () => {
    const r = modelOf(`
regions: [us-east]
components:
  one: {kind: database, replicas: 1}
  two: {kind: database, replicas: 2}
flows:
  a: {kind: read, path: [one]}
  b: {kind: read, path: [two]}
`);
    // 0.9995 (region) x 0.999 (one replica) = 0.9985005
    expect(flowAvailability(r, r.flows.a!).value).toBeCloseTo(0.9985005, 12);
    // 0.9995 x (1 - 0.001^2) = 0.9995 x 0.999999 = 0.9994990005
    const b = flowAvailability(r, r.flows.b!);
    expect(b.value).toBeCloseTo(0.9994990005, 12);
    expect(b.hops[0]!.replicas).toEqual({ count: 2, each: 0.999, regionFate: 0.9995 });
  });

  it("is what analyse() reports with the flow's target", async () => {
    const { analyse } = await import('../../src/analysis/analyse.js');
    const metrics = analyse(
      modelOf(`
regions: [us-east]
components:
  db: {kind: database, availability: 0.9995}
flows:
  read: {kind: read, path: [db], availability: 0.9999}
requirements: {availability: 0.999}
`),
    );
    // one region at the stated 99.95%; the flow's own target wins over requirements
    expect(metrics.flows.read!.availability).toMatchObject({ value: 0.9995, target: 0.9999 });
  });
});

describe('an asynchronous active-passive store', () => {
  it('takes writes at its primary or its standby only, and serves reads from any copy', () => {
    const m = modelOf(`
regions: [us-east, eu-west, ap-northeast]
components:
  api: {kind: service}
  db:
    kind: database
    availability: 0.999
    replication: {mode: async}
    failover: {mode: active-passive, standby: eu-west}
flows:
  write: {kind: write, path: [api, db]}
  read: {kind: read, path: [api, db]}
`);
    const hop = (flow: string) => flowAvailability(m, m.flows[flow]!).hops.find((h) => h.component === 'db')!;
    // writes: us-east or, promoted, eu-west: 1 - 0.001^2 = 0.999999 (ap-northeast is a replica, never promoted)
    expect(hop('write')).toMatchObject({ copies: 2, rule: 'any' });
    expect(hop('write').value).toBeCloseTo(1 - 0.001 ** 2, 12);
    // reads: any of the three copies
    expect(hop('read')).toMatchObject({ copies: 3, rule: 'any' });
  });
});

describe('timeouts below the healthy tail', () => {
  it('count the calls they cut off as errors', () => {
    const m = modelOf(`
regions: [us-east]
components:
  api: {kind: service, availability: 0.999, pools: {payments: {size: 20, timeout_ms: 150}}}
  payments: {kind: external, availability: 0.999, latency_ms: {p50: 80, p99: 200}}
flows:
  pay: {kind: write, path: [api, payments]}
`);
    const a = flowAvailability(m, m.flows.pay!);
    // payments: 0.999 up x (1 - 0.05525 cut off by the 150 ms timeout) = 0.999 x 0.94475 = 0.94381
    const pay = a.hops.find((h) => h.component === 'payments')!;
    expect(pay.timeoutCutOff).toBeCloseTo(0.05525, 4);
    expect(pay.value).toBeCloseTo(0.94381, 4);
    // api (one region, one copy): 0.999; flow: 0.999 x 0.94381 = 0.94287
    expect(a.value).toBeCloseTo(0.94287, 4);
  });
  it('fail a fan-out when any of its calls is cut off: 1 - (1 - s)^N', () => {
    const m = modelOf(`
regions: [us-east]
components:
  api: {kind: service, availability: 0.999, pools: {shards: {size: 40, timeout_ms: 150}}}
  shards: {kind: database, availability: 0.999, latency_ms: {p50: 80, p99: 200}}
flows:
  scatter: {kind: read, path: [api, {to: shards, fanout: 16}]}
`);
    const hop = flowAvailability(m, m.flows.scatter!).hops.find((h) => h.component === 'shards')!;
    // each call: 5.525 % cut off (as above); 16 at once: 1 - 0.94475^16 = 1 - 0.40399 = 0.59601
    expect(hop.timeoutCutOff).toBeCloseTo(1 - (1 - 0.05525) ** 16, 3);
  });
  it('cost nothing measurable when well above the p99', () => {
    const m = modelOf(`
regions: [us-east]
components:
  api: {kind: service, availability: 0.999}
  payments: {kind: external, availability: 0.999, latency_ms: {p50: 80, p99: 200}, timeout_ms: 800}
flows:
  pay: {kind: write, path: [api, payments]}
`);
    // 0.999 x 0.999 x (1 - 2.5e-9) = 0.998001
    expect(flowAvailability(m, m.flows.pay!).value).toBeCloseTo(0.998001, 7);
  });
});
