// Routing and flow latency, each case checked against a hand-computed figure from the Azure RTT table.
import { describe, expect, it } from 'vitest';
import { flowLatency, replicationWait } from '../../src/analysis/latency.js';
import { quorumRttMs, routeFlow } from '../../src/analysis/route.js';
import type { Model } from '../../src/specfile/model.js';
import { modelOf } from './model-of.js';

const latency = (m: Model, flow: string, origin: string) => flowLatency(m, m.flows[flow]!, origin);

describe('routeFlow', () => {
  it('takes the RTT between regions from the Azure table', () => {
    // everything in us-east, users in ap-northeast: the first hop crosses the Pacific, 156 ms (Azure table);
    // the next hop stays in us-east: 0.5 ms (Dean/Norvig, one datacenter)
    const m = modelOf(`
regions: [us-east]
users: {ap-northeast: 1}
components:
  gateway: {kind: gateway, latency_ms: 10}
  db: {kind: database, latency_ms: 5}
flows:
  read: {kind: read, path: [gateway, db]}
`);
    const route = routeFlow(m, m.flows.read!, 'ap-northeast');
    expect(route.map((h) => [h.component, h.from, h.region, h.reason, h.networkMs])).toEqual([
      ['gateway', 'ap-northeast', 'us-east', 'nearest', 156],
      ['db', 'us-east', 'us-east', 'same-region', 0.5],
    ]);
    // 156 + 10 + 0.5 + 5 = 171.5 ms at p50 and p99 (latencies given as one number)
    const l = latency(m, 'read', 'ap-northeast');
    expect(l.p50).toBe(171.5);
    expect(l.p99).toBe(171.5);
    expect(l.networkMs).toBe(156.5);
  });

  it('uses the course table when the spec asks for it', () => {
    // course figure US-Asia ~150 ms instead of the measured 156
    const m = modelOf(`
regions: [us-east]
users: {ap-northeast: 1}
network: {rtt_table: course}
components:
  db: {kind: database}
flows:
  read: {kind: read, path: [db]}
`);
    expect(routeFlow(m, m.flows.read!, 'ap-northeast')[0]!.networkMs).toBe(150);
  });

  it('sends writes to a single-primary store across to its primary, reads to the nearest replica', () => {
    const m = modelOf(`
regions: [us-east, eu-west]
components:
  api: {kind: service, latency_ms: 10}
  db: {kind: database, primary: us-east, latency_ms: 5, write_latency_ms: 10}
flows:
  write: {kind: write, path: [api, db]}
  read: {kind: read, path: [api, db]}
`);
    const w = routeFlow(m, m.flows.write!, 'eu-west');
    expect(w[1]).toMatchObject({ component: 'db', from: 'eu-west', region: 'us-east', reason: 'primary', networkMs: 82 });
    const r = routeFlow(m, m.flows.read!, 'eu-west');
    expect(r[1]).toMatchObject({ component: 'db', region: 'eu-west', reason: 'same-region', networkMs: 0.5 });
    // write from eu-west: 0.5 + 10 + 82 + 10 (write latency) = 102.5 ms; async replication adds no wait
    expect(latency(m, 'write', 'eu-west').p99).toBe(102.5);
    // read from eu-west: 0.5 + 10 + 0.5 + 5 = 16 ms
    expect(latency(m, 'read', 'eu-west').p99).toBe(16);
  });
});

describe('replication waits on writes', () => {
  it('waits for the farthest synchronous replica', () => {
    // primary us-east, sync replicas us-west (64 ms) and eu-west (82 ms): the commit waits 82 ms
    const m = modelOf(`
regions: [us-east, us-west, eu-west]
users: {us-east: 1}
components:
  db: {kind: database, primary: us-east, replication: {mode: sync}, write_latency_ms: 10}
flows:
  write: {kind: write, path: [db]}
`);
    expect(replicationWait(m, m.components.db!, 'us-east')).toEqual({ ms: 82, kind: 'sync' });
    const l = latency(m, 'write', 'us-east');
    expect(l.hops[0]).toMatchObject({ replicationMs: 82, replicationKind: 'sync' });
    // 0.5 to the primary + 10 write + 82 wait = 92.5 ms; network counts the wait: 82.5
    expect(l.p99).toBe(92.5);
    expect(l.networkMs).toBe(82.5);
  });

  it('sends a consensus write to the leader, which waits for the (majority - 1)-th nearest other voter', () => {
    // three voters, majority 2: the leader needs one other. Leader us-east (the first region): us-west 64, eu-west 82 -> 64 ms.
    // (From eu-west it would be us-east 82; from us-west, us-east 64.)
    const m = modelOf(`
regions: [us-east, us-west, eu-west]
users: {eu-west: 1}
components:
  api: {kind: service, latency_ms: 10}
  db: {kind: database, replication: {mode: consensus}, write_latency_ms: 10}
flows:
  write: {kind: write, path: [api, db]}
`);
    const db = m.components.db!;
    expect(db.leader).toBe('us-east');
    expect(quorumRttMs(m, db)).toBe(64);
    expect(quorumRttMs(m, db, 'eu-west')).toBe(82);
    const l = latency(m, 'write', 'eu-west');
    // from eu-west: 0.5 (user -> api) + 10 + 82 (api -> the leader in us-east) + 10 + 64 (quorum) = 166.5 ms
    expect(l.hops[1]).toMatchObject({ region: 'us-east', reason: 'leader', networkMs: 82, replicationMs: 64, replicationKind: 'quorum' });
    expect(l.p99).toBe(166.5);
  });

  it('five voters: the leader waits for its second-nearest other voter', () => {
    // leader eu-west (stated as primary); others eu-central 8, us-east 82, us-west 147, ap-northeast 219.
    // majority 3 -> two others -> the 2nd nearest, us-east 82 ms.
    const m = modelOf(`
regions: [us-east, us-west, eu-west, eu-central, ap-northeast]
components:
  db: {kind: database, primary: eu-west, replication: {mode: consensus}}
`);
    expect(quorumRttMs(m, m.components.db!)).toBe(82);
  });

  it('reads a consensus store at its leader unless the flow accepts bounded staleness', () => {
    const m = modelOf(`
regions: [us-east, eu-west, ap-northeast]
users: {ap-northeast: 1}
components:
  api: {kind: service, latency_ms: 10}
  db: {kind: database, replication: {mode: consensus}, latency_ms: 5}
flows:
  exact: {kind: read, consistency: strong, path: [api, db]}
  plain: {kind: read, path: [api, db]}
  stale: {kind: read, path: [api, db], max_staleness_ms: 1000}
`);
    // strong or unstated: to the leader in us-east: 0.5 + 10 + 156 + 5 = 171.5 ms
    expect(latency(m, 'exact', 'ap-northeast')).toMatchObject({ p99: 171.5 });
    expect(latency(m, 'plain', 'ap-northeast').hops[1]).toMatchObject({ region: 'us-east', reason: 'leader' });
    // accepts staleness: the local follower, 0.5 + 10 + 0.5 + 5 = 16 ms
    expect(latency(m, 'stale', 'ap-northeast')).toMatchObject({ p99: 16 });
  });

  it('reads wait for nobody', () => {
    const m = modelOf(`
regions: [us-east, eu-west]
components:
  db: {kind: database, replication: {mode: sync}, latency_ms: 5}
flows:
  read: {kind: read, path: [db]}
`);
    // 0.5 to the local copy + 5 ms read
    expect(latency(m, 'read', 'eu-west')).toMatchObject({ p99: 5.5, networkMs: 0.5 });
  });
});

describe('mesh overhead', () => {
  it('charges half a sidecar pair per proxy a hop passes through', () => {
    // Istio sidecar pair (OpenShift docs): +1.7 ms p90 (used for p50), +2.7 ms p99 per meshed call.
    // user -> gateway: gateway's proxy only = half a pair (0.85 / 1.35)
    // gateway -> api: both proxies = one pair (1.7 / 2.7)
    // api -> db: api's proxy only (the database is not meshed) = half a pair (0.85 / 1.35)
    // total 3.4 ms p50, 5.4 ms p99
    // Processing at the fastest plausible figure of each kind (0.5 ms; 0 is below the plausible range).
    const m = modelOf(`
regions: [us-east]
components:
  gateway: {kind: gateway, latency_ms: 0.5}
  api: {kind: service, latency_ms: 0.5}
  db: {kind: database, latency_ms: 0.5}
flows:
  read: {kind: read, path: [gateway, api, db]}
patterns:
  mesh: {services: [gateway, api]}
`);
    const l = latency(m, 'read', 'us-east');
    expect(l.hops.map((h) => h.mesh)).toEqual([
      { p50: 0.85, p99: 1.35 },
      { p50: 1.7, p99: 2.7 },
      { p50: 0.85, p99: 1.35 },
    ]);
    expect(l.meshMs).toEqual({ p50: 3.4, p99: 5.4 });
    // plus three 0.5 ms in-region round trips and three 0.5 ms hops: 5.4 + 1.5 + 1.5 = 8.4
    expect(l.p99).toBe(8.4);
  });

  it('uses the ambient figure for an ambient data plane', () => {
    // ambient (two ztunnels): +0.20 ms p99 per call; one meshed call gateway -> api and the halves either side = 0.4 ms
    const m = modelOf(`
regions: [us-east]
components:
  gateway: {kind: gateway, latency_ms: 0}
  api: {kind: service, latency_ms: 0}
  db: {kind: database, latency_ms: 0}
flows:
  read: {kind: read, path: [gateway, api, db]}
patterns:
  mesh: {services: [gateway, api], data_plane: ambient}
`);
    expect(latency(m, 'read', 'us-east').meshMs.p99).toBe(0.4);
  });
});

describe('external calls', () => {
  it('caps a slow external call at its timeout', () => {
    // payments p99 300 ms, callers time out at 250 ms: p99 counts 250 and flags the cap
    const m = modelOf(`
regions: [us-east]
components:
  payments: {kind: external, latency_ms: {p50: 120, p99: 300}, timeout_ms: 250}
flows:
  pay: {kind: write, path: [payments]}
`);
    const l = latency(m, 'pay', 'us-east');
    expect(l.hops[0]).toMatchObject({ reason: 'external', networkMs: 0, processing: { p50: 120, p99: 250 }, cappedByTimeout: true });
  });
});

describe('event replay when a flow loads an aggregate', () => {
  const m = modelOf(`
regions: [us-east]
components:
  api: {kind: service, latency_ms: {p50: 5, p99: 10}}
  events: {kind: event-store, latency_ms: {p50: 2, p99: 4}, write_latency_ms: {p50: 3, p99: 6}}
  view-db: {kind: database, latency_ms: {p50: 1, p99: 2}}
flows:
  append: {kind: write, path: [api, events]}
  load: {kind: read, path: [api, events]}
  view: {kind: read, path: [api, view-db]}
patterns:
  event_sourcing: {store: events, max_events_per_aggregate: 2000, snapshot_every: 400, apply_ms: 0.1}
`);
  it('a write or a read through the event store pays the replay: worst case at p99, half at p50', () => {
    // replay: min(400, 2000) events x 0.1 ms = 40 ms at p99, 20 ms at p50
    const append = flowLatency(m, m.flows.append!, 'us-east');
    expect(append.hops[1]!.replay).toEqual({ p50: 20, p99: 40 });
    // p99: api 0.5 + 10; events 0.5 + 6 (write) + 40 (replay) = 57
    expect(append.p99).toBe(57);
    // p50: 0.5 + 5 + 0.5 + 3 + 20 = 29
    expect(append.p50).toBe(29);
    // read: 0.5 + 10 + 0.5 + 4 + 40 = 55
    expect(flowLatency(m, m.flows.load!, 'us-east').p99).toBe(55);
  });
  it('a flow that does not touch the event store pays nothing', () => {
    // 0.5 + 10 + 0.5 + 2 = 13
    const view = flowLatency(m, m.flows.view!, 'us-east');
    expect(view.p99).toBe(13);
    expect(view.hops.some((h) => h.replay)).toBe(false);
  });
});
