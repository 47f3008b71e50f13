// A store with replication none in several regions holds in each copy only what is written there: a read is
// routed to the nearest copy its writes reach (the write flows' hops, routed from their origins, and the workers
// writing it), not to an empty local copy. Latency, capacity and availability follow that route. Figures by hand
// from the Azure table: us-east <-> eu-west 82 ms, us-east <-> ap-southeast 223 ms, eu-west <-> ap-southeast 156 ms,
// 0.5 ms within a region.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { regionDown } from '../../src/analysis/drills/transform.js';
import { flowLatency } from '../../src/analysis/latency.js';
import { routeFlow, writeLandings } from '../../src/analysis/route.js';
import type { Model } from '../../src/specfile/model.js';
import { modelOf } from './model-of.js';

const dbHop = (m: Model, flow: string, origin: string) => routeFlow(m, m.flows[flow]!, origin).find((h) => h.component === 'db')!;

const base = (db: string, extra = '') =>
  modelOf(`
regions: [us-east, eu-west, ap-southeast]
users: {us-east: 0.5, eu-west: 0.3, ap-southeast: 0.2}
components:
  api: {kind: service, replicas: 4, capacity_rps: 10000, latency_ms: 10}
  db: ${db}
${extra}
flows:
  read: {kind: read, rate: 1000, path: [api, db]}
  write: {kind: write, rate: 100, path: [api, db]}
`);

const NONE_US =
  '{kind: database, primary: us-east, replicas: 1, capacity_rps: 10000, latency_ms: 5, write_latency_ms: 10, replication: {mode: none}}';

describe('reads of a store whose copies are separate data sets', () => {
  it('go to the copy the writes land in (the primary), paying the round trip', () => {
    const m = base(NONE_US);
    expect([...writeLandings(m).get('db')!]).toEqual(['us-east']);
    expect(dbHop(m, 'read', 'ap-southeast')).toMatchObject({ from: 'ap-southeast', region: 'us-east', reason: 'written', networkMs: 223 });
    expect(dbHop(m, 'read', 'eu-west')).toMatchObject({ region: 'us-east', reason: 'written', networkMs: 82 });
    expect(dbHop(m, 'read', 'us-east')).toMatchObject({ region: 'us-east', reason: 'written', networkMs: 0.5 });
    // from ap-southeast: 0.5 to the local api + 10 + 223 to us-east + 5 = 238.5 ms (queueing left out)
    expect(flowLatency(m, m.flows.read!, 'ap-southeast').p99).toBe(0.5 + 10 + 223 + 5);
  });

  it('load the written copy with every read; the empty copies carry nothing', () => {
    const m = base(NONE_US);
    const cap = analyse(m).capacity.db!;
    // us-east: all 1,000 reads + the 100 writes on one node of 10,000 = 11 %
    expect(cap['us-east']!.rate).toBeCloseTo(1100, 6);
    expect(cap['us-east']!.utilization).toBeCloseTo(1100 / 10_000, 4);
    expect(cap['eu-west']?.rate ?? 0).toBe(0);
    expect(cap['ap-southeast']?.rate ?? 0).toBe(0);
  });

  it('availability counts the one copy that holds the data', () => {
    const m = base(NONE_US);
    const hop = analyse(m).flows.read!.availability.hops.find((h) => h.component === 'db')!;
    expect(hop).toMatchObject({ rule: 'one', copies: 1 });
  });

  it('with writers in every region (active-active, home-region), each copy holds its region`s data: local reads', () => {
    const m = base(
      '{kind: database, replicas: 1, latency_ms: 5, replication: {mode: none}, failover: {mode: active-active, conflict: home-region}}',
    );
    expect([...writeLandings(m).get('db')!].sort()).toEqual(['ap-southeast', 'eu-west', 'us-east']);
    for (const o of ['us-east', 'eu-west', 'ap-southeast']) expect(dbHop(m, 'read', o)).toMatchObject({ region: o, networkMs: 0.5 });
  });

  it('counts a worker`s writes where they land: its regions, to the primary or its nearest copy', () => {
    // no write flow: a worker in us-east and eu-west fills an active-active db, each writing its own copy;
    // a read from ap-southeast goes to the nearer of the two, eu-west (156 ms, not 223)
    const m = modelOf(`
regions: [us-east, eu-west, ap-southeast]
components:
  api: {kind: service, latency_ms: 10}
  q: {kind: queue, regions: [us-east, eu-west]}
  loader: {kind: worker, regions: [us-east, eu-west], consumes: q, writes: db}
  db: {kind: database, replication: {mode: none}, failover: {mode: active-active, conflict: home-region}}
flows:
  read: {kind: read, rate: 100, path: [api, db]}
  enqueue: {kind: write, rate: 10, path: [api, q]}
`);
    expect([...writeLandings(m).get('db')!].sort()).toEqual(['eu-west', 'us-east']);
    expect(dbHop(m, 'read', 'ap-southeast')).toMatchObject({ region: 'eu-west', reason: 'written', networkMs: 156 });
    // the same worker writing a db with one primary (us-east): every write lands there
    const one = modelOf(`
regions: [us-east, eu-west, ap-southeast]
components:
  api: {kind: service, latency_ms: 10}
  q: {kind: queue, regions: [us-east, eu-west]}
  loader: {kind: worker, regions: [us-east, eu-west], consumes: q, writes: db}
  db: {kind: database, primary: us-east, replication: {mode: none}}
flows:
  read: {kind: read, rate: 100, path: [api, db]}
  enqueue: {kind: write, rate: 10, path: [api, q]}
`);
    expect(dbHop(one, 'read', 'ap-southeast')).toMatchObject({ region: 'us-east', reason: 'written', networkMs: 223 });
  });

  it('keeps the nearest copy for a store nothing writes (given data), a replicated store and a cache', () => {
    const given = modelOf(`
regions: [us-east, eu-west]
components:
  api: {kind: service}
  db: {kind: database, primary: us-east, replication: {mode: none}}
flows:
  read: {kind: read, path: [api, db]}
`);
    expect(writeLandings(given).has('db')).toBe(false);
    expect(dbHop(given, 'read', 'eu-west')).toMatchObject({ region: 'eu-west', reason: 'same-region' });
    const async = base('{kind: database, primary: us-east, replication: {mode: async}}');
    expect(dbHop(async, 'read', 'ap-southeast')).toMatchObject({ region: 'ap-southeast', reason: 'same-region' });
    const cache = base('{kind: cache, replication: {mode: none}}');
    expect(dbHop(cache, 'read', 'ap-southeast')).toMatchObject({ region: 'ap-southeast', reason: 'same-region' });
  });

  it('finds no copy of the data once the one region written is lost', () => {
    // separate data sets are never promoted: the us-east copy is gone with its data
    const m = regionDown(base(NONE_US), { region: 'us-east', steered: true, promoted: {} });
    expect(dbHop(m, 'read', 'eu-west').region).toBeUndefined();
    // two copies, one left: the ap-southeast copy was never written either
    const two = base(NONE_US.replace('{kind: database,', '{kind: database, regions: [us-east, ap-southeast],'));
    expect(dbHop(two, 'read', 'ap-southeast')).toMatchObject({ region: 'us-east', networkMs: 223 });
    const lost = regionDown(two, { region: 'us-east', steered: true, promoted: {} });
    expect(lost.components.db!.regions).toEqual(['ap-southeast']);
    expect(dbHop(lost, 'read', 'ap-southeast').region).toBeUndefined();
  });
});
