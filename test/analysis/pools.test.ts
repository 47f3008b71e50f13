// Thread demand by Little's law (src/analysis/pools.ts), against numbers worked out by hand.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import type { ServicePools } from '../../src/analysis/metrics.js';
import { modelOf } from './model-of.js';

// These tests are about Little's law and which caller holds which thread: queueing is switched off so the
// hold times are the hops' own; the last test adds the M/M/c waits (analysis/queueing.ts), by hand.
const poolsOf = (yaml: string): Record<string, ServicePools> => analyse(modelOf(yaml), { queueing: false }).pools;

const call = (s: ServicePools | undefined, dep: string) => s?.calls.find((c) => c.dependency === dep);

describe("pool demand (Little's law, per replica)", () => {
  it('is calls/s reaching one replica x the p99 a thread is held: the Hystrix example', () => {
    const pools = poolsOf(`
regions: [us-east]
components:
  web-api: {kind: service, replicas: 4, latency_ms: {p50: 10, p99: 20}, pools: {payment-api: 30}}
  payment-api: {kind: external, latency_ms: {p50: 100, p99: 200}, timeout_ms: 500}
flows:
  checkout: {kind: write, rate: 240, path: [web-api, payment-api]}
`);
    const api = pools['web-api']!;
    const pay = call(api, 'payment-api')!;
    // 240 rps / 4 replicas = 60 rps per replica; an external with no region costs no network: 200 ms
    expect(pay.ratePerReplica).toBe(60);
    expect(pay.p99Ms).toBe(200);
    // 60 rps x 0.2 s = 12 threads (Hystrix: + 5 breathing room = 17)
    expect(pay.demand).toBe(12);
    // slowed to its 500 ms timeout: 60 x 0.5 = 30 threads
    expect(pay.worstDemand).toBe(30);
    expect(pay.pool).toBe('payment-api');
    expect(pay.external).toBe(true);
    expect(api.pools[0]).toMatchObject({ name: 'payment-api', demand: 12, worstDemand: 30, timeoutMs: 500 });
    // the service's own work: 60 rps x 0.02 s = 1.2 threads; total 1.2 + 12 = 13.2
    expect(api.ratePerReplica).toBe(60);
    expect(api.demand).toBe(13.2);
  });

  it("takes the busiest region, with the users' shares and the round trip to the dependency", () => {
    const pools = poolsOf(`
regions: [us-east, eu-west]
users: {us-east: 0.75, eu-west: 0.25}
components:
  api: {kind: service, replicas: 5, latency_ms: {p50: 10, p99: 20}}
  payments: {kind: external, regions: [us-east], latency_ms: {p50: 100, p99: 300}, timeout_ms: 400}
flows:
  pay: {kind: write, rate: 800, path: [api, payments]}
`);
    const pay = call(pools['api'], 'payments')!;
    // us-east: 800 x 0.75 / 5 replicas = 120 rps x (0.5 ms in-region + 300 ms) = 36.06 threads
    // eu-west: 800 x 0.25 / 5 = 40 rps x (82 ms to us-east + 300 ms) = 15.28 threads: us-east is busier
    expect(pay.region).toBe('us-east');
    expect(pay.ratePerReplica).toBe(120);
    expect(pay.p99Ms).toBe(300.5);
    expect(pay.demand).toBe(36.06);
    // under the 400 ms timeout: 120 x 0.4 = 48
    expect(pay.worstDemand).toBe(48);
    expect(pay.pool).toBeUndefined();
  });

  it('attributes every call to the last code-running hop, and a named core pool takes the rest', () => {
    const pools = poolsOf(`
regions: [us-east]
components:
  api:
    kind: service
    replicas: 2
    latency_ms: {p50: 5, p99: 10}
    threads: 200
    pools: {payments: 40, core: 160}
  payments: {kind: external, latency_ms: {p50: 100, p99: 300}, timeout_ms: 500}
  orders-db: {kind: database, latency_ms: {p50: 2, p99: 5}, write_latency_ms: {p50: 5, p99: 19.5}}
flows:
  create-order: {kind: write, rate: 100, path: [api, payments, orders-db]}
  get-order: {kind: read, rate: 1000, path: [api, orders-db]}
`);
    const api = pools['api']!;
    // payments runs no code, so api makes the orders-db call of create-order too
    expect(pools['payments']).toBeUndefined();
    const db = call(api, 'orders-db')!;
    // per replica: create-order 50 rps held 0.5 + 19.5 = 20 ms, get-order 500 rps held 0.5 + 5 = 5.5 ms
    // L = sum(lambda x W) = 50 x 0.020 + 500 x 0.0055 = 1 + 2.75 = 3.75 threads over 550 rps
    expect(db.ratePerReplica).toBe(550);
    expect(db.demand).toBe(3.75);
    // the p99 shown is the rate-weighted mean, so 550 x 6.82 ms ~ 3.75: 3,750 / 550 = 6.818
    expect(db.p99Ms).toBe(6.82);
    // payments: 50 rps x 0.3 s = 15 threads, 50 x 0.5 s = 25 at its timeout
    expect(api.pools.find((p) => p.name === 'payments')).toMatchObject({ dependency: 'payments', size: 40, demand: 15, worstDemand: 25 });
    // core: own work 550 rps x 0.01 s = 5.5 + the unpooled orders-db calls 3.75 = 9.25;
    // orders-db has no timeout, so core's worst case is unbounded
    const core = api.pools.find((p) => p.name === 'core')!;
    expect(core.dependency).toBeUndefined();
    expect(core.demand).toBe(9.25);
    expect(core.worstDemand).toBe(Number.POSITIVE_INFINITY);
    // 5.5 + 15 + 3.75 = 24.25 threads in all; pools 40 + 160 = 200
    expect(api.demand).toBe(24.25);
    expect(api.pooledThreads).toBe(200);
    expect(api.threads).toBe(200);
  });

  it("holds a caller's thread while the service it calls makes its own calls", () => {
    const pools = poolsOf(`
regions: [us-east]
components:
  gateway: {kind: gateway, replicas: 2, latency_ms: {p50: 2, p99: 4}}
  api: {kind: service, replicas: 2, latency_ms: {p50: 10, p99: 20}}
  db: {kind: database, latency_ms: {p50: 2, p99: 5}}
flows:
  read: {kind: read, rate: 400, path: [gateway, api, db]}
`);
    // gateway -> api: held for api (0.5 + 20) and api's call to db (0.5 + 5) = 26 ms; 200 rps x 0.026 s = 5.2
    expect(call(pools['gateway'], 'api')).toMatchObject({ ratePerReplica: 200, p99Ms: 26, demand: 5.2 });
    expect(call(pools['gateway'], 'db')).toBeUndefined();
    // api -> db: 200 rps x 0.0055 s = 1.1
    expect(call(pools['api'], 'db')).toMatchObject({ ratePerReplica: 200, p99Ms: 5.5, demand: 1.1 });
  });

  it('counts only the cache misses as calls to the store behind the cache', () => {
    const pools = poolsOf(`
regions: [us-east]
components:
  api: {kind: service, replicas: 2, latency_ms: {p50: 10, p99: 20}}
  cache: {kind: cache, hit_ratio: 0.9, latency_ms: {p50: 0.5, p99: 1.5}}
  db: {kind: database, latency_ms: {p50: 2, p99: 9.5}}
flows:
  read: {kind: read, rate: 2000, path: [api, cache, db]}
`);
    // 2,000 / 2 replicas = 1,000 rps to the cache x (0.5 + 1.5) ms = 2 threads
    expect(call(pools['api'], 'cache')).toMatchObject({ ratePerReplica: 1000, demand: 2 });
    // 10 % miss: 100 rps to db x (0.5 + 9.5) ms = 1 thread
    expect(call(pools['api'], 'db')).toMatchObject({ ratePerReplica: 100, p99Ms: 10, demand: 1 });
  });

  it('holds a thread through the queue waits too (M/M/c, by hand)', () => {
    const pools = analyse(
      modelOf(`
regions: [us-east]
components:
  gateway: {kind: gateway, replicas: 2, latency_ms: {p50: 2, p99: 4}}
  api: {kind: service, replicas: 2, latency_ms: {p50: 10, p99: 20}}
  db: {kind: database, latency_ms: {p50: 2, p99: 5}}
flows:
  read: {kind: read, rate: 400, path: [gateway, api, db]}
`),
    ).pools;
    // db: 1 replica (database default) of 10,000 req/s, lambda = 400/s: c = 1, rho = 0.04, Erlang C = rho = 0.04,
    // theta = mu - lambda = 9,600/s; 0.04 > 1 %: W99 = ln(0.04 / 0.01) / 9,600 s = 1.3863 / 9,600 = 0.1444 ms
    // (the mean 0.04 / 9,600 s = 0.0042 ms is less). Hop p99 = 0.5 RTT + 5 + 0.1444 = 5.6444 ms.
    // api: 2 replicas of 5,000 (service default), rho = 400 / 10,000 = 0.04: C = 2 rho^2 / (1 + rho) = 0.0032 / 1.04
    // = 0.003077 < 1 %, so W99 = 0 and the mean floors it: 0.003077 / (10,000 - 400) s = 0.00032 ms.
    // gateway -> api: held 0.5 + 20.00032 + 5.6444 = 26.1447 ms; 200 rps per replica x 0.0261447 s = 5.229
    expect(call(pools['gateway'], 'api')).toMatchObject({ ratePerReplica: 200, p99Ms: 26.14, demand: 5.23 });
    // api -> db: 200 rps x 0.0056444 s = 1.1289
    expect(call(pools['api'], 'db')).toMatchObject({ ratePerReplica: 200, p99Ms: 5.64, demand: 1.13 });
  });

  it("holds a consumer's threads with the messages it takes from its queue: its work, then each write", () => {
    const pools = poolsOf(`
regions: [us-east, eu-west]
users: {us-east: 1}
components:
  upload-api: {kind: service, regions: [us-east], replicas: 2, latency_ms: {p50: 2, p99: 5}}
  jobs: {kind: queue, regions: [us-east]}
  transcoder: {kind: worker, regions: [us-east], replicas: 3, consumes: jobs, writes: [videos-db, archive], threads: 100, latency_ms: {p50: 100, p99: 300}}
  videos-db: {kind: database, regions: [us-east], write_latency_ms: {p50: 4, p99: 12}}
  archive: {kind: object-store, regions: [eu-west], write_latency_ms: {p50: 20, p99: 50}}
flows:
  upload: {kind: write, rate: 60, path: [upload-api, jobs]}
`);
    const t = pools['transcoder']!;
    // A consumer is sized on mean times over the 80 % utilization limit (nobody waits on it: its queue holds
    // the tail). The mean of the log-normal through (p50, p99) is p50 x exp(sigma^2 / 2), sigma = ln(p99 / p50) / 2.326.
    const mean = (p50: number, p99: number) => p50 * Math.exp((Math.log(p99 / p50) / 2.3263) ** 2 / 2);
    // 60 uploads/s into jobs, over 3 replicas: 20 messages/s per replica
    expect(t.consumes).toBe('jobs');
    expect(t.ratePerReplica).toBe(20);
    // its own work: mean(100, 300) = 111.8 ms, over 0.8 = 139.75 ms: 20 x 0.13975 = 2.795 threads
    const own = (20 * mean(100, 300)) / 0.8 / 1000;
    expect(own).toBeCloseTo(2.795, 2);
    // then its writes: videos-db in its region, (mean(4, 12) = 4.47 + 0.5) / 0.8 = 6.21 ms: 0.12 threads;
    // archive across the Atlantic, (mean(20, 50) = 21.6 + 82) / 0.8 = 129.5 ms: 2.59 threads. The calls still
    // report their p99 (0.5 + 12 = 12.5 ms; 82 + 50 = 132 ms): what a slow store does to the worker
    const db = (mean(4, 12) + 0.5) / 0.8;
    const archive = (mean(20, 50) + 82) / 0.8;
    expect(call(t, 'videos-db')).toMatchObject({
      ratePerReplica: 20,
      p99Ms: 12.5,
      demand: Number(((20 * db) / 1000).toFixed(2)),
    });
    expect(call(t, 'archive')).toMatchObject({
      ratePerReplica: 20,
      p99Ms: 132,
      demand: Number(((20 * archive) / 1000).toFixed(2)),
    });
    // 2.795 + 0.124 + 2.59 = 5.51 threads per replica (4.41 of them busy on average: 80 %)
    expect(t.demand).toBeCloseTo(own + (20 * db) / 1000 + (20 * archive) / 1000, 1);
  });

  it('counts a worker that flows run through by those flows, topped up to what it consumes', () => {
    const yaml = (extra: string) => `
regions: [us-east]
components:
  api: {kind: service, replicas: 2, latency_ms: {p50: 2, p99: 5}}
  sends: {kind: queue}
  notifier: {kind: worker, replicas: 2, consumes: sends, latency_ms: {p50: 2, p99: 10}}
  sms: {kind: external, latency_ms: {p50: 300, p99: 800}}
flows:
  send-sms: {kind: write, rate: 100, path: [notifier, sms]}
${extra}`;
    const alone = poolsOf(yaml(''))['notifier']!;
    const fed = poolsOf(yaml('  enqueue: {kind: write, rate: 100, path: [api, sends]}'))['notifier']!;
    // 100 sends/s over 2 replicas = 50/s x (10 + 800) ms = 40.5 threads, with or without the queue filled
    expect(alone.demand).toBe(40.5);
    expect(fed.demand).toBe(40.5);
    expect(fed.consumes).toBeUndefined();
    // A token flow does not hide the rest: 1,000 messages/s consumed, 1/s sent through the flow. Each message
    // is held as long as the flow holds one (10 + 800 ms): 1,000 x 0.81 s / 2 replicas = 405 threads
    const token = poolsOf(
      yaml('  enqueue: {kind: write, rate: 1000, path: [api, sends]}').replace('rate: 100, path: [notifier', 'rate: 1, path: [notifier'),
    )['notifier']!;
    expect(token.ratePerReplica).toBe(500);
    expect(token.demand).toBe(405);
    // Nor does a flow through the worker alone that leaves its writes out: the consumer's own mean(2, 10) =
    // 2.54 ms + the write to a store across the Atlantic (mean(10, 30) = 11.18 + 82 ms), over 0.8 = 119.65 ms,
    // hold each of the 1,000 messages/s: 500 x 0.11965 = 59.83 (the flow alone holds 500 x 0.010 = 5)
    const bare = poolsOf(`
regions: [us-east, eu-west]
users: {us-east: 1}
components:
  api: {kind: service, regions: [us-east], replicas: 2, latency_ms: {p50: 2, p99: 5}}
  sends: {kind: queue, regions: [us-east]}
  indexer: {kind: worker, regions: [us-east], replicas: 2, consumes: sends, writes: idx, latency_ms: {p50: 2, p99: 10}}
  idx: {kind: search, regions: [eu-west], write_latency_ms: {p50: 10, p99: 30}}
flows:
  enqueue: {kind: write, rate: 1000, path: [api, sends]}
  index: {kind: read, rate: 1000, path: [indexer]}
`)['indexer']!;
    const mean = (p50: number, p99: number) => p50 * Math.exp((Math.log(p99 / p50) / 2.3263) ** 2 / 2);
    expect(bare.demand).toBeCloseTo((500 * (mean(2, 10) + mean(10, 30) + 82)) / 0.8 / 1000, 1);
    expect(bare.demand).toBe(59.83);
  });
});
