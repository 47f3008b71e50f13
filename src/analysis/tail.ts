// The tail at scale (Dean & Barroso, CACM 2013): a request that waits for several calls made in parallel
// waits for the slowest of them, so its p99 is further out in each call's tail than the call's own p99.
//
// A spec gives each hop two points of its latency distribution, p50 and p99. To read other quantiles
// we fit a log-normal distribution through those two points (latency is positive and right-skewed):
//   mu = ln p50,  sigma = (ln p99 - ln p50) / z(0.99),  quantile(q) = exp(mu + sigma * z(q))
// where z is the standard normal quantile (z(0.99) = 2.326, src/data/figures.ts NORMAL_Z).
// N identical independent calls all finish by t with probability F(t)^N, so the q-quantile of the slowest
// is the single call's q^(1/N) quantile; for different branches we solve prod F_i(t) = q.
// Pure functions; the fit is a model (docs/spec.md, "Model notes"), not a measurement.
import { NORMAL_Z } from '../data/figures.js';

// Acklam's coefficients, made once (not per call: the quantile is asked for at every hop of every flow).
const ACKLAM_A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239,
];
const ACKLAM_B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const ACKLAM_C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783,
];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * Standard normal quantile z(p), p in (0, 1): P. J. Acklam's rational approximation of the inverse
 * normal CDF (relative error below 1.15e-9).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return p <= 0 ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const a = ACKLAM_A;
  const b = ACKLAM_B;
  const c = ACKLAM_C;
  const d = ACKLAM_D;
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - low) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  return x;
}

/** Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2, erfc by the Chebyshev fit of Press et al., Numerical Recipes in C (2nd ed.), section 6.2, erfcc (fractional error below 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/**
 * A latency distribution known by its p50 and p99: a fixed part (network round trips, replication waits,
 * which do not vary) plus a log-normal part fitted to p50 and p99 of the rest; `n` identical copies in
 * parallel, of which the request waits for the slowest.
 */
export interface TailDist {
  fixed: number;
  p50: number;
  p99: number;
  n: number;
}

/** sigma of the log-normal through (p50, p99); 0 when the two are equal (a constant). */
export function lognormalSigma(p50: number, p99: number): number {
  return p50 > 0 && p99 > p50 ? (Math.log(p99) - Math.log(p50)) / NORMAL_Z.p99 : 0;
}

/** The mean of the log-normal through (p50, p99): p50 x exp(sigma^2 / 2); a constant's is itself. */
export function lognormalMean(p50: number, p99: number): number {
  if (p50 <= 0) return p99;
  const sigma = lognormalSigma(p50, p99);
  return p50 * Math.exp((sigma * sigma) / 2);
}

/**
 * The q-quantile of the log-normal through (p50, p99). With no median to fit (p50 = 0) the part is taken
 * as constant at its p99, a stated simplification.
 */
export function lognormalQuantile(p50: number, p99: number, q: number): number {
  if (p50 <= 0) return p99;
  const sigma = lognormalSigma(p50, p99);
  if (sigma === 0) return p50;
  return Math.exp(Math.log(p50) + sigma * normalQuantile(q));
}

export function lognormalCdf(p50: number, p99: number, t: number): number {
  const m = p50 > 0 ? p50 : p99;
  if (t <= 0) return m <= 0 ? 1 : 0;
  const sigma = lognormalSigma(p50, p99);
  if (sigma === 0) return t >= m ? 1 : 0;
  return normalCdf((Math.log(t) - Math.log(m)) / sigma);
}

/** The q-quantile of the slowest of d.n identical calls: the single call's q^(1/n) quantile. */
export function quantileOf(d: TailDist, q: number): number {
  return d.fixed + lognormalQuantile(d.p50, d.p99, d.n > 1 ? q ** (1 / d.n) : q);
}

/** P(the slowest of d.n calls finishes by t) = F(t - fixed)^n. */
export function cdfOf(d: TailDist, t: number): number {
  return lognormalCdf(d.p50, d.p99, t - d.fixed) ** d.n;
}

/** A TailDist with its fit's logarithms taken once, for bisections that evaluate its CDF many times. */
interface FittedDist {
  fixed: number;
  n: number;
  /** The median the CDF is centred on (p50, else p99: lognormalCdf). */
  m: number;
  sigma: number;
  logM: number;
}

function fitted(d: TailDist): FittedDist {
  const m = d.p50 > 0 ? d.p50 : d.p99;
  const sigma = lognormalSigma(d.p50, d.p99);
  return { fixed: d.fixed, n: d.n, m, sigma, logM: sigma === 0 ? 0 : Math.log(m) };
}

/** cdfOf(d, t), the same arithmetic step for step, from the fit made once. */
function fittedCdf(f: FittedDist, t: number): number {
  const x = t - f.fixed;
  let F: number;
  if (x <= 0) F = f.m <= 0 ? 1 : 0;
  else if (f.sigma === 0) F = x >= f.m ? 1 : 0;
  else F = normalCdf((Math.log(x) - f.logM) / f.sigma);
  // F ** 1 is F, bit for bit: one allocated double fewer per step in the interpreter.
  return f.n === 1 ? F : F ** f.n;
}

/**
 * A branch of a parallel group: one distribution, or a mixture of the paths its requests take (a cache inside the
 * branch answers some of them before the rest of it: feed-cache then posts-db, 90 % of reads ending at the cache).
 */
export type BranchDist = TailDist | { parts: readonly MixturePart[] };

const isMixture = (b: BranchDist): b is { parts: readonly MixturePart[] } => 'parts' in b;

/** A branch's own q-quantile. */
export function branchQuantile(b: BranchDist, q: number): number {
  return isMixture(b) ? mixtureQuantile(b.parts, q) : quantileOf(b, q);
}

/** A branch's CDF, its fit made once: the weighted sum of its paths' CDFs (a part with nothing variable is a step). */
function branchCdf(b: BranchDist): (t: number) => number {
  if (!isMixture(b)) {
    const f = fitted(b);
    return (t) => fittedCdf(f, t);
  }
  let total = 0;
  for (const p of b.parts) total += p.weight;
  const parts = b.parts.map((p) => ({ w: p.weight / total, cdf: partCdf(p.dist) }));
  return (t) => {
    let a = 0;
    for (const p of parts) a += p.w * p.cdf(t);
    return a;
  };
}

/** One path of a mixture as a CDF, its fit made once: a part with nothing variable (p50 = p99 = 0) is a step at its fixed time. */
function partCdf(d: TailDist): (t: number) => number {
  if (d.p50 <= 0 && d.p99 <= 0) return (t) => (t >= d.fixed ? 1 : 0);
  const f = fitted(d);
  return (t) => fittedCdf(f, t);
}

/**
 * The q-quantile of the slowest of several independent branches: the t where prod F_i(t) = q, found by firstReaching
 * between the slowest branch's own q-quantile (a lower bound) and the slowest q^(1/k)-quantile (an upper bound).
 */
export function slowestQuantile(branches: readonly BranchDist[], q: number): number {
  if (!branches.length) return 0;
  if (branches.length === 1) return branchQuantile(branches[0]!, q);
  const lo = Math.max(...branches.map((b) => branchQuantile(b, q)));
  const hi = Math.max(...branches.map((b) => branchQuantile(b, q ** (1 / branches.length))));
  if (branches.some(isMixture)) {
    const cdfs = branches.map(branchCdf);
    return firstReaching((t) => cdfs.reduce((p, F) => p * F(t), 1), q, lo, hi, 200);
  }
  const fits = (branches as readonly TailDist[]).map(fitted);
  const cdf = (t: number): number => {
    let p = 1;
    for (let k = 0; k < fits.length; k++) p = p * fittedCdf(fits[k]!, t);
    return p;
  };
  return firstReaching(cdf, q, lo, hi, 100);
}

/** False-position steps firstReaching takes before it falls back to bisection. */
const FALSE_POSITION_STEPS = 16;

/**
 * The t in [lo, hi] where a non-decreasing `cdf` first reaches `target`, to a relative 1e-9 (absolute below
 * 1 ms): the upper end of the last bracket, where cdf(t) >= target whenever [lo, hi] held the crossing (else hi,
 * as bisection would). Bisection takes ~30 evaluations to get there; false position with the Illinois rule (when
 * the same end moves twice running, the other end's value is halved) took 61% fewer over the shipped specs'
 * latencies. A CDF with a step in it (a part with nothing variable) can hold false position to one side, so
 * after FALSE_POSITION_STEPS it bisects: at most FALSE_POSITION_STEPS + 2 evaluations more than bisection.
 */
export function firstReaching(cdf: (t: number) => number, target: number, lo: number, hi: number, maxSteps: number): number {
  if (hi - lo <= 1e-9 * Math.max(1, hi)) return hi;
  let fLo = cdf(lo) - target;
  let fHi = cdf(hi) - target;
  let side = 0; // which end moved last: -1 lo, 1 hi
  for (let i = 0; i < maxSteps && hi - lo > 1e-9 * Math.max(1, hi); i++) {
    let mid = i < FALSE_POSITION_STEPS && fHi > fLo ? hi - (fHi * (hi - lo)) / (fHi - fLo) : (lo + hi) / 2;
    if (!(mid > lo && mid < hi)) mid = (lo + hi) / 2;
    const f = cdf(mid) - target;
    if (f >= 0) {
      hi = mid;
      fHi = f;
      if (side === 1) fLo /= 2;
      side = 1;
    } else {
      lo = mid;
      fLo = f;
      if (side === -1) fHi /= 2;
      side = -1;
    }
  }
  return hi;
}

/** The quantile of one call that the slowest of n identical calls reaches at the request's p99: 0.99^(1/n). */
export function perCallQuantile(n: number): number {
  return 0.99 ** (1 / n);
}

/** Share of requests that meet at least one of n calls slower than its own p99: 1 - 0.99^n. */
export function shareHittingTail(n: number): number {
  return 1 - 0.99 ** n;
}

// Timeouts below a dependency's healthy tail (bulkhead/timeouts, availability): the share of healthy
// calls a timeout cuts off, read from the same fitted log-normal.

/** The standard normal quantile at 0.99 (the figure the fit uses). */
export const Z_99 = NORMAL_Z.p99;

export interface LogNormalFit {
  /** ln of the median, ms. */
  mu: number;
  /** Spread of ln(latency). */
  sigma: number;
}

/** Fits ln(latency) ~ N(mu, sigma) to a p50 and a p99; undefined when they cannot be fitted (p50 <= 0 or p99 <= p50). */
export function fitLogNormal(p50: number, p99: number): LogNormalFit | undefined {
  if (!(p50 > 0) || !(p99 > p50)) return undefined;
  return { mu: Math.log(p50), sigma: lognormalSigma(p50, p99) };
}

/** P(Z > z) for a standard normal Z. */
export function normalTail(z: number): number {
  return 1 - normalCdf(z);
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

// Cache hit and miss paths: a read through caches ends at the first cache that hits, so its latency is a
// MIXTURE of the paths' distributions, each path weighted by the share of requests that take it. The
// mixture's CDF is sum w_i F_i(t); its q-quantile is where that sum reaches q. With a 95 % hit ratio the
// mixture's p99 lies in the miss path, at the miss path's own 1 - 0.01 / 0.05 = 0.8 quantile (when the hit
// path is all faster); at 99.5 % it lies inside the hit path.

/** One path of a mixture: the share of requests that take it and its distribution. */
export interface MixturePart {
  weight: number;
  dist: TailDist;
}

/**
 * The q-quantile of a mixture of paths, found by firstReaching: it lies between the smallest and the largest of the
 * parts' own q-quantiles (where every F_i is at most, and at least, q). A part with an unbounded latency
 * (a queue that never drains) never finishes: it adds nothing to the CDF, so the quantile is unbounded
 * when those parts carry more than 1 - q of the requests.
 */
export function mixtureQuantile(parts: readonly MixturePart[], q: number): number {
  // One pass over the parts (no filtered copies): the live ones (weight > 0) and, among them, the finite ones.
  let liveCount = 0;
  let total = 0;
  let reach = 0;
  const finite: TailDist[] = [];
  const weights: number[] = [];
  for (const p of parts) {
    if (!(p.weight > 0)) continue;
    liveCount++;
    total = total + p.weight;
    const d = p.dist;
    if (Number.isFinite(d.fixed + d.p50 + d.p99)) {
      finite.push(d);
      weights.push(p.weight);
      reach = reach + p.weight;
    }
  }
  if (!finite.length || total <= 0) return liveCount ? Number.POSITIVE_INFINITY : 0;
  const target = q * total;
  if (reach < target - 1e-12) return Number.POSITIVE_INFINITY;
  if (finite.length === 1 && reach === total) return quantileOf(finite[0]!, q);
  // Every finite part at or beyond its (target / reach)-quantile puts the sum at or above the target.
  const top = Math.min(target / reach, 1 - 1e-12);
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const n = finite.length;
  const cdfs = new Array<(t: number) => number>(n);
  for (let k = 0; k < n; k++) {
    const d = finite[k]!;
    lo = Math.min(lo, quantileOf(d, q));
    hi = Math.max(hi, quantileOf(d, top));
    cdfs[k] = partCdf(d);
  }
  if (lo > hi) lo = hi;
  const cdf = (t: number): number => {
    let a = 0;
    for (let k = 0; k < n; k++) a = a + weights[k]! * cdfs[k]!(t);
    return a;
  };
  return firstReaching(cdf, target, lo, hi, 200);
}
