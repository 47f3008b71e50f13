// A given component's kind is a fact of the scenario: declared another kind, under its own name or renamed in its
// place, it is graded as the kind the problem gives it (figures, price, what it may call), and design/honest-figures
// names the change. Review attacks on shipped problems, each a stage's reference edited.
import { describe, expect, it } from 'vitest';
import { gradeEdited } from './grade-edited.js';

// Prices by hand (src/data/cost.ts): a gateway or service with no tech is its kind's representative app-server large
// (m6i.large) at $0.096 an hour, 730 hours a month: $70.08 per replica-month.
const REPLICA_MONTH = 0.096 * 730;

describe("a given component's kind on shipped problems", () => {
  it('payments-failover stage 3: the gateway declared a load balancer is priced and graded as the gateway it is', () => {
    // The attack: payments-api at 12 replicas (the reference runs 7), paid for by pricing the gateway as a load balancer.
    const { report, metrics, model, failing } = gradeEdited('payments-failover', 'stage-2.yaml', (t) =>
      t
        .replace('  gateway:      {kind: gateway,', '  gateway:      {kind: load-balancer,')
        .replace(
          '  payments-api: {kind: service, regions: [us-east, us-west], replicas: 7,',
          '  payments-api: {kind: service, regions: [us-east, us-west], replicas: 12,',
        ),
    );
    expect(model.components.gateway!.kind).toBe('gateway');
    expect(failing).toEqual([
      'gateway is a gateway in this problem (given for gateway); your spec declares it a load balancer: graded as a gateway, with its figures, its price and what it may call',
    ]);
    // gateway 8 replicas x 2 regions x $70.08 = $1,121.28; payments-api 12 x 2 x $70.08 = $1,681.92
    expect(metrics.cost.components.gateway!.usdPerMonth).toBeCloseTo(8 * 2 * REPLICA_MONTH, 2);
    expect(metrics.cost.components['payments-api']!.usdPerMonth).toBeCloseTo(12 * 2 * REPLICA_MONTH, 2);
    // $1,121.28 + $1,681.92 = $2,803.20 before the database and the card network: over the $2,800 budget
    const cost = report.checks.find((c) => c.id === 'cost/within-budget')!;
    expect(cost.status).toBe('fail');
    expect(report.passed).toBe(false);
  });

  it('order-history stage 3: the gateway and orders-api declared load balancers are a gateway and a service', () => {
    const { report, metrics, model, failing } = gradeEdited('order-history', 'stage-2.yaml', (t) =>
      t
        .replace(/ {2}gateway: +\{kind: gateway, (.*?) threads: 2000,/, '  gateway:      {kind: load-balancer, $1')
        .replace(/ {2}orders-api: +\{kind: service, (.*?) threads: 200,/, '  orders-api:   {kind: load-balancer, $1'),
    );
    expect(model.components['orders-api']!.kind).toBe('service');
    expect(failing).toEqual([
      'gateway is a gateway in this problem (given for gateway); your spec declares it a load balancer: graded as a gateway, with its figures, its price and what it may call',
      'orders-api is a service in this problem (given for orders-api); your spec declares it a load balancer: graded as a service, with its figures, its price and what it may call',
    ]);
    // gateway 3 replicas x 2 regions x $70.08 = $420.48; orders-api 8 x 2 x $70.08 = $1,121.28
    expect(metrics.cost.components.gateway!.usdPerMonth).toBeCloseTo(3 * 2 * REPLICA_MONTH, 2);
    expect(metrics.cost.components['orders-api']!.usdPerMonth).toBeCloseTo(8 * 2 * REPLICA_MONTH, 2);
    // a service calling databases does a service's work: no proxy doing it to name
    expect(report.checks.find((c) => c.id === 'design/honest-figures')!.findings.some((f) => f.messageId === 'kindRole')).toBe(false);
    expect(report.passed).toBe(false);
  });

  it('payments-failover stage 3: payments-api renamed and declared a gateway is graded as payments-api, a service', () => {
    const { model, failing } = gradeEdited('payments-failover', 'stage-2.yaml', (t) =>
      t
        .replace('  payments-api: {kind: service,', '  payments-gw: {kind: gateway,')
        .replaceAll('payments-api,', 'payments-gw,')
        .replace('- payments-api\n', '- payments-gw\n'),
    );
    expect(model.standIns).toEqual({ 'payments-gw': 'payments-api' });
    expect(model.components['payments-gw']!.kind).toBe('service');
    expect(failing).toEqual([
      'payments-gw is a service in this problem (given for payments-api, whose place payments-gw takes on flow authorize-payment); your spec declares it a gateway: graded as a service, with its figures, its price and what it may call',
    ]);
  });

  it("trading-mesh stage 4: a service moved behind a queue, its worker under the service's name, keeps the worker's kind", () => {
    // order-router's routing done by a worker consuming route-queue, which both order flows now write: the async move a
    // write's tiers allow. Graded as a service, it consumed nothing and was merged into order-service as well.
    const { model, failing, report } = gradeEdited('trading-mesh', 'stage-3.yaml', (t) =>
      t
        .replace(
          /  order-router: [^\n]*\n/,
          '  route-queue:        {kind: queue}\n  order-router:       {kind: worker, replicas: 8, capacity_rps: 5000, consumes: route-queue, writes: order-log}\n',
        )
        .replace(', order-router, order-log]', ', route-queue]')
        .replace('[gateway, order-service, order-router, order-log]', '[gateway, order-service, route-queue]'),
    );
    expect(model.components['order-router']!.kind).toBe('worker');
    expect(failing).toEqual([]);
    // What it consumes: the 12,000 orders and 6,000 cancels written to route-queue; order-service does only its own.
    expect(report.metrics.capacity['order-router']!['us-east']!.rate).toBe(18000);
    expect(report.metrics.capacity['order-service']!['us-east']!.merged).toBeUndefined();
  });

  it('passes the references as written', () => {
    expect(gradeEdited('payments-failover', 'stage-2.yaml', (t) => t).failing).toEqual([]);
    expect(gradeEdited('order-history', 'stage-2.yaml', (t) => t).failing).toEqual([]);
  });
});
