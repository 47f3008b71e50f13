// Load and utilization per component and region (src/analysis/capacity.ts), against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { capacity } from '../../src/analysis/capacity.js';
import { modelOf } from './model-of.js';

const loadOf = (yaml: string) => capacity(modelOf(yaml));

describe('capacity', () => {
  it("routes each flow's rate to the users' regions by their shares", () => {
    const c = loadOf(`
regions: [us-east, eu-west]
users: {us-east: 0.6, eu-west: 0.4}
components:
  api: {kind: service, replicas: 4}
  db: {kind: database, replicas: 2}
flows:
  read: {kind: read, rate: 10000, path: [api, db]}
  eu-only: {kind: read, rate: 1000, origins: [eu-west], path: [api, db]}
`);
    // us-east: 10,000 x 0.6 = 6,000 rps over 4 x 5,000 = 30 %, 60 % at a 2x surge
    expect(c.api!['us-east']).toMatchObject({
      rate: 6000,
      replicas: 4,
      capacity: 20000,
      utilization: 0.3,
      surgeUtilization: 0.6,
      writeRate: 0,
    });
    // eu-west: 10,000 x 0.4 + all of eu-only's 1,000 = 5,000 rps / 20,000 = 25 %
    expect(c.api!['eu-west']).toMatchObject({ rate: 5000, utilization: 0.25 });
    // db nearest to each region: 6,000 / (2 x 10,000) = 30 %; 5,000 / 20,000 = 25 %
    expect(c.db!['us-east']).toMatchObject({ rate: 6000, utilization: 0.3 });
    expect(c.db!['eu-west']).toMatchObject({ rate: 5000, utilization: 0.25 });
  });

  it('sends only the cache misses to the store behind a cache', () => {
    const c = loadOf(`
regions: [us-east]
components:
  api: {kind: service, replicas: 4}
  cache: {kind: cache}
  hot-cache: {kind: cache, hit_ratio: 0.75}
  db: {kind: database}
  other-db: {kind: database}
flows:
  read: {kind: read, rate: 10000, path: [api, cache, db]}
  read-other: {kind: read, rate: 4000, path: [api, hot-cache, other-db]}
`);
    // the cache sees every read: 10,000; the default 90 % hit ratio leaves 10,000 x 0.1 = 1,000 for db
    expect(c.cache!['us-east']!.rate).toBe(10000);
    expect(c.db!['us-east']).toMatchObject({ rate: 1000, utilization: 0.1 });
    // 75 % hits: 4,000 x 0.25 = 1,000 reach other-db
    expect(c['other-db']!['us-east']!.rate).toBe(1000);
    // the api in front sees both flows whole: 14,000 / (4 x 5,000) = 70 %
    expect(c.api!['us-east']!.utilization).toBe(0.7);
  });

  it('sends every write to the primary and applies it again on every copy', () => {
    const c = loadOf(`
regions: [us-east, eu-west, us-west]
users: {us-east: 0.5, eu-west: 0.5}
components:
  api: {kind: service, regions: [us-east, eu-west]}
  db: {kind: database, regions: [us-east, eu-west], primary: us-east}
  ledger:
    kind: database
    regions: [us-east]
    failover: {mode: active-passive, standby: us-west}
flows:
  write: {kind: write, rate: 1000, path: [api, db]}
  post: {kind: write, rate: 200, origins: [us-east], path: [api, ledger]}
`);
    // both regions' writes (500 + 500) go to the us-east primary: 1,000 writes; eu-west's copy applies the same 1,000
    expect(c.db!['us-east']).toMatchObject({ rate: 1000, writeRate: 1000, utilization: 0.1 });
    expect(c.db!['eu-west']).toMatchObject({ rate: 1000, writeRate: 1000 });
    // the api serves its own region's users: 500 each, plus the 200 ledger posts from us-east = 700
    expect(c.api!['us-east']!.rate).toBe(700);
    expect(c.api!['eu-west']!.rate).toBe(500);
    // the standby in us-west applies the ledger's 200 writes too
    expect(c.ledger!['us-east']!.writeRate).toBe(200);
    expect(c.ledger!['us-west']!.writeRate).toBe(200);
  });

  it('loads every replica of a replicated store with all its writes plus its share of the reads', () => {
    const c = loadOf(`
regions: [us-east]
components:
  api: {kind: service, replicas: 4}
  db: {kind: database, replicas: 4}
  events: {kind: stream, replicas: 4}
flows:
  read: {kind: read, rate: 8000, path: [api, db]}
  write: {kind: write, rate: 2000, path: [api, db, events]}
`);
    // db: 2,000 writes + 8,000 reads reach us-east. Each of the 4 replicas applies all 2,000 writes and
    // serves 8,000 / 4 = 2,000 reads: 4,000 req/s per node of 10,000 = 40 % (not 10,000 / 40,000 = 25 %).
    expect(c.db!['us-east']).toMatchObject({
      rate: 10000,
      writeRate: 2000,
      perNodeRate: 4000,
      utilization: 0.4,
      surgeUtilization: 0.8,
      everyReplicaWrites: true,
    });
    // the api is stateless: 10,000 / 4 = 2,500 per replica of 5,000 = 50 %
    expect(c.api!['us-east']).toMatchObject({ perNodeRate: 2500, utilization: 0.5, everyReplicaWrites: false });
    // a stream is partitioned by design: its 2,000 appends split over 4 nodes, 500 of 100,000 = 0.5 %
    expect(c.events!['us-east']).toMatchObject({ perNodeRate: 500, utilization: 0.005 });
  });

  it('loads a projection worker with what its stream receives, and its store with the projected writes', () => {
    const c = loadOf(`
regions: [us-east, eu-west]
users: {us-east: 1}
components:
  api: {kind: service, regions: [us-east]}
  events: {kind: stream, regions: [us-east, eu-west], primary: us-east}
  projector: {kind: worker, consumes: events, writes: summary-db}
  summary-db: {kind: database, primary: us-east}
flows:
  place: {kind: write, rate: 600, path: [api, events]}
`);
    // the stream takes 600 writes at us-east and its eu-west copy applies them: 600 + 600
    expect(c.events!['us-east']!.writeRate).toBe(600);
    expect(c.events!['eu-west']!.writeRate).toBe(600);
    // the worker reads one copy: (600 + 600) / 2 copies = 600 events/s, split over its 2 regions = 300 each
    expect(c.projector!['us-east']).toMatchObject({ rate: 300, replicas: 2, capacity: 10000, utilization: 0.03 });
    expect(c.projector!['eu-west']!.rate).toBe(300);
    // it writes all 600 to summary-db's primary, and the eu-west copy applies them too
    expect(c['summary-db']!['us-east']).toMatchObject({ rate: 600, writeRate: 600, utilization: 0.06 });
    expect(c['summary-db']!['eu-west']!.writeRate).toBe(600);
  });

  it('loads the busiest partition of a partitioned store: its hot sub-keys plus 1 / count of the other keys, of its writes and reads', () => {
    const c = loadOf(`
regions: [us-east]
components:
  api: {kind: service, replicas: 20}
  even-db: {kind: database, replicas: 2, partitions: {count: 4, key: cart_id}}
  hot-db: {kind: database, replicas: 1, partitions: {count: 10, key: post_id, hot_key_share: 0.3}}
  split-db: {kind: database, replicas: 1, partitions: {count: 10, key: post_id + bucket, hot_key_share: 0.3, hot_key_split: 6}}
flows:
  update-cart: {kind: write, rate: 8000, path: [api, even-db]}
  read-cart: {kind: read, rate: 16000, path: [api, even-db]}
  like: {kind: write, rate: 10000, path: [api, hot-db]}
  like-split: {kind: write, rate: 10000, path: [api, split-db]}
`);
    // even-db: 4 x 2 = 8 nodes, capacity 8 x 10,000 = 80,000; busiest node 1/4 x 8,000 writes + 1/4 x 16,000 reads / 2
    // = 2,000 + 2,000 = 4,000 req/s of 10,000 = 40 % (unpartitioned: 8,000 + 8,000 = 160 %)
    expect(c['even-db']!['us-east']).toMatchObject({
      capacity: 80000,
      perNodeRate: 4000,
      utilization: 0.4,
      partitions: 4,
      hottestShare: 0.25,
    });
    // hot-db: the hot key's 0.3 plus 1/10 of the other 0.7 = 0.37 of 10,000 writes = 3,700 on one node, 37 %
    // (never below the hot key's 30 %, however many partitions)
    expect(c['hot-db']!['us-east']).toMatchObject({
      perNodeRate: 3700,
      utilization: 0.37,
      hottestShare: 0.37,
      hotKeyShare: 0.3,
      hotKeySplit: 1,
    });
    // split-db: 6 sub-keys of 0.3 / 6 = 0.05, one per partition at most (6 <= 10), plus 0.7 / 10 = 0.07: 0.12 of
    // 10,000 writes = 1,200 writes/s, 12 %
    expect(c['split-db']!['us-east']).toMatchObject({ perNodeRate: 1200, utilization: 0.12, hottestShare: 0.12 });
  });

  it('feeds a chain of workers upstream first, in whatever order the spec lists them', () => {
    const chain = (order: string) => `
regions: [us-east]
components:
  api: {kind: service, replicas: 4}
  q1: {kind: queue}
  q2: {kind: queue}
  db: {kind: database}
${order}
flows:
  ingest: {kind: write, rate: 2000, path: [api, q1]}
`;
    const enricher = '  enricher: {kind: worker, replicas: 2, consumes: q1, writes: q2}';
    const indexer = '  indexer: {kind: worker, replicas: 2, consumes: q2, writes: db}';
    for (const c of [loadOf(chain(`${enricher}\n${indexer}`)), loadOf(chain(`${indexer}\n${enricher}`))]) {
      // 2,000 writes/s into q1: the enricher takes them and writes 2,000/s into q2, which the indexer takes
      // and writes on to db: 2,000/s each, whichever worker the spec lists first
      expect(c['enricher']!['us-east']!.rate).toBe(2000);
      expect(c['q2']!['us-east']!.writeRate).toBe(2000);
      expect(c['indexer']!['us-east']!.rate).toBe(2000);
      expect(c['db']!['us-east']!.writeRate).toBe(2000);
    }
  });

  it('has an outbox relay forward the outbox rows only, where a CDC connector streams every write', () => {
    const spec = (via: string) => `
regions: [us-east]
components:
  api: {kind: service, replicas: 2}
  runs-db: {kind: database}
  relay: {kind: worker, consumes: runs-db, writes: run-queue}
  run-queue: {kind: queue}
flows:
  fire: {kind: write, rate: 500, path: [api, {to: runs-db, publish: {via: ${via}, stream: run-queue, relay: relay}}]}
  update: {kind: write, rate: 1000, path: [api, runs-db]}
`;
    // 500 fired runs/s write an outbox row each; 1,000 updates/s write runs-db only: the relay forwards 500
    const outbox = loadOf(spec('outbox'));
    expect(outbox['runs-db']!['us-east']!.writeRate).toBe(1500);
    expect(outbox['relay']!['us-east']!.rate).toBe(500);
    expect(outbox['run-queue']!['us-east']!.writeRate).toBe(500);
    // a CDC connector reads the whole change log: all 1,500
    expect(loadOf(spec('cdc'))['relay']!['us-east']!.rate).toBe(1500);
  });

  it('counts a message once where a flow runs through the worker that consumes it', () => {
    const spec = (enqueued: number) => `
regions: [us-east]
components:
  api: {kind: service, replicas: 2}
  sends: {kind: queue}
  notifier: {kind: worker, consumes: sends}
  sms: {kind: external}
flows:
  enqueue: {kind: write, rate: ${enqueued}, path: [api, sends]}
  send-sms: {kind: write, rate: 100, path: [notifier, sms]}
`;
    // 100 messages/s, described by the flow: 100, not 200
    expect(loadOf(spec(100))['notifier']!['us-east']!.rate).toBe(100);
    // 300 consumed, 100 of them through the flow: the other 200 are added, 300 in all
    expect(loadOf(spec(300))['notifier']!['us-east']!.rate).toBe(300);
  });
});
