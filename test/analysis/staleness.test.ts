// Staleness of worker-fed stores, each case checked against a hand-computed figure.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { storeStaleness } from '../../src/analysis/staleness.js';
import { modelOf } from './model-of.js';

describe('storeStaleness', () => {
  it("adds the projector lag and the read replicas' async lag", () => {
    // the course's orders example: projector 500 ms + summary-db async replication 300 ms = 800 ms
    const s = storeStaleness(
      modelOf(`
regions: [us-east, eu-west]
components:
  order-events: {kind: stream, regions: [us-east]}
  projector: {kind: worker, consumes: order-events, writes: summary-db, lag_ms: 500}
  summary-db: {kind: database, role: read-model, replication: {mode: async, lag_ms: 300}}
`),
    );
    expect(s['summary-db']).toEqual({
      store: 'summary-db',
      workers: ['projector'],
      chain: ['projector'],
      projectionLagMs: 500,
      queueMs: 0,
      queued: {},
      replicationLagMs: 300,
      totalMs: 800,
    });
  });

  it('follows a chain of workers upstream and keeps the slowest', () => {
    // outbox -> relay (100) -> events -> projector (200) -> view: 300 ms;
    // a direct backfill worker (250) is faster than the chain, so the chain wins
    const s = storeStaleness(
      modelOf(`
regions: [us-east]
components:
  outbox: {kind: queue}
  relay: {kind: worker, consumes: outbox, writes: events, lag_ms: 100}
  events: {kind: stream}
  projector: {kind: worker, consumes: events, writes: view, lag_ms: 200}
  backfill: {kind: worker, consumes: outbox, writes: view, lag_ms: 250}
  view: {kind: database, role: read-model}
`),
    );
    expect(s.view).toMatchObject({
      workers: ['projector', 'backfill'],
      chain: ['relay', 'projector'],
      projectionLagMs: 300,
      replicationLagMs: 0,
      totalMs: 300,
    });
    expect(s.events).toMatchObject({ chain: ['relay'], totalMs: 100 });
  });

  it('counts no loop of workers feeding each other: a store only the loop writes is not fed', () => {
    // projector consumes events and writes view and echo; echo-worker consumes echo and writes events: nothing
    // else writes events or echo (create writes orders-db only), so neither worker is fed and view has no staleness
    const loop = `
regions: [us-east]
components:
  api: {kind: service}
  orders-db: {kind: database}
  events: {kind: stream}
  echo: {kind: stream}
  projector: {kind: worker, consumes: events, writes: [view, echo], lag_ms: 200}
  echo-worker: {kind: worker, consumes: echo, writes: events, lag_ms: 100}
  view: {kind: database, role: read-model}
flows:
  create: {kind: write, rate: 10, path: [api, orders-db]}
`;
    expect(Object.keys(storeStaleness(modelOf(loop)))).toEqual([]);
    // entered from outside by a change feed of orders-db (cdc 50 ms): view is cdc 50 + projector 200 = 250 ms behind; the
    // slowest chain into events is cdc's, not the loop's way round (seen once, the loop adds no lag)
    const fed = storeStaleness(
      modelOf(loop.replace('  view:', '  cdc: {kind: worker, consumes: orders-db, writes: events, lag_ms: 50}\n  view:')),
    );
    expect(fed.view).toMatchObject({ chain: ['cdc', 'projector'], projectionLagMs: 250 });
  });

  it('ignores async replication to a standby that serves no reads, and uses the default worker lag', () => {
    // one serving region, standby in us-west (async by default): 0 ms replication; lag_ms not stated: the default, half of the 1000 ms staleness default = 500 ms
    const s = storeStaleness(
      modelOf(`
regions: [us-east, us-west]
components:
  events: {kind: stream, regions: [us-east]}
  projector: {kind: worker, regions: [us-east], consumes: events, writes: view}
  view: {kind: database, regions: [us-east], failover: {mode: active-passive, standby: us-west}}
`),
    );
    expect(s.view).toMatchObject({ projectionLagMs: 500, replicationLagMs: 0, totalMs: 500 });
  });

  it('adds the wait of messages in front of a loaded worker, and grows without bound when it cannot keep up', () => {
    const spec = (rate: number) => `
regions: [us-east]
components:
  api: {kind: service}
  events: {kind: stream}
  projector: {kind: worker, replicas: 1, capacity_rps: 100, consumes: events, writes: view, lag_ms: 100}
  view: {kind: database, role: read-model}
flows:
  post: {kind: write, rate: ${rate}, path: [api, events]}
`;
    // 50 messages/s on one replica of 100/s: M/M/1 at rho = 0.5, mean wait rho / (mu - lambda) = 0.5 / 50 s = 10 ms
    const half = analyse(modelOf(spec(50))).staleness.view!;
    expect(half.queueMs).toBeCloseTo(10, 6);
    expect(half.queued).toEqual({ projector: half.queueMs });
    expect(half.totalMs).toBeCloseTo(110, 6);
    // 150/s on 100/s: the queue never drains
    const over = analyse(modelOf(spec(150))).staleness.view!;
    expect(over.queueMs).toBe(Infinity);
    expect(over.totalMs).toBe(Infinity);
    // Without the loads (queueing not modelled), the stated lag alone
    expect(storeStaleness(modelOf(spec(150))).view!.totalMs).toBe(100);
  });

  it('stops at a cycle of workers, counting only the ways that start outside it', () => {
    // src (written by no worker: its data comes from outside) -> (w0, 25) -> a -> (w1, 30) -> b -> (w2, 40) -> a.
    // b: w0 then w1 = 25 + 30 = 55 ms; the way round the loop (w2 then w1) starts nowhere outside it and does not count.
    // a: w0 = 25, or the echo back through w0, w1, w2 = 25 + 30 + 40 = 95 ms, the slowest. (All above the 22.5 ms trip through a
    // worker here: 0.25 + 20 + 0.25 + a stream's 2 ms write.)
    const s = storeStaleness(
      modelOf(`
regions: [us-east]
components:
  src: {kind: stream}
  a: {kind: stream}
  b: {kind: stream}
  w0: {kind: worker, consumes: src, writes: a, lag_ms: 25}
  w1: {kind: worker, consumes: a, writes: b, lag_ms: 30}
  w2: {kind: worker, consumes: b, writes: a, lag_ms: 40}
`),
    );
    expect(s.b).toMatchObject({ chain: ['w0', 'w1'], totalMs: 55 });
    expect(s.a).toMatchObject({ chain: ['w0', 'w1', 'w2'], totalMs: 95 });
  });
});
