// Latency tails from two quantiles: a log-normal distribution fitted to a component's p50 and p99,
// used to estimate the share of healthy calls that run past a timeout.
//
// Why log-normal: service latencies are positive and right-skewed, and a log-normal is fixed by two
// quantiles (median = e^mu, p99 = e^(mu + z99 * sigma)), which is all a spec states. It is an estimate:
// real tails are often heavier, so the share it gives is a floor rather than a bound.

/** The standard normal quantile at 0.99 (a mathematical constant, not a sourced figure). */
export const Z_99 = 2.3263478740408408;

export interface LogNormalFit {
  /** ln of the median, ms. */
  mu: number;
  /** Spread of ln(latency). */
  sigma: number;
}

/** Fits ln(latency) ~ N(mu, sigma) to a p50 and a p99; undefined when they cannot be fitted (p50 <= 0 or p99 <= p50). */
export function fitLogNormal(p50: number, p99: number): LogNormalFit | undefined {
  if (!(p50 > 0) || !(p99 > p50)) return undefined;
  return { mu: Math.log(p50), sigma: (Math.log(p99) - Math.log(p50)) / Z_99 };
}

/** Complementary error function, Numerical Recipes' erfcc (fractional error below 1.2e-7 everywhere). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** P(Z > z) for a standard normal Z. */
export function normalTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * Share of calls slower than `timeoutMs`, for a dependency whose healthy latency has this p50 and p99:
 * P(latency > t) under the fitted log-normal. Without a fit (p50 <= 0, or p99 <= p50) the latency is
 * taken as a step at the p99: every call is cut off by a timeout below the p99, none by one at or above it.
 */
export function shareSlowerThan(p50: number, p99: number, timeoutMs: number): number {
  if (timeoutMs <= 0) return 1;
  const fit = fitLogNormal(p50, p99);
  if (!fit) return timeoutMs < p99 ? 1 : 0;
  return normalTail((Math.log(timeoutMs) - fit.mu) / fit.sigma);
}
