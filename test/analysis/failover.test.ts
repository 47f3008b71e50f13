// Failover windows (RTO/RPO) of stateful stores, each checked against a hand-computed figure (AWS DR whitepaper model).
import { describe, expect, it } from 'vitest';
import { failoverWindow, storeFailovers } from '../../src/analysis/failover.js';
import { modelOf } from './model-of.js';

const storeOf = (yaml: string) => {
  const m = modelOf(yaml);
  return failoverWindow(m.components.db!);
};

describe('failoverWindow', () => {
  it('active-passive: RTO = detection + promotion, RPO = async lag', () => {
    // 10 s + 30 s = 40 s; 300 ms lag = 0.3 s of writes lost
    const s = storeOf(`
regions: [us-east, us-west]
components:
  db:
    kind: database
    regions: [us-east]
    replication: {mode: async, lag_ms: 300}
    failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}
`);
    expect(s).toMatchObject({
      mode: 'active-passive',
      replication: 'async',
      regions: ['us-east', 'us-west'],
      standby: 'us-west',
      rtoS: 40,
      rpoS: 0.3,
    });
  });

  it('active-passive with the defaults: 30 s + 60 s, async lag 1 s', () => {
    // AWS: managed promotion "under a minute", async lag "typically under 1 s"
    const s = storeOf(`
regions: [us-east, us-west]
components:
  db: {kind: database, regions: [us-east], failover: {mode: active-passive, standby: us-west}}
`);
    expect(s).toMatchObject({ rtoS: 90, rpoS: 1 });
  });

  it('active-passive with a synchronous standby loses nothing', () => {
    const s = storeOf(`
regions: [us-east, us-west]
components:
  db: {kind: database, regions: [us-east], replication: {mode: sync}, failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}}
`);
    expect(s).toMatchObject({ rtoS: 40, rpoS: 0 });
  });

  it('active-active is not instant: detection (health checks) + steering users (DNS TTL); async lag is still lost', () => {
    // defaults: Route 53 fast health checks 10 s x 3 failures = 30 s, + DNS TTL 60 s = 90 s
    const s = storeOf(`
regions: [us-east, eu-west]
components:
  db: {kind: database, replication: {mode: async, lag_ms: 500}, failover: {mode: active-active, conflict: last-writer-wins}}
`);
    expect(s).toMatchObject({ rtoS: 90, rpoS: 0.5, conflict: 'last-writer-wins', writable: true });
    // stated: 10 s detection + 20 s TTL = 30 s
    const fast = storeOf(`
regions: [us-east, eu-west]
components:
  db: {kind: database, replication: {mode: async, lag_ms: 500}, failover: {mode: active-active, conflict: crdt, detect_s: 10, steer_s: 20}}
`);
    expect(fast.rtoS).toBe(30);
  });

  it('consensus over three regions elects a new leader after the election timeout plus a vote round trip, and loses nothing', () => {
    // leader us-east (first region) is lost; survivors us-west and eu-west. Either needs one other vote:
    // us-west <-> eu-west 147 ms. RTO = 1 s (etcd election timeout) + 0.147 s = 1.147 s.
    const m = modelOf(`
regions: [us-east, us-west, eu-west]
components:
  db: {kind: database, replication: {mode: consensus}}
`);
    const s = storeFailovers(m).db!;
    expect(s).toMatchObject({ rtoS: 1.147, rpoS: 0, leader: 'us-east', election: { timeoutS: 1, voteRttMs: 147 } });
  });

  it('consensus over five regions: the best surviving candidate reaches two other voters', () => {
    // voters us-east (leader), us-west, eu-west, eu-central, ap-northeast; majority 3, so a candidate needs 2 others.
    // eu-west: eu-central 8, us-west 147 -> 147; eu-central: eu-west 8, us-west 147 -> 147;
    // us-west: ap-northeast 106, eu-west 147 -> 147; ap-northeast: us-west 106, eu-central 217 -> 217. Best 147 ms.
    const m = modelOf(`
regions: [us-east, us-west, eu-west, eu-central, ap-northeast]
components:
  db: {kind: database, replication: {mode: consensus}}
`);
    expect(storeFailovers(m).db!.rtoS).toBe(1.147);
  });

  it('a standby with replication none is not a replica: nothing to fail over to', () => {
    const s = storeOf(`
regions: [us-east, us-west]
components:
  db: {kind: database, regions: [us-east], replication: {mode: none}, failover: {mode: active-passive, standby: us-west, detect_s: 10, promote_s: 30}}
`);
    expect(s).toMatchObject({ rtoS: null, rpoS: null });
  });

  it('replicas with no failover: nobody promotes them (RTO none), but the sync copy is current (RPO 0)', () => {
    const s = storeOf(`
regions: [us-east, us-west]
components:
  db: {kind: database, replication: {mode: sync}}
`);
    expect(s).toMatchObject({ rtoS: null, rpoS: 0 });
  });

  it('one region: backup and restore, no RTO or RPO to speak of', () => {
    const s = storeOf(`
regions: [us-east]
components:
  db: {kind: database}
`);
    expect(s).toMatchObject({ replication: 'none', regions: ['us-east'], rtoS: null, rpoS: null });
  });

  it("placed in two regions with replication none: no region holds the other's writes", () => {
    // was RPO 0 before: copies that are never replicated cannot give back a lost region's writes
    const s = storeOf(`
regions: [us-east, us-west]
components:
  db: {kind: database, replication: {mode: none}}
`);
    expect(s).toMatchObject({ replication: 'none', rpoS: null });
  });

  it('active-active in a single region does not survive that region', () => {
    // was RTO 0 before: "active-active" with one region has no other region to keep serving
    const s = storeOf(`
regions: [us-east, us-west]
components:
  db: {kind: database, regions: [us-east], failover: {mode: active-active, conflict: crdt}}
`);
    expect(s).toMatchObject({ rtoS: null, rpoS: null });
  });

  it('a read model is not writable', () => {
    const s = storeOf(`
regions: [us-east]
components:
  db: {kind: database, role: read-model}
`);
    expect(s.writable).toBe(false);
  });
});

describe('storeFailovers', () => {
  it('covers stateful components only, in spec order', () => {
    const m = modelOf(`
regions: [us-east]
components:
  api: {kind: service}
  jobs: {kind: queue}
  db: {kind: database}
`);
    expect(Object.keys(storeFailovers(m))).toEqual(['jobs', 'db']);
  });
});
