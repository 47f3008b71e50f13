// Queueing (src/analysis/queueing.ts): Erlang B/C and the M/M/c wait against figures worked out by hand,
// a hop's wait entering the flow's p50/p99, and a saturated component making the flow unbounded.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { erlangB, erlangC, hopQuantile, queueWait, waitExceeds } from '../../src/analysis/queueing.js';
import { getCheck } from '../../src/checks/registry.js';
import { fillTemplate } from '../../src/checks/types.js';
import { stringifyJson } from '../../src/grading/format/json.js';
import { modelOf } from './model-of.js';

/** Erlang C from its textbook form, in logs (no recursion): a^c/c! x c/(c - a) over sum_{k<c} a^k/k! + that. */
function erlangCByLogs(c: number, a: number): number {
  let logFact = 0;
  const terms: number[] = [];
  for (let k = 0; k < c; k++) {
    if (k > 0) logFact += Math.log(k);
    terms.push(k * Math.log(a) - logFact);
  }
  const last = c * Math.log(a) - (logFact + Math.log(c)) + Math.log(c / (c - a));
  const top = Math.max(last, ...terms);
  const sum = terms.reduce((s, t) => s + Math.exp(t - top), 0) + Math.exp(last - top);
  return Math.exp(last - top) / sum;
}

describe('Erlang B and C', () => {
  it('match the closed forms for one and two servers', () => {
    // c = 1: B(1, a) = a / (1 + a); C(1, a) = rho = a
    expect(erlangB(1, 0.8)).toBeCloseTo(0.8 / 1.8, 12);
    expect(erlangC(1, 0.8)).toBeCloseTo(0.8, 12);
    // c = 2, a = 1.6: B = (a^2 / 2) / (1 + a + a^2 / 2) = 1.28 / 3.88 = 0.329897; C = 2 rho^2 / (1 + rho), rho = 0.8: 1.28 / 1.8 = 0.711111
    expect(erlangB(2, 1.6)).toBeCloseTo(1.28 / 3.88, 12);
    expect(erlangC(2, 1.6)).toBeCloseTo(1.28 / 1.8, 12);
  });

  it('stays finite and exact for many servers (the recursion, no factorials)', () => {
    // 170! already overflows a double; the recursion does not care.
    for (const [c, a] of [
      [200, 180],
      [1000, 950],
      [5000, 4900],
    ] as const) {
      const v = erlangC(c, a);
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeCloseTo(erlangCByLogs(c, a), 9);
    }
    expect(erlangC(3, 3)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
  });
});

describe('the M/M/c wait', () => {
  it('c = 1, lambda 80/s, mu 100/s: Wq = rho / (mu - lambda) = 0.8 / 20 s = 40 ms', () => {
    const w = queueWait(1, 100, 0.8);
    expect(w.arrivalRate).toBeCloseTo(80, 12);
    expect(w.probWait).toBeCloseTo(0.8, 12);
    expect(w.decayPerS).toBeCloseTo(20, 12);
    expect(w.meanMs).toBeCloseTo(40, 9);
    // p99: ln(C / 0.01) / theta = ln 80 / 20 s = 4.382027 / 20 = 219.10 ms; p50: ln(0.8 / 0.5) / 20 s = 0.470004 / 20 = 23.50 ms
    expect(w.p99Ms).toBeCloseTo(219.1014, 3);
    expect(w.p50Ms).toBeCloseTo(23.5002, 3);
    // P(W > 100 ms) = 0.8 e^(-20 x 0.1) = 0.8 x 0.135335 = 0.108268
    expect(waitExceeds(w, 100)).toBeCloseTo(0.108268, 5);
  });

  it('c = 2, rho 0.8, mu 100/s: C = 2 rho^2 / (1 + rho) = 0.711111, theta = 200 - 160 = 40/s', () => {
    const w = queueWait(2, 100, 0.8);
    expect(w.probWait).toBeCloseTo(0.711111, 6);
    // mean 0.711111 / 40 s = 17.78 ms; p99 ln(71.1111) / 40 s = 4.264243 / 40 = 106.61 ms
    expect(w.meanMs).toBeCloseTo(17.7778, 3);
    expect(w.p99Ms).toBeCloseTo(106.606, 2);
    // c = 2 at 50 %: C = 2 x 0.25 / 1.5 = 0.333333, theta = 100/s: mean 3.33 ms, p99 ln(33.3333) / 100 s = 35.07 ms, p50 0
    const half = queueWait(2, 100, 0.5);
    expect(half.meanMs).toBeCloseTo(3.3333, 3);
    expect(half.p99Ms).toBeCloseTo(35.0656, 3);
    expect(half.p50Ms).toBe(0);
  });

  it('is unbounded at or above 100 %', () => {
    for (const rho of [1, 1.2]) {
      const w = queueWait(4, 100, rho);
      expect(w.meanMs).toBe(Number.POSITIVE_INFINITY);
      expect(w.p99Ms).toBe(Number.POSITIVE_INFINITY);
      expect(hopQuantile(w, 20, 0.99)).toBe(Number.POSITIVE_INFINITY);
    }
  });

  it('adds the wait to the processing: its quantile, at least the mean', () => {
    const w = queueWait(2, 100, 0.8);
    // p99: 20 + 106.606; p50: the median wait ln(0.711111 / 0.5) / 40 s = 8.81 ms is below the mean 17.78: 10 + 17.78
    expect(hopQuantile(w, 20, 0.99)).toBeCloseTo(126.606, 2);
    expect(hopQuantile(w, 10, 0.5)).toBeCloseTo(27.7778, 3);
    // Fewer than 1 % wait (c = 2 at 4 %: C = 2 x 0.0016 / 1.04 = 0.003077): the p99 wait is 0, the mean
    // 0.003077 / (200 - 8) s = 0.016 ms still counts.
    const light = queueWait(2, 100, 0.04);
    expect(light.p99Ms).toBe(0);
    expect(hopQuantile(light, 20, 0.99)).toBeCloseTo(20 + (1000 * 0.0032) / 1.04 / 192, 6);
  });
});

describe('queueing in a flow', () => {
  const spec = (replicas: number, rate: number) => `
regions: [us-east]
components:
  api: {kind: service, replicas: ${replicas}, latency_ms: {p50: 10, p99: 20}}
flows:
  read: {kind: read, rate: ${rate}, path: [api], budget_ms: {p50: 50, p99: 100}}
`;

  it("adds each hop's wait to the flow's p50 and p99 (c = 1 and c = 2 by hand)", () => {
    // One replica of 5,000 req/s (service default) at 4,000/s: rho = 0.8 = C, theta = 1,000/s;
    // mean 0.8 ms, p99 ln 80 / 1,000 s = 4.382 ms. First hop 0.5 ms inside us-east.
    // p50 = 0.5 + 10 + 0.8 = 11.3; p99 = 0.5 + 20 + 4.382 = 24.88
    const one = analyse(modelOf(spec(1, 4000))).flows.read!.worst;
    expect(one.p50).toBe(11.3);
    expect(one.p99).toBe(24.88);
    expect(one.hops[0]!.queueWait!.p50).toBeCloseTo(0.8, 9);
    expect(one.hops[0]!.queueWait!.p99).toBeCloseTo(4.382027, 5);
    // Two replicas at 8,000/s: rho = 0.8, C = 0.711111, theta = 2,000/s; mean 0.35556 ms, p99 ln(71.1111) / 2,000 s = 2.13212 ms.
    // p50 = 0.5 + 10 + 0.35556 = 10.86; p99 = 0.5 + 20 + 2.13212 = 22.63
    const two = analyse(modelOf(spec(2, 8000))).flows.read!.worst;
    expect(two.p50).toBe(10.86);
    expect(two.p99).toBe(22.63);
    // Switched off (for the bench only): processing and network alone, 10.5 and 20.5
    const off = analyse(modelOf(spec(2, 8000)), { queueing: false }).flows.read!.worst;
    expect([off.p50, off.p99]).toEqual([10.5, 20.5]);
  });

  it('is unbounded at 100 %, fails the budget saying the queue grows without bound, and prints "unbounded" in JSON', () => {
    // 10,000/s on 2 x 5,000: rho = 1
    const model = modelOf(spec(2, 10000));
    const metrics = analyse(model);
    const worst = metrics.flows.read!.worst;
    expect(worst.p99).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(worst.p50)).toBe(false);
    expect(JSON.parse(stringifyJson({ p99: worst.p99 }))).toEqual({ p99: 'unbounded' });
    const check = getCheck('latency/flow-budget')!;
    const findings = check.run({ model, metrics, options: check.meta.defaults });
    expect(findings.map((f) => [f.status, f.messageId])).toEqual([
      ['fail', 'unbounded'],
      ['fail', 'unbounded'],
    ]);
    const text = fillTemplate(check.meta.messages.unbounded!, findings[1]!.data);
    expect(text).toBe(
      'read p99 from us-east is unbounded, budget 100 ms: api in us-east runs at 100% of what its 2 replicas serve: requests arrive faster than they are served, so the queue in front of it grows without bound and so does every wait (M/M/c: the wait is finite only below 100 %)',
    );
  });

  it('tells in scalability/utilization how the wait climbs near saturation', () => {
    // 2 x 5,000 at 8,000/s: rho = 0.8, C = 71.1 %, p99 wait 2.13 ms (above). At 95 %: C = 2 x 0.9025 / 1.95 = 0.925641,
    // theta = 10,000 x 0.05 = 500/s, p99 ln(92.5641) / 500 s = 4.52789 / 500 = 9.056 ms
    const model = modelOf(spec(2, 8000));
    const check = getCheck('scalability/utilization')!;
    const [finding] = check.run({ model, metrics: analyse(model), options: check.meta.defaults });
    expect(finding!.data.queueing).toBe(
      "; queueing (M/M/c): at 80% utilization 71.1% of requests wait for one of api's 2 replicas in us-east, p99 wait 2.1 ms; at 95% the same replicas would make it 9.1 ms (the wait grows as 1 / (1 - utilization))",
    );
  });
});
