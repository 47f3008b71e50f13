// news-feed: the references' key figures, worked out by hand from problem.yaml and the solutions.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { runDrill } from '../../src/analysis/drills/run.js';
import { parseScenario } from '../../src/analysis/drills/scenario.js';
import { loadSpecFile } from '../../src/specfile/load.js';

const metricsOf = (file: string) => {
  const r = loadSpecFile(`problems/news-feed/${file}`);
  if (!r.ok) throw new Error(file);
  return { model: r.loaded.model, metrics: analyse(r.loaded.model) };
};

describe('news-feed', () => {
  it('estimate: 144M users x 0.2 posts / 86,400 s x 3 = 1,000 posts/s; x 15 reads = 75,000/s; x 200 followers = 200,000 writes/s', () => {
    expect(((144e6 * 0.2) / 86_400) * 3).toBeCloseTo(1000, 6);
    expect(((144e6 * 15) / 86_400) * 3).toBeCloseTo(75_000, 6);
    const { metrics } = metricsOf('solutions/stage-2.yaml');
    expect(metrics.fanout![0]!.timelineWritesPerS).toBe(1000 * 200);
  });

  it('stage 2: the busiest timeline node applies 200,000 / 8 writes and serves 75,000 / 8 / 2 reads', () => {
    const { metrics } = metricsOf('solutions/stage-2.yaml');
    expect(metrics.capacity['timeline-cache']!['us-east']!.utilization).toBeCloseTo((200_000 / 8 + 75_000 / 8 / 2) / 100_000, 3);
    // fan-out workers: 1,000 posts + 1,000 x 199 extra writes over 70 x 5,000
    expect(metrics.capacity['fanout-worker']!['us-east']!.utilization).toBeCloseTo(200_000 / 350_000, 3);
    // and their threads (Little's law on mean times, at most 80 % busy): 200,000 / 70 per replica x (the means
    // of the 20 / 60 ms work and the 1 / 3 ms cache write, (20 + 1) x exp(sigma^2 / 2), + 0.5 ms) / 0.8 = 85.6
    const sg = Math.log(3) / 2.326348;
    expect(metrics.pools['fanout-worker']!.demand).toBeCloseTo(((200_000 / 70) * ((20 + 1) * Math.exp((sg * sg) / 2) + 0.5)) / 0.8 / 1000, 1);
    expect(metrics.pools['fanout-worker']!.demand).toBeLessThanOrEqual(200);
  });

  it('stage 3: pushing the 50 M-follower post takes 50,000,000 / 150,000 = 333 s; the hybrid caps it at 10,000 / 150,000 = 0.07 s', () => {
    const push = metricsOf('fixtures/stage-3-push-everyone.yaml').metrics.fanout![0]!;
    // spare: 70 x 5,000 x (1 - 200,000 / 350,000) = 150,000 writes/s. The threads are not the limit: a write
    // holds one for the mean of its work (p50 20 / p99 60 ms: 20 x exp(sigma^2 / 2), sigma = ln 3 / 2.326,
    // = 22.36 ms) + the cache write's mean (1.12 ms) + 0.5 ms = 23.98 ms: 200 threads carry 8,341/s > 5,000/s
    const s = Math.log(3) / 2.326348;
    const holdMs = (20 + 1) * Math.exp((s * s) / 2) + 0.5;
    expect(200 / (holdMs / 1000)).toBeGreaterThan(5000);
    expect(push.deliveryRate).toBeCloseTo(350_000 * (1 - 200_000 / 350_000), 0);
    expect(push.deliveries.find((d) => d.component === 'fanout-worker')!.threadBound).toBeUndefined();
    expect(push.largestDeliveryS).toBeCloseTo(50_000_000 / 150_000, 1);
    const hybrid = metricsOf('solutions/stage-3.yaml').metrics.fanout![0]!;
    expect(hybrid.largestDeliveryS).toBeCloseTo(10_000 / 150_000, 3);
    // 75,000 reads x 10 pulls over 12 cache replicas of 100,000
    const { metrics } = metricsOf('solutions/stage-3.yaml');
    expect(metrics.capacity['celebrity-posts']!['us-east']!.utilization).toBeCloseTo((75_000 * 10) / 12 / 100_000, 4);
  });

  it('stage 3: pushing 50,000,000 in 5 s needs 10,000,000 writes/s spare, 50x the 200,000/s peak: 2,100 workers and 128 partitions buy it', () => {
    const f = metricsOf('fixtures/stage-3-push-bigger-tier.yaml').metrics.fanout![0]!;
    // workers: 2,100 x 5,000 - 200,000 = 10,300,000 spare; timeline: 128 x 100,000 x (1 - (200,000 / 128 + 75,000 / 256) / 100,000)
    const timelineSpare = 128 * 100_000 * (1 - (200_000 / 128 + 75_000 / 256) / 100_000);
    expect(f.deliveryRate).toBeCloseTo(Math.min(2100 * 5000 - 200_000, timelineSpare), -2);
    expect(f.largestDeliveryS).toBeLessThanOrEqual(5);
    expect(f.deliveryRate / f.timelineWritesPerS).toBeGreaterThan(10);
    // the reference keeps 150,000 spare: three quarters of its 200,000/s peak
    expect(metricsOf('solutions/stage-3.yaml').metrics.fanout![0]!.deliveryRate / 200_000).toBeCloseTo(0.75, 3);
  });

  it("stage 4: at 3x posts, stage 3's 70 workers run at 600,000 / 350,000 = 171 % and need 257 threads; 200 run at 60 % and need 90", () => {
    const p = parseScenario('surge:create-post=3');
    if (!p.ok) throw new Error(p.message);
    const steady = (file: string) => {
      const r = runDrill(metricsOf(file).model, [p.scenario]);
      return r.phases[r.phases.length - 1]!;
    };
    const sized = steady('fixtures/stage-4-sized-for-peak.yaml');
    const ref = steady('solutions/stage-4.yaml');
    expect(sized.metrics.capacity['fanout-worker']!['us-east']!.utilization).toBeCloseTo(600_000 / (70 * 5_000), 3);
    expect(ref.metrics.capacity['fanout-worker']!['us-east']!.utilization).toBeCloseTo(600_000 / (200 * 5_000), 3);
    // Little's law on mean times for a consumer: a timeline write keeps a thread for the mean of the worker's
    // work and of the cache write ((20 + 1) x exp(sigma^2 / 2), sigma = ln 3 / 2.326) plus the 0.5 ms round trip,
    // 23.98 ms, with room to stay under 80 % busy: 29.97 ms. 600,000 / 70 = 8,571.43/s x 0.02997 s = 256.9
    // threads per replica, of 200 (the drill reports them run out); 600,000 / 200 = 3,000/s x 0.02997 s = 89.9.
    const sg = Math.log(3) / 2.326348;
    const heldS = ((20 + 1) * Math.exp((sg * sg) / 2) + 0.5) / 0.8 / 1000;
    expect(heldS * 1000).toBeCloseTo(29.97, 1);
    const ranOut = sized.exhausted.find((e) => e.service === 'fanout-worker' && e.pool === undefined);
    expect(ranOut?.demand).toBeCloseTo((600_000 / 70) * heldS, 0);
    expect(ranOut?.size).toBe(200);
    expect(ref.exhausted.filter((e) => e.service === 'fanout-worker')).toEqual([]);
    expect(ref.metrics.pools['fanout-worker']!.demand).toBeCloseTo((600_000 / 200) * heldS, 0);
  });
});
