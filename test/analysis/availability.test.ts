// Flow availability, each case checked against a hand-computed figure (Azure Well-Architected resiliency metrics).
import { describe, expect, it } from 'vitest';
import { flowAvailability, redundant, servingCopies } from '../../src/analysis/availability.js';
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

describe('flowAvailability', () => {
  const m = modelOf(`
regions: [us-east, us-west]
components:
  gateway: {kind: gateway}
  payments: {kind: external, availability: 0.999}
  orders-db: {kind: database, regions: [us-east, us-west], primary: us-east}
  ledger-db:
    kind: database
    regions: [us-east]
    failover: {mode: active-passive, standby: us-west}
flows:
  pay: {kind: write, path: [gateway, payments, orders-db]}
  read: {kind: read, path: [gateway, orders-db]}
  book: {kind: write, path: [gateway, ledger-db, gateway]}
`);

  it('multiplies serial hops, each redundant over its copies', () => {
    // gateway in 2 regions at the 99.95% default: 0.99999975; payments 0.999;
    // orders-db: a single primary with no failover serves writes from one copy: 0.9995
    // 0.99999975 x 0.999 x 0.9995 = 0.9985005 x 0.99999975 = 0.998500250375
    const a = flowAvailability(m, m.flows.pay!);
    expect(a.hops.map((h) => [h.component, h.copies])).toEqual([['gateway', 2], ['payments', 1], ['orders-db', 1]]);
    expect(a.value).toBeCloseTo(0.998500250375, 12);
  });

  it('lets reads use any replica of a single-primary store', () => {
    // 0.99999975 (gateway) x 0.99999975 (orders-db, 2 read copies) = 0.9999995000000625
    const a = flowAvailability(m, m.flows.read!);
    expect(a.hops[1]).toMatchObject({ component: 'orders-db', copies: 2 });
    expect(a.value).toBeCloseTo(0.9999995, 12);
  });

  it('counts a failover standby as a copy and a repeated hop once', () => {
    // gateway 0.99999975 x ledger-db (primary + standby) 0.99999975; the second gateway visit is not counted again
    const a = flowAvailability(m, m.flows.book!);
    expect(a.hops.map((h) => h.component)).toEqual(['gateway', 'ledger-db']);
    expect(servingCopies(m.components['ledger-db']!, 'write')).toBe(2);
    expect(a.value).toBeCloseTo(0.99999975 * 0.99999975, 12);
  });

  it('is what analyse() reports with the flow\'s target', async () => {
    const { analyse } = await import('../../src/analysis/analyse.js');
    const metrics = analyse(modelOf(`
regions: [us-east]
components:
  db: {kind: database}
flows:
  read: {kind: read, path: [db], availability: 0.9999}
requirements: {availability: 0.999}
`));
    // one region at the 99.95% default; the flow's own target wins over requirements
    expect(metrics.flows.read!.availability).toMatchObject({ value: 0.9995, target: 0.9999 });
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
