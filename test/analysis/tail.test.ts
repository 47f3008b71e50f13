// The tail at scale: log-normal fit through a hop's p50 and p99, and the quantiles of the slowest of
// several parallel calls. Every expected figure is worked out by hand below (z-values from a normal table).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cdfOf,
  firstReaching,
  lognormalQuantile,
  lognormalSigma,
  normalCdf,
  normalQuantile,
  perCallQuantile,
  quantileOf,
  shareHittingTail,
  slowestQuantile,
} from '../../src/analysis/tail.js';

describe('standard normal', () => {
  it('gives the table quantiles', () => {
    // normal table: z(0.5) = 0, z(0.95) = 1.644854, z(0.99) = 2.326348, z(0.999) = 3.090232
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.95)).toBeCloseTo(1.644854, 5);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 5);
    expect(normalQuantile(0.999)).toBeCloseTo(3.090232, 5);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 5);
  });

  it('CDF inverts the quantile', () => {
    // Phi(1.644854) = 0.95, Phi(0) = 0.5, Phi(-2.326348) = 0.01
    expect(normalCdf(1.644854)).toBeCloseTo(0.95, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 6);
    expect(normalCdf(-2.326348)).toBeCloseTo(0.01, 6);
  });
});

describe('log-normal fitted to p50 and p99', () => {
  it('passes through both points', () => {
    // mu = ln 20, sigma = (ln 200 - ln 20) / 2.326348 = 2.302585 / 2.326348 = 0.989785
    expect(lognormalSigma(20, 200)).toBeCloseTo(0.989785, 5);
    expect(lognormalQuantile(20, 200, 0.5)).toBeCloseTo(20, 6);
    expect(lognormalQuantile(20, 200, 0.99)).toBeCloseTo(200, 3);
  });

  it('reads a further quantile', () => {
    // p99.9 = 20 x exp(0.989785 x 3.090232) = 20 x exp(3.058665) = 20 x 21.2989 = 425.98
    expect(lognormalQuantile(20, 200, 0.999)).toBeCloseTo(425.98, 0);
  });

  it('takes equal p50 and p99 as a constant', () => {
    expect(lognormalSigma(10, 10)).toBe(0);
    expect(lognormalQuantile(10, 10, 0.9999)).toBe(10);
  });
});

describe('the slowest of N parallel calls', () => {
  it("fan-out to 100 shards with p99 200 ms pays each shard's 0.99^(1/100) quantile, not 200 ms", () => {
    // q = 0.99^(1/100) = exp(ln 0.99 / 100) = exp(-0.000100503) = 0.999899502
    expect(perCallQuantile(100)).toBeCloseTo(0.999899502, 9);
    // z(0.999899502) = 3.71776 (normal table, far tail)
    expect(normalQuantile(0.999899502)).toBeCloseTo(3.71776, 4);
    // 20 x exp(0.989785 x 3.71776) = 20 x exp(3.679783) = 20 x 39.6379 = 792.76 ms
    const p99 = quantileOf({ fixed: 0, p50: 20, p99: 200, n: 100 }, 0.99);
    expect(p99).toBeCloseTo(792.76, 0);
    expect(p99).toBeGreaterThan(3 * 200);
    // its median: q = 0.5^(1/100) = exp(-0.00693147) = 0.993092, z = 2.462038,
    // 20 x exp(0.989785 x 2.462038) = 20 x exp(2.436888) = 20 x 11.43741 = 228.75 ms
    expect(quantileOf({ fixed: 0, p50: 20, p99: 200, n: 100 }, 0.5)).toBeCloseTo(228.75, 1);
  });

  it('adds the fixed network part once', () => {
    // 0.5 ms round trip + 792.76 = 793.26
    expect(quantileOf({ fixed: 0.5, p50: 20, p99: 200, n: 100 }, 0.99)).toBeCloseTo(793.26, 0);
  });

  it('one call is its own p99', () => {
    expect(quantileOf({ fixed: 0, p50: 20, p99: 200, n: 1 }, 0.99)).toBeCloseTo(200, 3);
  });

  it('two different branches: the t where the product of their CDFs is 0.99', () => {
    // Two identical branches p50 30 / p99 90 are the same as a fan-out of 2:
    // q = sqrt(0.99) = 0.994987, z = 2.574961, sigma = ln 3 / 2.326348 = 0.472248,
    // 30 x exp(0.472248 x 2.574961) = 30 x exp(1.216019) = 30 x 3.37372 = 101.21 ms
    const b = { fixed: 0, p50: 30, p99: 90, n: 1 };
    expect(slowestQuantile([b, b], 0.99)).toBeCloseTo(101.21, 1);
    // A constant 150 ms branch beside it: F(150) for the 30/90 branch = Phi(ln 5 / 0.472248) = Phi(3.40806) = 0.999673, so P(both by 150) =
    // 0.999673 >= 0.99 and the group's p99 is the constant's 150 ms.
    expect(slowestQuantile([b, { fixed: 150, p50: 0, p99: 0, n: 1 }], 0.99)).toBeCloseTo(150, 6);
  });

  it('a branch with a cache in it is the mixture of its paths: the group waits for the hit or the miss, not both', () => {
    // Branch A: a cache (p50 1 / p99 3 ms) answering 90 %, the 10 % of misses going on to a store (together p50 6 / p99
    // 16 ms); branch B a constant 2 ms. From 2 ms on B is done, so the group's p99 is where A's mixture reaches 0.99:
    // 0.9 x Phi(ln t / 0.472248) + 0.1 x Phi(ln(t / 6) / 0.421622) = 0.99 (sigma = ln 3 / 2.326348 and ln(16 / 6) / 2.326348).
    // Near 10 ms the hit path is done (Phi(4.9) = 1 - 5e-7), so the miss path must be at its 0.9 quantile:
    // z = 1.281552, t = 6 x exp(1.281552 x 0.421622) = 6 x exp(0.540331) = 6 x 1.716570 = 10.30 ms. Summed as one
    // path (p50 1 + 6, p99 3 + 16) the branch alone would have been 19 ms.
    const a = {
      parts: [
        { weight: 0.9, dist: { fixed: 0, p50: 1, p99: 3, n: 1 } },
        { weight: 0.1, dist: { fixed: 0, p50: 6, p99: 16, n: 1 } },
      ],
    };
    expect(slowestQuantile([a, { fixed: 2, p50: 0, p99: 0, n: 1 }], 0.99)).toBeCloseTo(10.3, 1);
    // p50: B's 2 ms is a step; A by 2 ms is 0.9 x Phi(ln 2 / 0.472248) + 0.1 x Phi(ln(1/3) / 0.421622)
    // = 0.9 x Phi(1.46777) + 0.1 x Phi(-2.60568) = 0.9 x 0.928920 + 0.1 x 0.004585 = 0.836486 >= 0.5: the group's p50 is 2 ms.
    expect(slowestQuantile([a, { fixed: 2, p50: 0, p99: 0, n: 1 }], 0.5)).toBeCloseTo(2, 6);
  });

  it('63% of requests to 100 shards meet a straggler (Dean and Barroso)', () => {
    // 1 - 0.99^100 = 1 - 0.366032 = 0.633968
    expect(shareHittingTail(100)).toBeCloseTo(0.633968, 6);
  });
});

describe('firstReaching: where a CDF first reaches a level', () => {
  /** The reference: plain bisection to the same tolerance, returning the end that reaches the target. */
  const bisect = (cdf: (t: number) => number, target: number, lo: number, hi: number): number => {
    for (let i = 0; i < 200 && hi - lo > 1e-9 * Math.max(1, hi); i++) {
      const mid = (lo + hi) / 2;
      if (cdf(mid) >= target) hi = mid;
      else lo = mid;
    }
    return hi;
  };

  it('solves a log-normal for its own quantile', () => {
    // F(t) = 0.99 at the fitted p99, t = 200 ms; searched between 1 and 1000 ms.
    const d = { fixed: 0, p50: 20, p99: 200, n: 1 };
    expect(firstReaching((t) => cdfOf(d, t), 0.99, 1, 1000, 200)).toBeCloseTo(200, 3);
  });

  it('lands on a step of the CDF, the earliest t past it', () => {
    // Half the requests take exactly 30 ms (nothing variable), half are log-normal around 100 ms: the mixture's
    // p50 is where the step at 30 ms lifts it to 0.5 plus the log-normal's tiny share below 30 ms, i.e. at 30.
    const slow = { fixed: 0, p50: 100, p99: 400, n: 1 };
    const cdf = (t: number) => 0.5 * (t >= 30 ? 1 : 0) + 0.5 * cdfOf(slow, t);
    const t = firstReaching(cdf, 0.5, 1, 1000, 200);
    expect(t).toBeGreaterThanOrEqual(30);
    expect(t).toBeLessThanOrEqual(30 * (1 + 1e-8));
  });

  it('agrees with bisection to 1e-9 on random mixtures, in at most 18 more evaluations', () => {
    const part = fc.record({
      fixed: fc.double({ min: 0, max: 200, noNaN: true }),
      p50: fc.double({ min: 0.01, max: 50, noNaN: true }),
      spread: fc.double({ min: 0, max: 500, noNaN: true }),
      n: fc.integer({ min: 1, max: 20 }),
      weight: fc.double({ min: 0.01, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(fc.array(part, { minLength: 2, maxLength: 5 }), fc.constantFrom(0.5, 0.99), (parts, q) => {
        const dists = parts.map((p) => ({ fixed: p.fixed, p50: p.p50, p99: p.p50 + p.spread, n: p.n }));
        const total = parts.reduce((a, p) => a + p.weight, 0);
        const cdf = (t: number) => parts.reduce((a, p, k) => a + p.weight * cdfOf(dists[k]!, t), 0);
        const lo = Math.min(...dists.map((d) => quantileOf(d, q)));
        // Past every part's own q-quantile (1 ms past: a step's own quantile can fall a rounding short of its step).
        const hi = Math.max(...dists.map((d) => quantileOf(d, q))) + 1;
        let theirs = 0;
        let ours = 0;
        const want = bisect((t) => (theirs++, cdf(t)), q * total, lo, hi);
        const got = firstReaching((t) => (ours++, cdf(t)), q * total, lo, hi, 200);
        // Its two ends, then at most 16 false-position steps before it bisects.
        expect(ours).toBeLessThanOrEqual(theirs + 18);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(2e-9 * Math.max(1, want));
        expect(cdf(got)).toBeGreaterThanOrEqual(q * total);
      }),
      { seed: 20261202, numRuns: 2000 },
    );
  });

  it('takes fewer evaluations than bisection on a read through a cache', () => {
    // 95 % hit a cache 1 ms away (p50 1, p99 4 beyond it), 5 % miss to a store across a 70 ms round trip
    // (p50 10, p99 80 beyond it). The p99 lies in the miss path: 0.99 = 0.95 + 0.05 F_miss(t), F_miss = 0.8.
    const hit = { fixed: 1, p50: 1, p99: 4, n: 1 };
    const miss = { fixed: 71, p50: 10, p99: 80, n: 1 };
    const cdf = (t: number) => 0.95 * cdfOf(hit, t) + 0.05 * cdfOf(miss, t);
    let theirs = 0;
    let ours = 0;
    const want = bisect((t) => (theirs++, cdf(t)), 0.99, quantileOf(hit, 0.99), quantileOf(miss, 0.99));
    const got = firstReaching((t) => (ours++, cdf(t)), 0.99, quantileOf(hit, 0.99), quantileOf(miss, 0.99), 200);
    // The miss path's 0.8 quantile: 71 + exp(ln 10 + sigma z(0.8)), sigma = ln 8 / 2.326348 = 0.893872, z(0.8) = 0.841621.
    expect(got).toBeCloseTo(71 + 10 * Math.exp(0.893872 * 0.841621), 2);
    expect(Math.abs(got - want)).toBeLessThanOrEqual(2e-9 * want);
    expect(ours).toBeLessThan(theirs);
  });
});
