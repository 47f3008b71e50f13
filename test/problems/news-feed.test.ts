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
    // fan-out workers: 1,000 posts + 1,000 x 199 extra writes over 60 x 5,000
    expect(metrics.capacity['fanout-worker']!['us-east']!.utilization).toBeCloseTo(200_000 / 300_000, 3);
  });

  it('stage 3: pushing the 50 M-follower post takes 50,000,000 / 100,000 = 500 s; the hybrid caps it at 10,000 / 100,000 = 0.1 s', () => {
    const push = metricsOf('fixtures/stage-3-push-everyone.yaml').metrics.fanout![0]!;
    // spare: 60 x 5,000 x (1 - 200,000 / 300,000) = 100,000 writes/s
    expect(push.deliveryRate).toBeCloseTo(300_000 * (1 - 2 / 3), 0);
    expect(push.largestDeliveryS).toBeCloseTo(50_000_000 / 100_000, 0);
    const hybrid = metricsOf('solutions/stage-3.yaml').metrics.fanout![0]!;
    expect(hybrid.largestDeliveryS).toBeCloseTo(10_000 / 100_000, 3);
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
    // the reference keeps 100,000 spare: half its 200,000/s peak
    expect(metricsOf('solutions/stage-3.yaml').metrics.fanout![0]!.deliveryRate / 200_000).toBeCloseTo(0.5, 3);
  });

  it('stage 4: at 3x posts, 60 workers run at 600,000 / 300,000 = 200 %; 160 run at 600,000 / 800,000 = 75 %', () => {
    const p = parseScenario('surge:create-post=3');
    if (!p.ok) throw new Error(p.message);
    const load = (file: string) => {
      const r = runDrill(metricsOf(file).model, [p.scenario]);
      const steady = r.phases[r.phases.length - 1]!;
      return steady.metrics.capacity['fanout-worker']!['us-east']!.utilization;
    };
    expect(load('fixtures/stage-4-sized-for-peak.yaml')).toBeCloseTo(600_000 / 300_000, 3);
    expect(load('solutions/stage-4.yaml')).toBeCloseTo(600_000 / 800_000, 3);
  });
});
