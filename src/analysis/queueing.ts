// Queueing in front of a component's replicas: the M/M/c model (Erlang C).
//
// c identical servers (the replicas serving in one region), each serving mu requests/s (its capacity), fed
// by Poisson arrivals at lambda requests/s, FIFO, in steady state. With offered load a = lambda / mu (Erlangs)
// and utilization rho = a / c < 1:
//   Erlang B by its recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1))   (no factorials: stable for any c)
//   Erlang C = P(a request waits) = B / (1 - rho (1 - B))
//   the wait W: P(W > t) = C e^(-theta t), theta = c mu - lambda; mean Wq = C / theta;
//   its p-quantile: 0 when C <= 1 - p, else ln(C / (1 - p)) / theta.
// At rho >= 1 the queue grows without bound: every wait is +Infinity (reported as "unbounded").
//
// A hop's time is its wait W plus its processing time S (given by its p50/p99), two independent parts. Their
// quantile is taken as the sum of the parts' quantiles, S_q + W_q (the way the flow already adds its hops'
// p50s and p99s), with the mean wait as a floor: when fewer than 1 - q of the requests wait, W_q is 0 but the
// wait still shifts S's quantile, by about the mean wait to first order (Q_{S+W}(q) ~ Q_S(q) + E[W] for a
// small independent W). So p50 = S_50 + mean wait (the median wait is never above the mean), and
// p99 = S_99 + max(W_99, mean wait). A model, not a bound: tested to be at or above the simulated quantiles
// of W + S (M/M/c waits, log-normal processing) within the tolerance the test states.
// Checked against a seeded M/M/c simulation in test/analysis/queueing-sim.test.ts.
// Pure functions; the model and what it leaves out are in docs/spec.md, "Queueing".

/** Erlang B blocking probability for c servers at offered load a Erlangs, by the stable recursion. */
export function erlangB(c: number, a: number): number {
  if (!(a > 0)) return 0;
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: the probability that an arrival waits, for c servers at offered load a = lambda / mu (1 when a >= c). */
export function erlangC(c: number, a: number): number {
  if (!(a > 0)) return 0;
  if (a >= c) return 1;
  const b = erlangB(c, a);
  const rho = a / c;
  return b / (1 - rho * (1 - b));
}

/** The wait in front of a component's replicas in one region (M/M/c). Times in ms; +Infinity when unbounded. */
export interface QueueWait {
  /** c: replicas serving in that region. */
  servers: number;
  /** mu: requests/s one replica serves (its capacity). */
  serviceRate: number;
  /** lambda: requests/s arriving there, as one replica's capacity counts them (utilization x c x mu). */
  arrivalRate: number;
  /** rho = lambda / (c mu): the component's utilization there (analysis/capacity.ts). */
  utilization: number;
  /** Erlang C: the share of requests that wait at all (1 when unbounded). */
  probWait: number;
  /** theta = c mu - lambda, per second: the rate at which the wait's tail decays (0 when unbounded). */
  decayPerS: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

/** The wait at this utilization, for c servers of mu requests/s each. */
export function queueWait(servers: number, serviceRate: number, utilization: number): QueueWait {
  const c = Math.max(1, Math.round(servers));
  const rho = utilization;
  const arrivalRate = rho > 0 ? rho * c * serviceRate : 0;
  if (!(serviceRate > 0) || !(rho < 1)) {
    const inf = Number.POSITIVE_INFINITY;
    return { servers: c, serviceRate, arrivalRate, utilization: rho, probWait: 1, decayPerS: 0, meanMs: inf, p50Ms: inf, p99Ms: inf };
  }
  const probWait = erlangC(c, rho * c);
  const decayPerS = c * serviceRate - arrivalRate;
  const w: QueueWait = {
    servers: c,
    serviceRate,
    arrivalRate,
    utilization: rho,
    probWait,
    decayPerS,
    meanMs: (1000 * probWait) / decayPerS,
    p50Ms: 0,
    p99Ms: 0,
  };
  w.p50Ms = waitQuantileMs(w, 0.5);
  w.p99Ms = waitQuantileMs(w, 0.99);
  return w;
}

/** Whether the queue grows without bound (utilization at or above 100 %). */
export function unbounded(w: Pick<QueueWait, 'meanMs'>): boolean {
  return !Number.isFinite(w.meanMs);
}

/** P(W > t): C e^(-theta t), t in ms. */
export function waitExceeds(w: Pick<QueueWait, 'probWait' | 'decayPerS' | 'meanMs'>, tMs: number): number {
  if (unbounded(w)) return 1;
  if (tMs < 0) return 1;
  return w.probWait * Math.exp((-w.decayPerS * tMs) / 1000);
}

/** The p-quantile of the wait, ms: 0 when at least a share p does not wait, else ln(C / (1 - p)) / theta. */
export function waitQuantileMs(w: Pick<QueueWait, 'probWait' | 'decayPerS' | 'meanMs'>, p: number): number {
  return waitTailMs(w, 1 - p);
}

/** The wait that a share `tail` of requests exceeds, ms: the (1 - tail)-quantile, without rounding 1 - tail. */
export function waitTailMs(w: Pick<QueueWait, 'probWait' | 'decayPerS' | 'meanMs'>, tail: number): number {
  if (unbounded(w)) return Number.POSITIVE_INFINITY;
  if (!(tail > 0)) return Number.POSITIVE_INFINITY;
  if (w.probWait <= tail) return 0;
  return (1000 * Math.log(w.probWait / tail)) / w.decayPerS;
}

/**
 * The q-quantile of wait + processing of one call, the processing known by its quantile at q (`processingQ`):
 * processingQ + the wait's q-quantile, never less than the mean wait. +Infinity when the queue is unbounded.
 */
export function hopQuantile(w: QueueWait | undefined, processingQ: number, q: number): number {
  if (!w || w.probWait <= 0) return processingQ;
  if (unbounded(w)) return Number.POSITIVE_INFINITY;
  return processingQ + Math.max(waitQuantileMs(w, q), w.meanMs);
}
