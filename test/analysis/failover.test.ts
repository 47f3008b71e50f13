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
    expect(s).toMatchObject({ mode: 'active-passive', replication: 'async', regions: ['us-east', 'us-west'], standby: 'us-west', rtoS: 40, rpoS: 0.3 });
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

  it('active-active: the other regions keep serving (RTO 0), async lag is still lost', () => {
    const s = storeOf(`
regions: [us-east, eu-west]
components:
  db: {kind: database, replication: {mode: async, lag_ms: 500}, failover: {mode: active-active, conflict: last-writer-wins}}
`);
    expect(s).toMatchObject({ rtoS: 0, rpoS: 0.5, conflict: 'last-writer-wins', writable: true });
  });

  it('consensus over three regions elects a new leader by itself and loses nothing', () => {
    const s = storeOf(`
regions: [us-east, us-west, eu-west]
components:
  db: {kind: database, replication: {mode: consensus}}
`);
    expect(s).toMatchObject({ rtoS: 0, rpoS: 0 });
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

  it('placed in two regions with replication none: no region holds the other\'s writes', () => {
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
