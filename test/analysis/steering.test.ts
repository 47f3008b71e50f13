// Users of a lost region: detection + DNS TTL of the tier they enter by, each case computed by hand.
import { describe, expect, it } from 'vitest';
import { designSteering, userSteering } from '../../src/analysis/steering.js';
import { modelOf } from './model-of.js';

const base = `
regions: [us-east, eu-west]
users: {us-east: 0.6, eu-west: 0.4}
`;

describe('userSteering', () => {
  it('an entry tier with no failover and nothing stated takes the defaults: 10 s x 3 health checks + 60 s TTL = 90 s', () => {
    const s = userSteering(
      modelOf(`${base}
components:
  gateway: {kind: gateway, regions: [us-east, eu-west]}
  db: {kind: database, regions: [us-east]}
flows:
  read: {kind: read, rate: 100, path: [gateway, db]}
`),
    );
    expect(s).toEqual({
      gateway: {
        component: 'gateway',
        regions: ['us-east', 'eu-west'],
        flows: ['read'],
        detectS: 30,
        steerS: 60,
        steerFrom: 'default',
        rtoS: 90,
      },
    });
  });

  it("takes the stores' stated detection and active-active TTL when the entry tier states none: 10 s + 20 s", () => {
    // detection: the fastest stated (10 s of db, not 15 s of other-db); TTL: the longest active-active store's
    // (20 s); the cache's 0 s counts for nothing: it has nothing to fail over.
    const s = userSteering(
      modelOf(`${base}
components:
  gateway: {kind: gateway, regions: [us-east, eu-west]}
  db: {kind: database, failover: {mode: active-passive, standby: eu-west, detect_s: 10}, regions: [us-east]}
  other-db: {kind: database, failover: {mode: active-active, detect_s: 15, steer_s: 20, conflict: crdt}}
  cache: {kind: cache, failover: {mode: active-active, steer_s: 0}}
flows:
  read: {kind: read, rate: 100, path: [gateway, cache, db]}
`),
    );
    expect(s!.gateway).toMatchObject({ detectS: 10, steerS: 20, steerFrom: 'design', rtoS: 30 });
    expect(designSteering(modelOf(`${base}\ncomponents: {gateway: {kind: gateway}}`))).toEqual({ detectS: 30, steerS: 60 });
  });

  it("an entry tier's own active-active failover wins: 10 s + 30 s = 40 s, for the regions its flows' users are in", () => {
    const s = userSteering(
      modelOf(`
regions: [us-east, us-west, eu-west]
users: {us-east: 0.5, us-west: 0.5}
components:
  app: {kind: client}
  gateway: {kind: gateway, failover: {mode: active-active, detect_s: 10, steer_s: 30}}
  db: {kind: database, regions: [us-east], failover: {mode: active-passive, standby: us-west, detect_s: 5}}
flows:
  write: {kind: write, rate: 10, origins: [us-east], path: [app, gateway, db]}
  read: {kind: read, rate: 100, path: [app, gateway, db]}
`),
    );
    // eu-west has no users: losing it strands nobody.
    expect(s).toEqual({
      gateway: {
        component: 'gateway',
        regions: ['us-east', 'us-west'],
        flows: ['write', 'read'],
        detectS: 10,
        steerS: 30,
        steerFrom: 'entry',
        rtoS: 40,
      },
    });
  });

  it('steers nobody through a CDN, a worker, a store, an external or a tier in one region', () => {
    const s = userSteering(
      modelOf(`${base}
components:
  cdn: {kind: cdn}
  worker: {kind: worker}
  kv: {kind: database, failover: {mode: active-active, conflict: crdt}}
  psp: {kind: external}
  api: {kind: service, regions: [us-east]}
flows:
  a: {kind: read, rate: 1, path: [cdn, kv]}
  b: {kind: write, rate: 1, path: [worker, kv]}
  c: {kind: read, rate: 1, path: [kv]}
  d: {kind: write, rate: 1, path: [psp]}
  e: {kind: read, rate: 1, path: [api, kv]}
`),
    );
    expect(s).toBeUndefined();
  });
});
