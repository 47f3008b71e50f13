// scalability/fan-out-on-write: figures worked out by hand from the fixtures.
import { describe, expect, it } from 'vitest';
import fanOut from '../../../src/checks/scalability/fan-out-on-write.js';
import { runCheckOn, testCheck } from '../tester.js';

// fanout-push: 100 posts/s x 200 mean followers = 20,000 timeline writes/s. fanout-worker takes the 100
// posts + 100 x 199 extra writes = 20,000/s on 10 x 5,000 = 50,000/s: 40 % busy, 30,000/s to spare.
// (Its threads are not the limit: a write holds one for the mean of its work, p50 20 / p99 60 ms, and of
// the cache write, 1 / 3 ms, each x exp(sigma^2 / 2) with sigma = ln 3 / 2.326348, + 0.5 ms: about 24 ms,
// so 200 threads carry about 8,340/s, more than 5,000.)
// timeline-cache: each of its 2 replicas applies all 20,000 writes + 2,000 / 2 reads = 21,000 of 100,000
// (21 %), 79,000 writes/s to spare. The slowest is the worker: the 50,000,000-follower post takes
// 50,000,000 / 30,000 = 1,667 s, over the 5 s of max_staleness_ms; the p99 author's 5,000 take 0.17 s.
// fanout-hybrid: threshold 10,000: per post min(200, 10,000) = 200, the same load; the largest push is
// 10,000 followers, 10,000 / 30,000 = 0.33 s. Its read pulls the 10 followed celebrities in parallel.
const SIGMA = Math.log(3) / 2.326348;
const HOLD_S = ((20 + 1) * Math.exp((SIGMA * SIGMA) / 2) + 0.5) / 1000;
testCheck(fanOut, {
  valid: [
    { spec: 'scalability/fanout-hybrid.yaml' },
    { spec: 'scalability/capacity-ok.yaml', applies: false },
    { name: 'a generous target', spec: 'scalability/fanout-push.yaml', options: { deliverWithinS: 2000 } },
    { name: 'a threshold at the figure the problem states', spec: 'scalability/fanout-hybrid.yaml', options: { minThreshold: 10_000 } },
  ],
  invalid: [
    {
      spec: 'scalability/fanout-push.yaml',
      findings: [{ messageId: 'celebritySlow', data: { largest: '50,000,000', rate: '30,000', seconds: '1,667', target: '5' }, line: 14 }],
    },
    {
      name: 'workers whose threads cannot take the steady load: 6 x 60 threads / 24 ms = 15,014/s under 20,000',
      spec: 'scalability/fanout-behind.yaml',
      findings: [{ messageId: 'celebrityNever', data: { writes: '20,000', largest: '50,000,000' }, line: 15 }],
    },
    {
      spec: 'scalability/fanout-hybrid-nopull.yaml',
      findings: [{ messageId: 'noPull', data: { reader: 'read-timeline', threshold: '10,000' }, line: 26 }],
    },
    {
      name: 'a hybrid held to a 0.2 s delivery: 10,000 / 30,000 = 0.33 s',
      spec: 'scalability/fanout-hybrid.yaml',
      options: { deliverWithinS: 0.2 },
      findings: [{ messageId: 'celebritySlow', data: { largest: '10,000', seconds: '0.33' }, line: 19 }],
    },
    {
      name: "the problem's 20 followed celebrities, where the spec states 10 and pulls 10",
      spec: 'scalability/fanout-hybrid.yaml',
      options: { celebritiesFollowed: 20 },
      findings: [{ messageId: 'pullShort', data: { calls: 10, needed: 20 }, line: 26 }],
    },
    {
      name: 'a threshold of 10,000 held to the 20,000 above which the problem states the followed celebrities',
      spec: 'scalability/fanout-hybrid.yaml',
      options: { minThreshold: 20_000 },
      findings: [{ messageId: 'thresholdLow', data: { threshold: '10,000', min: '20,000', needed: 10 }, line: 19 }],
    },
    {
      name: 'pure fan-out on read: 200 calls per read',
      spec: 'scalability/fanout-pull.yaml',
      options: { readFlows: ['read-timeline'] },
      findings: [{ messageId: 'readOverBudget', data: { reader: 'read-timeline', budget: '200' }, line: 12 }],
    },
  ],
});

describe('scalability/fan-out-on-write figures', () => {
  it('counts 100 x 200 timeline writes and delivers the celebrity at the worker spare rate', () => {
    const f = runCheckOn(fanOut, 'scalability/fanout-push.yaml')[0]!;
    const ev = f.evidence as { timelineWritesPerS: number; deliveryRate: number; secondsNeeded: number; bottleneck: string };
    expect(ev.timelineWritesPerS).toBe(100 * 200);
    expect(ev.deliveryRate).toBeCloseTo(10 * 5000 * (1 - (100 + 100 * 199) / (10 * 5000)), 6);
    expect(ev.secondsNeeded).toBeCloseTo(50_000_000 / 30_000, 3);
    expect(200 / HOLD_S).toBeGreaterThan(5000);
    expect(ev.bottleneck).toBe('fanout-worker');
    expect(f.data.bottleneck).toBe('fanout-worker');
  });
  it('takes threads / the mean time a write holds one where that is below the capacity: 100 threads', () => {
    const f = runCheckOn(fanOut, 'scalability/fanout-push-few-threads.yaml')[0]!;
    const ev = f.evidence as { deliveryRate: number; secondsNeeded: number; deliveries: { component: string; threadBound?: boolean }[] };
    // 100 / 23.98 ms = 4,171/s a replica, under 5,000: 10 x 4,171 - 20,000 = 21,706/s to spare
    const spare = (10 * 100) / HOLD_S - 20_000;
    expect(ev.deliveryRate).toBeCloseTo(spare, 6);
    expect(ev.secondsNeeded).toBeCloseTo(50_000_000 / spare, 3);
    expect(ev.deliveries.find((d) => d.component === 'fanout-worker')!.threadBound).toBe(true);
    expect(f.data.bottleneck).toBe('fanout-worker (whose threads run out before its capacity)');
  });
  it('prices the pure pull read above the slowest-of-200 tail: each call p50 5 / p99 50 ms', () => {
    const f = runCheckOn(fanOut, 'scalability/fanout-pull.yaml', { readFlows: ['read-timeline'] })[0]!;
    // sigma = ln(50 / 5) / 2.326 = 0.990; the slowest of 200 is each call's 0.99^(1/200) = 0.99994975 quantile,
    // z = 3.888: 5 x exp(0.990 x 3.888) = 5 x 46.9 = 234.6 ms for the fan-out alone, over the 200 ms budget.
    const sigma = Math.log(50 / 5) / 2.326;
    expect((f.evidence as { p99: number }).p99).toBeGreaterThan(5 * Math.exp(sigma * 3.888));
  });
});
