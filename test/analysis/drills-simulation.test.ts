// Drill results checked against a seeded discrete-event simulation (tests only; pure-rand, fixed seeds).
// Each case simulates what the drill computes in closed form and compares within the tolerance stated
// in the case. The simulation knows nothing of the drill code: only the spec's figures.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { runDrill } from '../../src/analysis/drills/run.js';
import { parseScenario, type Scenario } from '../../src/analysis/drills/scenario.js';
import { modelOf } from './model-of.js';

type Rng = ReturnType<typeof xoroshiro128plus>;
const exp = (rng: Rng, rate: number): number => -Math.log(1 - uniformFloat64(rng)) / rate;
const sc = (t: string): Scenario => {
  const p = parseScenario(t);
  if (!p.ok) throw new Error(p.message);
  return p.scenario;
};

/** FIFO M/M/c: Poisson arrivals at lambda, exponential service at mu on each of c servers, for `horizon` s. */
function mmc(
  seed: number,
  lambda: number,
  mu: number,
  c: number,
  horizon: number,
): { utilization: number; queueAtEnd: number; meanQueueLate: number } {
  const rng = xoroshiro128plus(seed);
  const busyUntil: number[] = new Array(c).fill(0);
  let t = 0;
  let busyTime = 0;
  const starts: number[] = [];
  // Each arrival starts on the server that frees first (FIFO): its start time is known on arrival.
  for (;;) {
    t += exp(rng, lambda);
    if (t > horizon) break;
    let k = 0;
    for (let i = 1; i < c; i++) if (busyUntil[i]! < busyUntil[k]!) k = i;
    const start = Math.max(t, busyUntil[k]!);
    const s = exp(rng, mu);
    busyUntil[k] = start + s;
    busyTime += Math.max(0, Math.min(horizon, start + s) - Math.min(horizon, start));
    starts.push(t, start);
  }
  // Waiting (queued, not yet started) at time x: arrivals before x whose start is after x.
  const waitingAt = (x: number) => {
    let n = 0;
    for (let i = 0; i < starts.length; i += 2) if (starts[i]! <= x && starts[i + 1]! > x) n++;
    return n;
  };
  const late = [0.6, 0.7, 0.8, 0.9].map((f) => waitingAt(horizon * f));
  return {
    utilization: busyTime / (c * horizon),
    queueAtEnd: waitingAt(horizon),
    meanQueueLate: late.reduce((a, b) => a + b, 0) / late.length,
  };
}

const TWO_REGIONS = `
regions: [us-east, eu-west]
users: {us-east: 0.6, eu-west: 0.4}
network: {intra_region_ms: 1, rtt_ms: {us-east: {eu-west: 80}}}
components:
  api: {kind: service, regions: [us-east, eu-west], replicas: 2, capacity_rps: 1000, latency_ms: {p50: 10, p99: 20}}
  db:
    kind: database
    regions: [us-east]
    capacity_rps: 5000
    replication: {mode: async, lag_ms: 500}
    failover: {mode: active-passive, standby: eu-west, detect_s: 30, promote_s: 120}
flows:
  read: {kind: read, rate: 1000, path: [api]}
  write: {kind: write, rate: 100, path: [api, db]}
`;

describe('drills against a discrete-event simulation', () => {
  const lost = runDrill(modelOf(TWO_REGIONS), [sc('region-down:us-east')]);

  it("region-down: the survivor's utilization (tolerance 0.02 absolute)", () => {
    // Simulated: all 1,100 req/s on eu-west's 2 replicas of 1,000 req/s each, exponential service.
    const u = lost.final.metrics.capacity.api!['eu-west']!.utilization;
    const sim = mmc(11, 1100, 1000, 2, 200);
    expect(Math.abs(sim.utilization - u)).toBeLessThan(0.02);
  });

  it('region-down: the error share before steering (tolerance 0.02)', () => {
    // Simulated: 20,000 requests from users drawn by their shares; those from the lost region fail.
    const rng = xoroshiro128plus(12);
    let failed = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) if (uniformFloat64(rng) < 0.6) failed++;
    expect(Math.abs(failed / n - lost.phases[0]!.flows.read!.errorShare)).toBeLessThan(0.02);
  });

  it('region-down: writes lost with the region, RPO x rate (tolerance 5 %)', () => {
    // Simulated: Poisson writes at 100/s, each reaching the standby 500 ms after commit; the region
    // dies at a random instant and takes the writes of the last 500 ms. Mean over 2,000 failures.
    const rng = xoroshiro128plus(13);
    const horizon = 400;
    const times: number[] = [];
    for (let t = exp(rng, 100); t < horizon; t += exp(rng, 100)) times.push(t);
    let total = 0;
    const trials = 2000;
    for (let i = 0; i < trials; i++) {
      const at = 1 + uniformFloat64(rng) * (horizon - 2);
      total += times.filter((x) => x > at - 0.5 && x <= at).length;
    }
    const expected = lost.dataLoss[0]!.writesLost!;
    expect(Math.abs(total / trials - expected) / expected).toBeLessThan(0.05);
  });

  const BULKHEAD = `
regions: [us-east]
network: {intra_region_ms: 1}
components:
  api: {kind: service, replicas: 4, threads: 100, latency_ms: {p50: 10, p99: 20}, pools: {pay: 30}}
  pay: {kind: external, latency_ms: {p50: 100, p99: 200}, timeout_ms: 500}
  db: {kind: database, capacity_rps: 5000, latency_ms: {p50: 2, p99: 4}}
flows:
  checkout: {kind: write, rate: 240, path: [api, pay]}
  browse: {kind: read, rate: 400, path: [api, db]}
`;

  /** Poisson calls at lambda holding a thread for `hold` s each, with at most `size` threads (extra calls rejected). */
  function pool(seed: number, lambda: number, hold: number, size: number, horizon: number): { meanBusy: number; rejected: number } {
    const rng = xoroshiro128plus(seed);
    const ends: number[] = [];
    let busyTime = 0;
    let calls = 0;
    let rejected = 0;
    for (let t = exp(rng, lambda); t < horizon; t += exp(rng, lambda)) {
      calls++;
      while (ends.length && ends[0]! <= t) ends.shift();
      if (ends.length >= size) {
        rejected++;
        continue;
      }
      ends.push(t + hold);
      busyTime += Math.min(hold, horizon - t);
    }
    return { meanBusy: busyTime / horizon, rejected: rejected / calls };
  }

  it("slow dependency: the pool's thread demand by Little's law (tolerance 5 %)", () => {
    // Simulated: 60 calls/s per replica each held for the 500 ms timeout, no pool limit.
    const r = runDrill(modelOf(BULKHEAD), [sc('slow:pay=5000')]);
    const demand = r.final.metrics.pools.api!.pools[0]!.demand;
    const sim = pool(21, 60, 0.5, Number.POSITIVE_INFINITY, 2000);
    expect(Math.abs(sim.meanBusy - demand) / demand).toBeLessThan(0.05);
  });

  it('slow dependency with a retry: the drill says exhausted, the simulated pool rejects a large share (> 40 %)', () => {
    // Offered 60 calls/s x 0.5 s x 2 attempts = 60 threads to a pool of 30: Erlang's loss formula gives about 51 %.
    const r = runDrill(modelOf(BULKHEAD), [sc('slow:pay=5000')], { retries: 1 });
    expect(r.final.exhausted.map((e) => e.pool)).toEqual(['pay']);
    const sim = pool(22, 120, 0.5, 30, 2000);
    expect(sim.rejected).toBeGreaterThan(0.4);
    // and without the retry the pool is just big enough: under 20 % rejected at 30 offered threads on 30
    expect(pool(23, 60, 0.5, 30, 2000).rejected).toBeLessThan(0.2);
  });

  it('surge: below the breaking point the queue stays bounded, above it grows by (lambda - c mu) per second (tolerance 15 %)', () => {
    const SPEC = `
regions: [us-east]
components:
  api: {kind: service, replicas: 2, capacity_rps: 1000, latency_ms: {p50: 10, p99: 20}}
flows:
  read: {kind: read, rate: 1000, path: [api]}
`;
    const r = runDrill(modelOf(SPEC), [sc('surge:1')]);
    const k = r.breakingPoint!.factor;
    expect(r.breakingPoint!.kind).toBe('capacity');
    const below = mmc(31, 1000 * k * 0.9, 1000, 2, 60);
    expect(below.meanQueueLate).toBeLessThan(50);
    const horizon = 60;
    const above = mmc(32, 1000 * k * 1.1, 1000, 2, horizon);
    const growth = 1000 * k * 1.1 - 2 * 1000; // per second
    expect(Math.abs(above.queueAtEnd - growth * horizon) / (growth * horizon)).toBeLessThan(0.15);
  });
});
