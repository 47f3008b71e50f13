// The Erlang C waits of src/analysis/queueing.ts against a seeded discrete-event simulation of an M/M/c
// FIFO queue (pure-rand, fixed seeds: the same numbers on every run, so the test cannot flake).
//
// The simulation: Poisson arrivals at lambda (exponential gaps), exponential service at mu per server,
// c servers, first come first served. With FIFO, customer n starts at max(arrival, the earliest time a
// server is free), so its wait is that minus its arrival; no event queue is needed.
//
// Cases: c in {1, 2, 8, 32} x rho in {0.5, 0.8, 0.95}. Tolerances (stated here, not in the product):
//   mean wait and p99 wait within 8 % of the model at rho <= 0.8, 20 % at rho = 0.95 (near saturation
//   the waits are strongly correlated from one customer to the next, the queue's relaxation time growing
//   like 1 / (1 - sqrt(rho))^2, so the same number of customers carries far less information), or within 0.01 mean service times where the wait is that small (32 servers
//   at 50 %: hardly anyone waits, and a relative error of a near-zero mean is noise); P(wait > 0) within
//   0.02 (absolute). Where the model's p99 wait is 0 (C <= 1 %), the simulated one must be below 0.05 mean
//   service times.
// Samples: 300,000 customers after a 20,000 warm-up (700,000 at rho = 0.95).
//
// Then wait + processing: 200,000 independent requests, each drawing its wait from the M/M/c law the first
// part verified (no wait with probability 1 - C, else exponential with rate c mu - lambda: independent draws,
// free of the slow convergence of a simulated queue near saturation) and a processing time from the
// log-normal through the hop's p50/p99 (independent of the wait, as the model assumes); the model's hop p50/p99
// (analysis/queueing.ts hopQuantile: processing quantile + wait quantile, at least the mean wait) must be
// at or above the simulated quantiles of wait + processing (less 2 % for sampling noise: conservative), and
// not uselessly pessimistic: the p99 at most 50 % above the simulated one (adding two comparable p99s, as the
// flow adds its hops', overshoots by up to about 40 %: both parts are rarely at their p99 at once); the p50 at most one mean wait above
// it (the model adds the mean wait to the processing median, exact to first order when the wait is small
// next to the processing time's spread, pessimistic by up to the mean wait when the wait dominates).
import { describe, expect, it } from 'vitest';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { hopQuantile, queueWait } from '../../src/analysis/queueing.js';
import { lognormalQuantile } from '../../src/analysis/tail.js';

type Rng = ReturnType<typeof xoroshiro128plus>;

/** Uniform in (0, 1) from one 32-bit draw. */
function uniform(rng: Rng): number {
  return (rng.next() + 2147483648 + 0.5) / 4294967296;
}

function exponential(rng: Rng, rate: number): number {
  return -Math.log(uniform(rng)) / rate;
}

function standardNormal(rng: Rng): number {
  // Box-Muller, one of the pair.
  return Math.sqrt(-2 * Math.log(uniform(rng))) * Math.cos(2 * Math.PI * uniform(rng));
}

/** Waits (seconds) of `n` customers of an M/M/c FIFO queue after `warmup` customers. */
function simulateWaits(seed: number, c: number, mu: number, lambda: number, n: number, warmup: number): Float64Array {
  const rng = xoroshiro128plus(seed);
  const free = new Float64Array(c); // when each server is next free
  const waits = new Float64Array(n);
  let t = 0;
  for (let k = 0; k < n + warmup; k++) {
    t += exponential(rng, lambda);
    let s = 0;
    for (let j = 1; j < c; j++) if (free[j]! < free[s]!) s = j;
    const start = Math.max(t, free[s]!);
    free[s] = start + exponential(rng, mu);
    if (k >= warmup) waits[k - warmup] = start - t;
  }
  return waits;
}

function quantile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const MU = 100; // requests/s per server: mean service 10 ms
const CASES = [1, 2, 8, 32].flatMap((c) => [0.5, 0.8, 0.95].map((rho) => ({ c, rho })));

describe('Erlang C against a seeded M/M/c simulation', () => {
  for (const [i, { c, rho }] of CASES.entries()) {
    it(`c = ${c}, rho = ${rho}: mean wait, P(wait > 0), p99 wait`, () => {
      const near = rho >= 0.95;
      const n = near ? 700_000 : 300_000;
      const waits = simulateWaits(1000 + i, c, MU, rho * c * MU, n, 20_000);
      const model = queueWait(c, MU, rho);
      let sum = 0;
      let waited = 0;
      for (const w of waits) {
        sum += w;
        if (w > 0) waited++;
      }
      const meanMs = (sum / n) * 1000;
      const probWait = waited / n;
      const sorted = waits.slice().sort();
      const p99Ms = quantile(sorted, 0.99) * 1000;
      const tol = near ? 0.2 : 0.08;
      const floorMs = 0.01 * (1000 / MU);
      expect(Math.abs(probWait - model.probWait)).toBeLessThanOrEqual(0.02);
      expect(Math.abs(meanMs - model.meanMs), `mean: simulated ${meanMs} ms, model ${model.meanMs} ms`).toBeLessThanOrEqual(
        Math.max(tol * model.meanMs, floorMs),
      );
      if (model.p99Ms === 0) expect(p99Ms).toBeLessThan(0.05 * (1000 / MU));
      else
        expect(Math.abs(p99Ms - model.p99Ms), `p99: simulated ${p99Ms} ms, model ${model.p99Ms} ms`).toBeLessThanOrEqual(
          Math.max(tol * model.p99Ms, floorMs),
        );
    });
  }
});

describe('wait + processing: the model is conservative against simulation', () => {
  // Processing p50/p99 against the wait's scale (mean service 10 ms): short, comparable and long processing.
  const hops = [
    { c: 1, rho: 0.8, p50: 2, p99: 6 },
    { c: 2, rho: 0.5, p50: 5, p99: 20 },
    { c: 2, rho: 0.95, p50: 20, p99: 60 },
    { c: 8, rho: 0.8, p50: 10, p99: 30 },
    { c: 8, rho: 0.5, p50: 10, p99: 40 },
    { c: 32, rho: 0.95, p50: 1, p99: 3 },
  ];
  for (const [i, h] of hops.entries()) {
    it(`c = ${h.c}, rho = ${h.rho}, processing p50 ${h.p50} / p99 ${h.p99} ms`, () => {
      const n = 200_000;
      const w = queueWait(h.c, MU, h.rho);
      const rng = xoroshiro128plus(3000 + i);
      const sigma = Math.log(h.p99 / h.p50) / 2.326348;
      const totals = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const wait = uniform(rng) < w.probWait ? exponential(rng, w.decayPerS) * 1000 : 0;
        totals[k] = wait + h.p50 * Math.exp(sigma * standardNormal(rng));
      }
      totals.sort();
      for (const [q, processingQ] of [
        [0.5, h.p50],
        [0.99, h.p99],
      ] as const) {
        const simulated = quantile(totals, q);
        const model = hopQuantile(w, processingQ, q);
        expect(model, `q = ${q}: model ${model.toFixed(2)} ms, simulated ${simulated.toFixed(2)} ms`).toBeGreaterThanOrEqual(
          simulated * 0.98,
        );
        const ceiling = q === 0.5 ? (simulated + w.meanMs) * 1.02 : simulated * 1.5;
        expect(model, `q = ${q}: model ${model.toFixed(2)} ms, simulated ${simulated.toFixed(2)} ms`).toBeLessThanOrEqual(ceiling);
      }
      // The processing's own quantiles are what the fit says (the simulation draws from the same log-normal).
      expect(lognormalQuantile(h.p50, h.p99, 0.5)).toBeCloseTo(h.p50, 9);
    });
  }
});
