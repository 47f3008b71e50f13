// video-streaming: the estimate's derivations, the CDN's hit and miss shares on the edge and the bucket,
// the miss path across the Pacific and its fix, and the loss of the origin region. Every figure is
// worked out by hand from problem.yaml and the spec files.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import survives from '../../src/checks/drill/survives.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageGivens } from '../../src/problems/stage-rubric.js';
import { loadSpecFile, withGivens } from '../../src/specfile/load.js';
import { catalogProblem } from './catalog-helpers.js';

const DIR = join(SHIPPED_PROBLEMS, 'video-streaming');

function metricsOf(file: string) {
  const r = loadSpecFile(join(DIR, file));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return { model: r.loaded.model, metrics: analyse(r.loaded.model) };
}

describe('video-streaming estimate', () => {
  const loaded = loadProblem(DIR);
  if (!loaded.ok) throw new Error('problem does not load');
  const refs = loaded.problem.stages[0]!.estimate!.references;

  it('derives the peak segment requests, egress, storage, edge servers and publishes', () => {
    // concurrent viewers at peak: 20M x 1 h / 24 h x 3 = 2.5M
    const concurrent = ((20e6 * 1) / 24) * 3;
    expect(concurrent).toBeCloseTo(2.5e6, 6);
    // one segment every 4 s each: 2.5M / 4 = 625,000/s
    expect(refs['peak_segment_requests_per_s']!.shown).toBeCloseTo(625_000, 3);
    // 2.5M x 5 Mbps = 12.5M Mbps = 12,500 Gbps
    expect(refs['peak_egress']!.shown).toBeCloseTo(12_500, 6);
    // 200,000 videos x 300 MB x 5 renditions = 300 TB a day
    expect(refs['storage_per_day']!.shown).toBeCloseTo(300, 6);
    // 12,500 Gbps / 100 Gbps / 0.8 = 156.25 -> 157
    expect(refs['edge_servers']!.shown).toBe(157);
    // 200,000 / 86,400 s x 3 = 6.94/s
    expect(refs['peak_publishes_per_s']!.shown).toBeCloseTo((200_000 / 86_400) * 3, 6);
  });
});

describe('video-streaming, segments from the edge (stage 2)', () => {
  it('the edge carries the hits, the bucket only the misses', () => {
    const { metrics } = metricsOf('solutions/stage-1.yaml');
    // us-east: 60 % of 625,000 = 375,000/s over 94 x 5,000 = 79.8 %
    expect(metrics.capacity['edge']!['us-east']!.utilization).toBeCloseTo(375_000 / (94 * 5_000), 3);
    // the bucket: (1 - 0.9) x 625,000 = 62,500 misses/s (+ the transcoders' 7 writes/s) over 15 x 5,500 = 75.8 %
    expect(metrics.capacity['videos']!['us-east']!.utilization).toBeCloseTo((62_500 + 7) / (15 * 5_500), 3);
    // the miss path from eu-west: 0.5 (to the edge) + 20 + 82 (edge -> us-east) + 150 = 252.5 ms (+ queueing)
    const eu = metrics.flows['watch-segment']!.origins['eu-west']!;
    expect(eu.cache!.miss.share).toBeCloseTo(0.1, 9);
    expect(eu.cache!.miss.p99).toBeGreaterThanOrEqual(0.5 + 20 + 82 + 150);
    expect(eu.cache!.miss.p99).toBeLessThan(0.5 + 20 + 82 + 150 + 1);
    // the mixture's p99 is the miss path's 0.9 quantile ((0.99 - 0.9) / 0.1): below its p99, above the hit path's
    expect(eu.p99).toBeLessThan(200);
    expect(eu.p99).toBeGreaterThan(0.5 + 20);
  });

  it('without a CDN the bucket needs 143 nodes and Europe still waits an ocean: 82 + 150 = 232 ms p99', () => {
    const { metrics } = metricsOf('fixtures/stage-1-no-cdn.yaml');
    // 625,000 + the transcoders' 7 writes/s over 143 x 5,500 = 79.5 %
    expect(metrics.capacity['videos']!['us-east']!.utilization).toBeCloseTo(625_007 / (143 * 5_500), 3);
    // from eu-west: 82 ms to us-east + 150 ms p99 of the bucket = 232 ms (queueing under 1 ms)
    expect(metrics.flows['watch-segment']!.origins['eu-west']!.p99).toBeGreaterThanOrEqual(232);
    expect(metrics.flows['watch-segment']!.origins['eu-west']!.p99).toBeLessThan(233);
  });
});

describe('video-streaming, viewers on a new continent (stage 3)', () => {
  it('an edge in Singapore in front of a us-east bucket: the miss path crosses the Pacific, 393.5 ms', () => {
    const { metrics } = metricsOf('fixtures/stage-2-edge-only-in-asia.yaml');
    // 0.5 + 20 + 223 + 150 = 393.5 ms, over the 300 ms miss budget
    const miss = metrics.flows['watch-segment']!.origins['ap-southeast']!.cache!.miss.p99;
    expect(miss).toBeGreaterThanOrEqual(393.5);
    expect(miss).toBeLessThan(394.5);
  });

  it('a copy of the bucket in Singapore: 0.5 + 20 + 0.5 + 150 = 171 ms, carrying 20 % of the misses', () => {
    const { metrics } = metricsOf('solutions/stage-2.yaml');
    const ap = metrics.flows['watch-segment']!.origins['ap-southeast']!;
    expect(ap.cache!.miss.p99).toBeGreaterThanOrEqual(171);
    expect(ap.cache!.miss.p99).toBeLessThan(172);
    // 20 % x 62,500 = 12,500 misses/s (+ replicated writes) over 15 x 5,500 = 15.2 %
    expect(metrics.capacity['videos']!['ap-southeast']!.utilization).toBeCloseTo(0.152, 2);
    // us-east and eu-west's misses: 80 % x 62,500 = 50,000 (+ 7 writes/s) over 82,500 = 60.6 %
    expect(metrics.capacity['videos']!['us-east']!.utilization).toBeCloseTo((50_000 + 7) / 82_500, 3);
  });
});

describe('video-streaming, lose the origin region (stage 4)', () => {
  const drill = (file: string) => {
    const { model, metrics } = metricsOf(file);
    return survives.run({ model, metrics, options: { drills: [{ scenarios: ['region-down:us-east'], p99Factor: 2, maxUtilization: 0.8 }] } });
  };

  it("stage 3's edge (79 per region) overloads eu-west: 500,000 / (79 x 5,000) = 126.6 %", () => {
    const findings = drill('fixtures/stage-3-edge-sized-for-peak.yaml');
    const over = findings.find((f) => f.messageId === 'overloaded' && f.data.component === 'edge');
    expect(500_000 / (79 * 5_000)).toBeCloseTo(1.266, 3);
    expect(over?.data).toMatchObject({ region: 'eu-west', utilization: '126.6 %' });
  });

  it('the reference survives: eu-west edge 500,000 / (126 x 5,000) = 79.4 %', () => {
    const findings = drill('solutions/stage-3.yaml');
    expect(findings.map((f) => f.messageId)).toEqual(['survives']);
    expect(findings[0]!.data).toMatchObject({ component: 'edge', region: 'eu-west', utilization: '79.4 %' });
  });
});

describe('video-streaming, the viewer shares are the requirement', () => {
  it('shrinking us-east to 10 % on paper would buy the drill with 95 edge servers; the first hop must carry each share', () => {
    const { model, metrics } = metricsOf('fixtures/stage-3-us-east-share-shrunk.yaml');
    // the drill alone is bought: eu-west inherits only (10 % + 30 %) x 625,000 = 250,000/s over 95 x 5,000
    const findings = survives.run({ model, metrics, options: { drills: [{ scenarios: ['region-down:us-east'], p99Factor: 2, maxUtilization: 0.8 }] } });
    expect(findings.map((f) => f.messageId)).toEqual(['survives']);
    // what assert/viewer-shares reads: the us-east edge sees 62,500/s, not 50 % x 625,000 = 312,500
    expect(metrics.capacity['edge']!['us-east']!.rate).toBeCloseTo(62_500, 0);
    const ref = metricsOf('solutions/stage-3.yaml').metrics;
    expect(ref.capacity['edge']!['us-east']!.rate).toBeCloseTo(312_500, 0);
    expect(ref.capacity['edge']!['eu-west']!.rate).toBeCloseTo(187_500, 0);
    expect(ref.capacity['edge']!['ap-southeast']!.rate).toBeCloseTo(125_000, 0);
  });
});

describe('video-streaming, a CDN is not the catalog', () => {
  it('path [edge] alone would meet every budget (5 / 20 ms) with nothing behind the edge; assert/origin-behind-edge needs a store on the path', () => {
    const { metrics } = metricsOf('fixtures/stage-1-edge-without-origin.yaml');
    const ws = metrics.flows['watch-segment']!;
    expect(ws.worst.p99).toBeLessThan(21);
    expect(Object.values(ws.origins).every((o) => o.hops.every((h) => !(h.component in metrics.stores)))).toBe(true);
    const ref = metricsOf('solutions/stage-1.yaml').metrics;
    expect(Object.values(ref.flows['watch-segment']!.origins).every((o) => o.hops.some((h) => h.component in ref.stores))).toBe(true);
  });
});

describe('video-streaming, a transcode is CPU-bound: 8 at once per replica, the problem says', () => {
  const { dir, problem } = catalogProblem('video-streaming');
  // The stage that loses us-east is the problem's fourth (the estimate is the first).
  const graded = (file: string) => {
    const r = loadSpecFile(join(dir, file));
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    const model = withGivens(r.loaded, stageGivens(problem, 4)).model;
    return { model, metrics: analyse(model) };
  };
  // A transcode holds its slot for its own work plus the rendition's write to the bucket (and the round trip to
  // the bucket's primary where that is in another region). Nobody waits on a consumer, so it is sized on the
  // mean times (p50 x exp(sigma^2 / 2), sigma = ln(p99 / p50) / 2.326), at most 80 % busy.
  const mean = (p50: number, p99: number) => p50 * Math.exp((Math.log(p99 / p50) / 2.3263) ** 2 / 2);
  const transcodeS = mean(60_000, 300_000) / 1000; // 76.2 s
  const writeS = mean(60, 250) / 1000; // 72 ms

  it('the reference keeps 7/3 per region / 46 replicas x (76.2 s + 72 ms + 82 ms from eu-west) = 3.9 of its 8 slots busy, and runs at 7/3 / (46 x 0.1) = 50.7 %', () => {
    const { metrics } = graded('solutions/stage-3.yaml');
    const t = metrics.pools['transcoder']!;
    expect(t.threads).toBe(8);
    expect(transcodeS).toBeCloseTo(76.2, 1);
    // the busiest region is ap-southeast, 223 ms from the bucket's primary in us-east
    const busy = (7 / 3 / 46) * (transcodeS + writeS + 0.223);
    expect(busy).toBeCloseTo(3.88, 2);
    expect(t.demand).toBeCloseTo(busy / 0.8, 1);
    expect(metrics.capacity['transcoder']!['eu-west']!.utilization).toBeCloseTo(7 / 3 / (46 * 0.1), 4);
  });

  it('two replicas stating 1,000 threads are graded with 8: after us-east goes, each keeps 3.5 / 2 x 76.4 s = 134 transcodes in flight', () => {
    const { model, metrics } = graded('fixtures/stage-4-transcoder-threads.yaml');
    expect(model.components['transcoder']!.threads).toBe(8);
    // at normal peak already: 7/3 per region over 2 x 0.1 = 1,166.7 %
    expect(metrics.capacity['transcoder']!['us-east']!.utilization).toBeCloseTo(7 / 3 / (2 * 0.1), 4);
    const findings = survives.run({ model, metrics, options: { drills: [{ scenarios: ['region-down:us-east'], p99Factor: 2, maxUtilization: 0.8 }] } });
    const pool = findings.find((f) => f.messageId === 'poolExhausted' && f.data.service === 'transcoder');
    expect(pool?.data.size).toBe(8);
    // the busiest survivor is ap-southeast: its writes go to the bucket promoted in eu-west, 156 ms away;
    // the threads it needs to stay under 80 % busy
    expect(Number(pool?.data.demand)).toBeCloseTo(((3.5 / 2) * (transcodeS + writeS + 0.156)) / 0.8, 1);
  });
});
