// Parallel groups, fan-out and per-flow processing at a hop: routing, latency, capacity and Little's-law
// thread demand, each against figures worked out by hand (0.5 ms round trip inside a region, Dean/Norvig).
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { flowLatency } from '../../src/analysis/latency.js';
import { routeFlow } from '../../src/analysis/route.js';
import { modelOf } from './model-of.js';

const FANOUT = `
regions: [us-east]
components:
  search-api: {kind: service, replicas: 1, threads: 2000, latency_ms: {p50: 5, p99: 15}}
  shard-db: {kind: database, replicas: 100, capacity_rps: 2000, latency_ms: {p50: 20, p99: 200}}
flows:
  search: {kind: read, rate: 1000, path: [search-api, {to: shard-db, fanout: 100}]}
`;

describe('fan-out to N identical calls', () => {
  it('keeps the path as the component ids visited and the step in hops', () => {
    const m = modelOf(FANOUT);
    expect(m.flows.search!.path).toEqual(['search-api', 'shard-db']);
    expect(m.flows.search!.hops!.map((h) => [h.component, h.fanout, h.specPath])).toEqual([
      ['search-api', 1, ['flows', 'search', 'path', 0]],
      ['shard-db', 100, ['flows', 'search', 'path', 1]],
    ]);
  });

  it("pays each shard's 0.99^(1/100) quantile, far above the shard's own 200 ms p99", () => {
    const m = modelOf(FANOUT);
    const l = flowLatency(m, m.flows.search!, 'us-east');
    // search-api: 0.5 + 15 = 15.5 at p99, 0.5 + 5 = 5.5 at p50.
    // shard-db, one call: 0.5 + 200 = 200.5 at p99.
    // The slowest of 100: 0.5 + 20 x exp(0.989785 x z(0.999899502) = 3.71776) = 0.5 + 792.76 = 793.26 ms;
    // p50: 0.5 + 20 x exp(0.989785 x z(0.993092) = 2.462038) = 0.5 + 228.75 = 229.25 ms.
    const shard = l.hops[1]!;
    expect(shard.single!.p99).toBe(200.5);
    expect(shard.total.p99).toBeCloseTo(793.26, 0);
    expect(shard.total.p50).toBeCloseTo(229.25, 0);
    // Flow: 15.5 + 793.26 = 808.76 at p99 (not 15.5 + 200.5 = 216); 5.5 + 229.25 = 234.75 at p50.
    expect(l.p99).toBeCloseTo(808.76, 0);
    expect(l.p50).toBeCloseTo(234.75, 0);
    expect(l.parallel).toEqual([
      expect.objectContaining({ kind: 'fanout', step: 1, branches: [{ hops: [1], p50: 20.5, p99: 200.5, fanout: 100 }] }),
    ]);
  });

  it('loads the target N times per request', () => {
    const metrics = analyse(modelOf(FANOUT));
    // 1,000 searches/s x 100 calls = 100,000 calls/s over 100 replicas x 2,000 = 200,000: 50%.
    expect(metrics.capacity['shard-db']!['us-east']).toMatchObject({ rate: 100_000, utilization: 0.5 });
    expect(metrics.capacity['search-api']!['us-east']!.rate).toBe(1000);
  });

  it('holds the request thread for the slowest call, each shard call for its own time', () => {
    const pools = analyse(modelOf(FANOUT)).pools['search-api']!;
    // Per dependency: 100,000 calls/s x 200.5 ms = 20,050 threads if every call held its own thread.
    expect(pools.calls[0]).toMatchObject({ dependency: 'shard-db', ratePerReplica: 100_000, p99Ms: 200.5, demand: 20_050 });
    // The request thread: 1,000/s x (15 ms own + 793.26 ms waiting for the slowest shard) = 808.26 threads.
    expect(pools.demand).toBeCloseTo(808.26, 0);
  });
});

const GROUP = `
regions: [us-east]
components:
  gateway: {kind: gateway, latency_ms: 2}
  feed-api: {kind: service, replicas: 1, latency_ms: 10}
  timeline-db: {kind: database, latency_ms: {p50: 30, p99: 90}}
  ads-db: {kind: database, latency_ms: {p50: 30, p99: 90}}
  profile-cache: {kind: cache, latency_ms: 1}
flows:
  read-feed:
    kind: read
    rate: 100
    path: [gateway, feed-api, {parallel: [timeline-db, ads-db]}, profile-cache]
`;

describe('parallel group', () => {
  it('routes every branch from the caller before the group, and the hop after it from that caller too', () => {
    const m = modelOf(GROUP);
    expect(m.flows['read-feed']!.path).toEqual(['gateway', 'feed-api', 'timeline-db', 'ads-db', 'profile-cache']);
    const route = routeFlow(m, m.flows['read-feed']!, 'us-east');
    expect(route.map((h) => [h.component, h.caller, h.group?.branch])).toEqual([
      ['gateway', undefined, undefined],
      ['feed-api', 0, undefined],
      ['timeline-db', 1, 0],
      ['ads-db', 1, 1],
      ['profile-cache', 1, undefined],
    ]);
  });

  it('costs the slowest branch, a little more for two branches, not their sum', () => {
    const m = modelOf(GROUP);
    const l = flowLatency(m, m.flows['read-feed']!, 'us-east');
    // Each branch: 0.5 ms round trip + a 30/90 ms store. Two identical branches at p99: 0.5 + each one's
    // sqrt(0.99) = 0.994987 quantile, 30 x exp(0.472248 x 2.574961) = 101.21, so 101.71 ms
    // (the slowest branch alone: 90.5; both added: 181).
    const g = l.parallel![0]!;
    expect(g).toMatchObject({ kind: 'parallel', step: 2, slowest: 0 });
    expect(g.branches.map((b) => [b.hops, b.p99])).toEqual([
      [[2], 90.5],
      [[3], 90.5],
    ]);
    expect(g.p99).toBeCloseTo(101.71, 1);
    // Flow p99: gateway 2.5 + feed-api 10.5 + group 101.71 + profile-cache 1.5 = 116.21 ms.
    expect(l.p99).toBeCloseTo(116.21, 1);
    // Network counts the slowest branch only: 0.5 x 4 hops on the critical path = 2 ms.
    expect(l.networkMs).toBe(2);
  });

  it("holds the caller's thread for the group, not for every branch in turn", () => {
    const pools = analyse(modelOf(GROUP)).pools['feed-api']!;
    // feed-api, one replica, 100 req/s: 10 ms own + 101.71 ms group + 1.5 ms cache = 113.21 ms a request:
    // 100 x 0.11321 = 11.32 threads (adding the branches would give 100 x 0.1935 = 19.35).
    expect(pools.demand).toBeCloseTo(11.32, 1);
  });
});

describe('per-flow processing at a hop', () => {
  const SPEC = `
regions: [us-east]
components:
  api: {kind: service, replicas: 1, latency_ms: 50}
  payments: {kind: external, latency_ms: 100}
flows:
  render: {kind: read, rate: 100, path: [api]}
  pay: {kind: write, rate: 10, path: [{to: api, latency_ms: 300}, payments]}
`;

  it("uses the step's latency for that flow only", () => {
    const m = modelOf(SPEC);
    expect(m.flows.pay!.hops![0]!.latency).toEqual({ p50: 300, p99: 300 });
    // render: 0.5 + 50 = 50.5; pay: 0.5 + 300 + 100 (an external with no region adds no round trip) = 400.5
    expect(flowLatency(m, m.flows.render!, 'us-east').p99).toBe(50.5);
    expect(flowLatency(m, m.flows.pay!, 'us-east').p99).toBe(400.5);
  });

  it("holds the thread for the flow's own processing time", () => {
    const pools = analyse(modelOf(SPEC)).pools.api!;
    // Little's law over both flows: 100/s x 50 ms + 10/s x 300 ms + 10/s x 100 ms (payments) = 5 + 3 + 1 = 9 threads.
    expect(pools.demand).toBeCloseTo(9, 6);
  });

  it("keeps a stated p99 with the component's median when only p99 is given", () => {
    const m = modelOf(SPEC.replace('latency_ms: 300}', 'latency_ms: {p99: 300}}'));
    // p50 = min(api's p50 50, 300) = 50
    expect(m.flows.pay!.hops![0]!.latency).toEqual({ p50: 50, p99: 300 });
  });
});

describe('plain chains', () => {
  it('stay plain: no hops, no parallel figures', () => {
    const m = modelOf(`
regions: [us-east]
components:
  api: {kind: service, latency_ms: 10}
  db: {kind: database, latency_ms: 5}
flows:
  read: {kind: read, path: [api, db]}
`);
    expect(m.flows.read!.hops).toBeUndefined();
    const l = flowLatency(m, m.flows.read!, 'us-east');
    // 0.5 + 10 + 0.5 + 5 = 16
    expect(l.p99).toBe(16);
    expect(l.parallel).toBeUndefined();
  });
});
