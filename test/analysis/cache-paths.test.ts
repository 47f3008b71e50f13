// Cache hit and miss paths: a read through caches is a MIXTURE of the paths that end at each cache and
// the miss path; its p50/p99 are the mixture's quantiles. Every expected figure is worked out by hand
// below (z-values from a normal table: z(0.8) = 0.841621, z(0.99) = 2.326348, z(0.994975) = 2.5741).
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { mixtureQuantile } from '../../src/analysis/tail.js';
import { modelOf } from './model-of.js';
import { resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

describe('mixtureQuantile', () => {
  it('95 % hits: the p99 lies in the miss path, at its own 0.8 quantile', () => {
    // Hit path: a constant 12 ms. Miss path: 1.5 ms of network + a log-normal through (21, 61).
    // 0.95 + 0.05 F_miss(t) = 0.99 -> F_miss = 0.8: t = 1.5 + 21 exp(ln(61/21) / 2.326348 x 0.841621)
    //   ln(61/21) = 1.066369; / 2.326348 = 0.458387; x 0.841621 = 0.385788; exp = 1.470757; x 21 = 30.886; + 1.5 = 32.386
    const parts = [
      { weight: 0.95, dist: { fixed: 0, p50: 12, p99: 12, n: 1 } },
      { weight: 0.05, dist: { fixed: 1.5, p50: 21, p99: 61, n: 1 } },
    ];
    expect(mixtureQuantile(parts, 0.99)).toBeCloseTo(32.386, 2);
    // p50: half the requests are done by 12 ms (the hit path's step holds 95 % of them).
    expect(mixtureQuantile(parts, 0.5)).toBeCloseTo(12, 6);
  });

  it('99.5 % hits: the p99 lies inside the hit path', () => {
    // Hit path: log-normal through (10, 20); miss path a constant 200 ms (0.5 %).
    // 0.995 F_hit(t) = 0.99 -> F_hit = 0.994975, z = 2.5741: t = 10 exp(ln 2 / 2.326348 x 2.5741)
    //   ln 2 = 0.693147; / 2.326348 = 0.297955; x 2.5741 = 0.766966; exp = 2.153; t = 21.53
    const parts = [
      { weight: 0.995, dist: { fixed: 0, p50: 10, p99: 20, n: 1 } },
      { weight: 0.005, dist: { fixed: 200, p50: 0, p99: 0, n: 1 } },
    ];
    expect(mixtureQuantile(parts, 0.99)).toBeCloseTo(21.53, 1);
  });

  it('is unbounded when more than 1 - q of the requests take an unbounded path', () => {
    const parts = [
      { weight: 0.98, dist: { fixed: 0, p50: 5, p99: 10, n: 1 } },
      { weight: 0.02, dist: { fixed: 0, p50: Infinity, p99: Infinity, n: 1 } },
    ];
    expect(mixtureQuantile(parts, 0.99)).toBe(Infinity);
    // 0.5 of 0.98 finite: the p50 is the finite path's 0.5 / 0.98 = 0.5102 quantile, z = 0.02558:
    // 5 exp(ln 2 / 2.326348 x 0.02558) = 5 exp(0.007622) = 5.038
    expect(mixtureQuantile(parts, 0.5)).toBeCloseTo(5.038, 2);
  });
});

/** api -> a 95 % cache -> db, one read flow; `consistency` adds e.g. ", consistency: strong" to it. */
const throughCache = (consistency = '') =>
  modelOf(`
regions: [us-east]
components:
  api: {kind: service, latency_ms: 10}
  cache: {kind: cache, hit_ratio: 0.95, latency_ms: 1}
  db: {kind: database, latency_ms: {p50: 10, p99: 50}}
flows:
  read: {kind: read, rate: 100${consistency}, path: [api, cache, db], budget_ms: {p99: 40}}
`);

describe('a read through a cache', () => {
  const model = throughCache();
  const m = analyse(model);
  const o = m.flows.read!.origins['us-east']!;

  it('reports the hit and the miss path', () => {
    // Hit: api 0.5 + 10, cache 0.5 + 1 = 12 ms (constant). Miss: + db 0.5 + 10 / 50 = 22.5 / 62.5 ms.
    expect(o.cache!.hits).toHaveLength(1);
    expect(o.cache!.hits[0]).toMatchObject({ cache: 'cache', share: 0.95, p50: 12, p99: 12 });
    expect(o.cache!.miss).toMatchObject({ share: 0.05, p50: 22.5, p99: 62.5 });
    expect(o.cache!.hitShare).toBe(0.95);
  });

  it("grades the flow on the mixture, not on the miss path's sum", () => {
    // As above: the p99 is the miss path's 0.8 quantile, 32.39 ms, and the p50 the hit path's 12 ms.
    expect(o.p99).toBeCloseTo(32.39, 1);
    expect(o.p50).toBeCloseTo(12, 1);
  });

  it('sends only the misses to the store', () => {
    // 100 reads/s x (1 - 0.95) = 5 reads/s reach db.
    expect(m.capacity.db!['us-east']!.rate).toBe(5);
  });
});

describe('caches in sequence', () => {
  it('weights each path by the product of the misses before it', () => {
    const model = modelOf(`
regions: [us-east]
components:
  api: {kind: service}
  local: {kind: cache, hit_ratio: 0.5}
  shared: {kind: cache, hit_ratio: 0.9}
  db: {kind: database}
flows:
  read: {kind: read, rate: 1000, path: [api, local, shared, db]}
`);
    const o = analyse(model).flows.read!.origins['us-east']!;
    // local answers 0.5; shared 0.5 x 0.9 = 0.45; the miss path takes 0.5 x 0.1 = 0.05.
    expect(o.cache!.hits.map((h) => h.share)).toEqual([0.5, 0.45]);
    expect(o.cache!.miss.share).toBeCloseTo(0.05, 9);
  });
});

describe('a CDN in front of an object store in one region', () => {
  const model = modelOf(`
regions: [us-east, ap-southeast]
users: {us-east: 0.5, ap-southeast: 0.5}
components:
  edge: {kind: cdn, hit_ratio: 0.9, latency_ms: 5}
  videos: {kind: object-store, regions: [us-east], replicas: 4, latency_ms: {p50: 20, p99: 60}}
flows:
  watch: {kind: read, rate: 10000, path: [edge, videos]}
`);
  const m = analyse(model);

  it('serves each region from its own edge and sends only the misses to the origin', () => {
    // Each region's edge takes its users' half: 5,000 req/s; the origin gets (1 - 0.9) x 10,000 = 1,000.
    expect(m.capacity.edge!['us-east']!.rate).toBe(5000);
    expect(m.capacity.edge!['ap-southeast']!.rate).toBe(5000);
    expect(m.capacity.videos!['us-east']!.rate).toBe(1000);
  });

  it('pays the ocean only on the miss path', () => {
    const ap = m.flows.watch!.origins['ap-southeast']!;
    // Hit: 0.5 to the local edge + 5 = 5.5 ms. Miss: + 223 (ap-southeast -> us-east, measured) + 60 = 288.5 ms at p99.
    expect(ap.cache!.hits[0]!.p99).toBe(5.5);
    expect(ap.cache!.miss.p99).toBeCloseTo(288.5, 1);
    // The flow's p99: 0.9 + 0.1 F_miss(t) = 0.99 -> the miss path's 0.9 quantile, z(0.9) = 1.281552:
    // 223.5 + 25 exp(ln(65/25) / 2.326348 x 1.281552) = 223.5 + 25 exp(0.955511 / 2.326348 x 1.281552)
    //   = 223.5 + 25 exp(0.526384) = 223.5 + 25 x 1.692878 = 265.82
    // (miss path: fixed 0.5 + 223 = 223.5; the rest 5 + 20 = 25 at p50 and 5 + 60 = 65 at p99)
    expect(ap.p99).toBeCloseTo(265.82, 0);
  });
});

describe('a strongly consistent read through a cache', () => {
  // The same design as "a read through a cache" above, with the read marked strong: a hit would be the cache's copy,
  // not the latest write, so every read goes on to the store (geo/strong-read-source fails the cache).
  const model = throughCache(', consistency: strong');
  const m = analyse(model);
  const o = m.flows.read!.origins['us-east']!;

  it('sends every read to the store: the cache takes no load off it', () => {
    // 100 reads/s x (1 - 0) = 100 reach db.
    expect(m.capacity.db!['us-east']!.rate).toBe(100);
  });

  it('takes the whole path for its latency: no hit path', () => {
    // api 0.5 + 10, cache 0.5 + 1, db 0.5 + 10 / 50: 22.5 ms at p50, 62.5 at p99 (no queueing at 100 req/s).
    expect(o.cache).toBeUndefined();
    expect(o.p50).toBeCloseTo(22.5, 1);
    expect(o.p99).toBeCloseTo(62.5, 1);
  });
});

describe('two tiers of a kind the problem gives one hit ratio', () => {
  // video-streaming gives every CDN 0.9: a shield CDN behind the edge sees the edge's misses, not a fresh 90 % of hits
  // (review: both tiers at 0.9 made a 99 % hit path and one origin node).
  const spec = (shield: string) =>
    ({
      regions: ['us-east'],
      components: {
        edge: { kind: 'cdn' },
        [shield]: { kind: 'cdn' },
        videos: { kind: 'object-store', regions: ['us-east'] },
      },
      flows: { watch: { kind: 'read', rate: 10_000, path: ['edge', shield, 'videos'] } },
    }) as unknown as Spec;

  it('answers the kind share once: the second tier answers none, and 10,000 x 0.1 reach the origin', () => {
    const m = analyse(resolveSpec(spec('shield'), { kinds: { cdn: { hit_ratio: 0.9 } } }));
    expect(m.capacity.videos!['us-east']!.rate).toBeCloseTo(10_000 * 0.1, 6);
    const o = m.flows.watch!.origins['us-east']!;
    expect(o.hops.find((h) => h.component === 'shield')!.hitRatio).toBe(0);
    expect(o.cache!.hits.map((h) => h.cache)).toEqual(['edge']);
  });

  it('keeps both where the problem gives each tier its own: 10,000 x 0.1 x 0.5 reach the origin', () => {
    const m = analyse(
      resolveSpec(spec('shield'), { kinds: { cdn: { hit_ratio: 0.9 } }, components: { shield: { kind: 'cdn', hit_ratio: 0.5 } } }),
    );
    expect(m.capacity.videos!['us-east']!.rate).toBeCloseTo(10_000 * 0.1 * 0.5, 6);
  });
});
