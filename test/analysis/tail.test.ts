// The tail at scale: log-normal fit through a hop's p50 and p99, and the quantiles of the slowest of
// several parallel calls. Every expected figure is worked out by hand below (z-values from a normal table).
import { describe, expect, it } from 'vitest';
import {
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

  it('63% of requests to 100 shards meet a straggler (Dean and Barroso)', () => {
    // 1 - 0.99^100 = 1 - 0.366032 = 0.633968
    expect(shareHittingTail(100)).toBeCloseTo(0.633968, 6);
  });
});
