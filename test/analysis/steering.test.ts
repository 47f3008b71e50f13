// Users of a lost region: detection + DNS TTL of the tier they enter by, each case computed by hand.
import { describe, expect, it } from 'vitest';
import { designSteering, userSteering } from '../../src/analysis/steering.js';
import { modelOf } from './model-of.js';

const base = `
regions: [us-east, eu-west]
users: {us-east: 0.6, eu-west: 0.4}
`;

describe('userSteering', () => {
  it('an entry tier that states nothing takes the defaults: 10 s x 3 health checks + 60 s TTL = 90 s', () => {
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

  it("does not take a store's timings: its steer_s moves its clients, not the users' DNS record", () => {
    // db detects in 10 s and other-db steers in 0 s; the gateway states nothing: still 30 s + 60 s
    const s = userSteering(
      modelOf(`${base}
components:
  gateway: {kind: gateway}
  db: {kind: database, failover: {mode: active-passive, standby: eu-west, detect_s: 10}, regions: [us-east]}
  other-db: {kind: database, failover: {mode: active-active, detect_s: 10, steer_s: 0, conflict: crdt}}
flows:
  read: {kind: read, rate: 100, path: [gateway, other-db, db]}
`),
    );
    expect(s!.gateway).toMatchObject({ detectS: 30, steerS: 60, steerFrom: 'default', rtoS: 90 });
  });

  it("an entry tier's own active-active failover: 10 s + 30 s = 40 s, for the regions its flows' users are in", () => {
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

  it('holds detection to one 10 s health-check interval and a DNS TTL to the 30 s clients keep an answer: 10 s + 30 s', () => {
    const s = userSteering(
      modelOf(`${base}
components:
  gateway: {kind: gateway, failover: {mode: active-active, detect_s: 1, steer_s: 0}}
flows:
  read: {kind: read, rate: 100, path: [gateway]}
`),
    );
    expect(s!.gateway).toMatchObject({ detectS: 10, detectClaimed: 1, steerS: 30, steerClaimed: 0, steerFrom: 'entry', rtoS: 40 });
  });

  it('lets anycast steer in 0 s: no DNS record to expire, stated or by default (10 s + 0 s)', () => {
    const gw = (failover: string) =>
      userSteering(
        modelOf(`${base}
components:
  gateway: {kind: gateway, failover: ${failover}}
flows:
  read: {kind: read, rate: 100, path: [gateway]}
patterns:
  multi_region: {strategy: single-primary, routing: anycast}
`),
      )!.gateway;
    expect(gw('{mode: active-active, detect_s: 10}')).toMatchObject({
      detectS: 10,
      steerS: 0,
      steerFrom: 'anycast',
      anycast: true,
      rtoS: 10,
    });
    expect(gw('{mode: active-active, detect_s: 10, steer_s: 5}')).toMatchObject({ steerS: 5, steerFrom: 'entry', rtoS: 15 });
    expect(gw('{mode: active-active, detect_s: 10, steer_s: 0}')).not.toHaveProperty('steerClaimed');
  });

  it("an active-passive entry tier's DNS record has a TTL too: its steer_s, else 60 s", () => {
    const gw = (failover: string) =>
      userSteering(
        modelOf(`${base}
components:
  gateway: {kind: gateway, failover: ${failover}}
flows:
  read: {kind: read, rate: 100, path: [gateway]}
`),
      )!.gateway;
    expect(gw('{mode: active-passive, standby: eu-west, detect_s: 10}')).toMatchObject({
      detectS: 10,
      steerS: 60,
      steerFrom: 'default',
      rtoS: 70,
    });
    expect(gw('{mode: active-passive, standby: eu-west, detect_s: 10, steer_s: 45}')).toMatchObject({
      steerS: 45,
      steerFrom: 'entry',
      rtoS: 55,
    });
  });

  it('a gateway further along a flow, or on a batch job, is no front door: users then enter by the services', () => {
    // egress gateway behind a worker, and a job through the gateway: api is the entry, 30 s + 60 s
    const s = userSteering(
      modelOf(`${base}
components:
  api: {kind: service}
  jobs: {kind: queue}
  worker: {kind: worker, consumes: jobs}
  egress: {kind: gateway}
  partner: {kind: external}
  db: {kind: database, regions: [us-east]}
flows:
  place: {kind: write, rate: 100, path: [api, db]}
  notify: {kind: write, rate: 10, path: [worker, egress, partner]}
  nightly: {kind: read, path: [egress, db], throughput: {items_per_s: 100, runs_in: us-east, item: row}}
`),
    );
    expect(Object.keys(s ?? {})).toEqual(['api']);
    expect(s!.api).toMatchObject({ flows: ['place'], detectS: 30, steerS: 60, rtoS: 90 });
  });

  it('an entry tier in one region steers nobody anywhere: not graded here (failover/stateless-active-active names it)', () => {
    const s = userSteering(
      modelOf(`${base}
components:
  api: {kind: service, regions: [us-east]}
  db: {kind: database}
flows:
  read: {kind: read, rate: 1, path: [api, db]}
`),
    );
    expect(s).toBeUndefined();
  });

  it("a CDN moves reads between origins itself, not writes: a write's entry is the hop behind it", () => {
    const s = userSteering(
      modelOf(`${base}
components:
  app: {kind: client}
  cdn: {kind: cdn}
  gateway: {kind: gateway}
  db: {kind: database}
flows:
  read: {kind: read, rate: 100, path: [app, cdn, gateway, db]}
  post: {kind: write, rate: 10, path: [app, cdn, gateway, db]}
`),
    );
    expect(s).toEqual({ gateway: expect.objectContaining({ flows: ['post'], rtoS: 90 }) });
  });

  it('with a gateway on a flow, a flow a service starts is internal; without one (or one on no flow), the service is the entry', () => {
    const spec = (gateway: string, home = '') => `${base}
components:
  ${gateway}
  monitor: {kind: service}
  db: {kind: database}
flows:
  watch: {kind: read, rate: 1, path: [monitor, db]}
  ${home}
`;
    expect(
      userSteering(
        modelOf(
          spec(
            'gateway: {kind: gateway, failover: {mode: active-active, detect_s: 10, steer_s: 30}}',
            'home: {kind: read, rate: 1, path: [gateway, db]}',
          ),
        ),
      ),
    ).toEqual({
      gateway: expect.objectContaining({ flows: ['home'], rtoS: 40 }),
    });
    // a load balancer no flow passes through is a decoy, not the users' way in
    expect(userSteering(modelOf(spec('admin-lb: {kind: load-balancer}')))).toEqual({
      monitor: expect.objectContaining({ flows: ['watch'], rtoS: 90 }),
    });
    expect(userSteering(modelOf(spec('other: {kind: service}')))).toEqual({ monitor: expect.objectContaining({ flows: ['watch'] }) });
    // a worker that takes requests (consumes nothing) is an entry too without a front door; a queue's consumer is not
    const worker = (consumes: string) => `${base}
components:
  front: {kind: worker${consumes}}
  jobs: {kind: queue}
  db: {kind: database}
flows:
  work: {kind: write, rate: 1, path: [front, db]}
`;
    expect(userSteering(modelOf(worker('')))).toEqual({ front: expect.objectContaining({ flows: ['work'], rtoS: 90 }) });
    expect(userSteering(modelOf(worker(', consumes: jobs')))).toBeUndefined();
  });

  it("steers nobody through a queue's worker, a store or an external", () => {
    const s = userSteering(
      modelOf(`${base}
components:
  jobs: {kind: queue}
  worker: {kind: worker, consumes: jobs}
  kv: {kind: database, failover: {mode: active-active, conflict: crdt}}
  psp: {kind: external}
flows:
  b: {kind: write, rate: 1, path: [worker, kv]}
  c: {kind: read, rate: 1, path: [kv]}
  d: {kind: write, rate: 1, path: [psp]}
`),
    );
    expect(s).toBeUndefined();
  });

  it("the drill's fallback without an entry tier (users reach the stores): the stores' fastest detection and longest steer", () => {
    expect(designSteering(modelOf(`${base}\ncomponents: {gateway: {kind: gateway}}`))).toEqual({ detectS: 30, steerS: 60 });
    // key-value-store's client library: detect 10 s, steer 0 s; the cache's steer_s counts for nothing
    const stated = modelOf(`${base}
components:
  db: {kind: database, regions: [us-east], failover: {mode: active-passive, standby: eu-west, detect_s: 20}}
  carts: {kind: database, failover: {mode: active-active, detect_s: 10, steer_s: 0, conflict: crdt}}
  cache: {kind: cache, failover: {mode: active-active, steer_s: 5}}
`);
    expect(designSteering(stated)).toEqual({ detectS: 10, steerS: 0 });
  });
});
