// The log-normal tail estimate, against figures computed by hand.
import { describe, expect, it } from 'vitest';
import { fitLogNormal, normalTail, shareSlowerThan, Z_99 } from '../../src/analysis/tail.js';

describe('normalTail', () => {
  it('matches the standard normal table', () => {
    expect(normalTail(0)).toBeCloseTo(0.5, 7);
    // Phi(1.96) = 0.975; Phi(2.32635) = 0.99
    expect(normalTail(1.96)).toBeCloseTo(0.025, 5);
    expect(normalTail(Z_99)).toBeCloseTo(0.01, 6);
    expect(normalTail(-1.96)).toBeCloseTo(0.975, 5);
  });
});

describe('shareSlowerThan', () => {
  it('fits the p50 and p99 it was given', () => {
    // median e^mu = 80; e^(mu + z99 sigma) = 200
    const fit = fitLogNormal(80, 200)!;
    expect(Math.exp(fit.mu)).toBeCloseTo(80, 9);
    expect(Math.exp(fit.mu + Z_99 * fit.sigma)).toBeCloseTo(200, 9);
    expect(shareSlowerThan(80, 200, 80)).toBeCloseTo(0.5, 6);
    expect(shareSlowerThan(80, 200, 200)).toBeCloseTo(0.01, 6);
  });
  it('a 150 ms timeout on an 80/200 ms dependency cuts off about 5.5 % of healthy calls', () => {
    // sigma = ln(200/80) / 2.32635 = 0.39388; z = ln(150/80) / 0.39388 = 1.5960; P(Z > 1.5960) = 0.05525
    expect(shareSlowerThan(80, 200, 150)).toBeCloseTo(0.05525, 4);
  });
  it('a timeout well above the p99 cuts off almost nothing', () => {
    // z = ln(800/80) / 0.39388 = 2.30259 / 0.39388 = 5.846; P(Z > 5.846) = 2.5e-9
    expect(shareSlowerThan(80, 200, 800)).toBeLessThan(1e-8);
  });
  it('without a fit (p99 = p50, or p50 = 0) the latency is a step at the p99', () => {
    expect(fitLogNormal(0, 10)).toBeUndefined();
    expect(shareSlowerThan(10, 10, 9)).toBe(1);
    expect(shareSlowerThan(10, 10, 10)).toBe(0);
    expect(shareSlowerThan(0, 6, 5)).toBe(1);
  });
});
