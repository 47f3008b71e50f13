// The interview sections (api, data, decisions): references a schema cannot check are rejected with a
// did-you-mean at the right line, and the model carries each endpoint's lookup fields.
import { describe, expect, it } from 'vitest';
import { loadSpecText } from '../../src/specfile/load.js';
import { citations } from '../../src/checks/interview/decisions.js';
import { pathParameters } from '../../src/specfile/interview-sections.js';

const BASE = `regions: [us-east]
components:
  api: {kind: service, regions: [us-east]}
  orders-db: {kind: database, regions: [us-east]}
  queue: {kind: queue, regions: [us-east]}
flows:
  get-orders: {kind: read, rate: 100, origins: [us-east], path: [api, orders-db]}
`;

function errorsOf(extra: string) {
  const r = loadSpecText('spec.yaml', BASE + extra);
  return r.ok ? [] : r.diagnostics.map((d) => ({ line: d.line, code: d.code, message: d.message }));
}

describe('interview sections', () => {
  it('an endpoint naming an unknown flow is an error with a suggestion', () => {
    expect(errorsOf('api:\n  - {endpoint: "GET /v1/orders", flow: get-order}\n')).toEqual([
      { line: 9, code: 'unknown-flow', message: 'endpoint "GET /v1/orders" names unknown flow "get-order": did you mean "get-orders"?' },
    ]);
  });

  it('the same route twice (parameter names aside) is an error', () => {
    const errs = errorsOf(
      'api:\n  - {endpoint: "GET /v1/users/{id}/orders", flow: get-orders}\n  - {endpoint: "GET /v1/users/{user_id}/orders", flow: get-orders}\n',
    );
    expect(errs.map((e) => [e.line, e.code])).toEqual([[10, 'duplicate-endpoint']]);
  });

  it('an entity in an unknown store, or in a queue, is an error', () => {
    expect(errorsOf('data:\n  order: {store: order-db, key: order_id}\n').map((e) => e.message)).toEqual([
      'entity "order" is stored in unknown component "order-db": did you mean "orders-db"?',
    ]);
    expect(errorsOf('data:\n  order: {store: queue, key: order_id}\n').map((e) => e.code)).toEqual(['wrong-kind']);
  });

  it('a decision about a pattern the spec does not declare is an error', () => {
    const errs = errorsOf('decisions:\n  - {choice: CQRS, pattern: cqrs, alternatives: [replicas], reason: flows.get-orders.p99}\n');
    expect(errs.map((e) => [e.line, e.code])).toEqual([[9, 'undeclared-pattern']]);
  });

  it('a malformed endpoint is a schema error', () => {
    expect(errorsOf('api:\n  - {endpoint: "FETCH orders", flow: get-orders}\n').length).toBe(1);
  });

  it('an endpoint looks up by its path parameters unless `by` says otherwise', () => {
    expect(pathParameters('/v1/users/{user_id}/orders/{order_id}')).toEqual(['user_id', 'order_id']);
    const r = loadSpecText(
      'spec.yaml',
      BASE +
        'api:\n  - {endpoint: "GET /v1/users/{user_id}/orders", flow: get-orders}\n  - {endpoint: "GET /v1/orders", flow: get-orders, by: [email]}\n',
    );
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.loaded.model.api!.map((e) => [e.method, e.by])).toEqual([
        ['GET', ['user_id']],
        ['GET', ['email']],
      ]);
  });

  it('finds metric paths in a reason, the longest id first when ids contain dots', () => {
    const r = loadSpecText('spec.yaml', BASE.replace('  queue:', '  orders-db.v2: {kind: database, regions: [us-east]}\n  queue:'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const found = citations(
      'components.orders-db.v2.utilization is 40%, and flows.get-orders.origins.us-east.p99 under 80 ms.',
      r.loaded.model,
    );
    expect(found.map((c) => [c.scope, c.id, c.metric])).toEqual([
      ['components', 'orders-db.v2', 'utilization'],
      ['flows', 'get-orders', 'origins.us-east.p99'],
    ]);
    expect(found[0]!.after.startsWith(' is 40%')).toBe(true);
  });
});
