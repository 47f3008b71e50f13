// Rate limits at a gateway: what exceeds the limit is rejected (HTTP 429) and reaches nothing behind.
// Every expected figure is worked out by hand below.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { runDrill } from '../../src/analysis/drills/run.js';
import { formatDrillText } from '../../src/grading/format/drill.js';
import { modelOf } from './model-of.js';

const spec = (limit: string, rate = 6000) => `
regions: [us-east, eu-west]
users: {us-east: 0.75, eu-west: 0.25}
components:
  gateway:
    kind: gateway
    replicas: 4
    latency_ms: {p50: 2, p99: 5}
${limit}
  api: {kind: service, replicas: 6, latency_ms: {p50: 10, p99: 30}}
  db: {kind: database, replicas: 3, latency_ms: {p50: 2, p99: 8}}
flows:
  browse: {kind: read, rate: ${rate}, path: [gateway, api, db], budget_ms: {p99: 100}}
`;

describe('a per-region limit', () => {
  // 8,000 req/s: us-east 0.75 x 8,000 = 6,000, eu-west 2,000; the limit admits 5,000 in each region.
  const m = analyse(modelOf(spec('    rate_limit: {rps: 5000}', 8000)));

  it('rejects only where arrivals exceed it', () => {
    // us-east: 6,000 - 5,000 = 1,000 rejected, 1,000 / 6,000 = 16.67 %; eu-west: 2,000 < 5,000, none.
    expect(m.rateLimits!.gateway!['us-east']).toMatchObject({ arrivingRps: 6000, admittedRps: 5000, rejectedRps: 1000 });
    expect(m.rateLimits!.gateway!['us-east']!.rejectedShare).toBeCloseTo(1 / 6, 5);
    expect(m.rateLimits!.gateway!['eu-west']).toMatchObject({ arrivingRps: 2000, rejectedRps: 0 });
  });

  it('sends only what it admits to the tiers behind', () => {
    // The gateway takes all 6,000 in us-east; api and db behind it 5,000.
    expect(m.capacity.gateway!['us-east']!.rate).toBe(6000);
    expect(m.capacity.api!['us-east']!.rate).toBe(5000);
    expect(m.capacity.api!['eu-west']!.rate).toBe(2000);
  });

  it("reports the flow's rejected share and rate", () => {
    // 1,000 of 8,000 = 12.5 % of the flow.
    expect(m.flows.browse!.rejected).toMatchObject({ share: 0.125, rps: 1000 });
  });
});

describe('a global limit', () => {
  it('admits the same share in every region', () => {
    // 8,000 arrive in all, the shared counter admits 6,000: 6,000 / 8,000 = 75 % everywhere.
    // us-east 6,000 x 0.75 = 4,500 admitted; eu-west 2,000 x 0.75 = 1,500.
    const m = analyse(modelOf(spec('    rate_limit: {rps: 6000, per: global}', 8000)));
    expect(m.rateLimits!.gateway!['us-east']).toMatchObject({ admittedRps: 4500, rejectedRps: 1500, globalArrivingRps: 8000 });
    expect(m.rateLimits!.gateway!['eu-west']).toMatchObject({ admittedRps: 1500, rejectedRps: 500 });
    expect(m.capacity.api!['us-east']!.rate).toBe(4500);
  });
});

describe("a global limit's counter", () => {
  // A limit shared by every region keeps one counter, in the gateway's first region (us-east). 20,000 is
  // above the 8,000 arriving, so nothing is rejected and every tier carries the same load either way:
  // the only difference is the round trip from eu-west to the counter, us-east <-> eu-west 82 ms
  // (src/data/figures.ts, measured), paid at p50 and p99 alike. us-east counts at home and pays nothing.
  const local = analyse(modelOf(spec('    rate_limit: {rps: 20000}', 8000)));
  const global = analyse(modelOf(spec('    rate_limit: {rps: 20000, per: global}', 8000)));

  it('costs a request in another region the round trip to it', () => {
    const eu = global.flows.browse!.origins['eu-west']!;
    expect(eu.hops[0]).toMatchObject({ component: 'gateway', region: 'eu-west', replicationMs: 82, replicationKind: 'counter' });
    expect(eu.p99 - local.flows.browse!.origins['eu-west']!.p99).toBeCloseTo(82, 6);
    expect(eu.p50 - local.flows.browse!.origins['eu-west']!.p50).toBeCloseTo(82, 6);
  });

  it('costs nothing in its own region', () => {
    expect(global.flows.browse!.origins['us-east']!.hops[0]!.replicationMs).toBe(0);
    expect(global.flows.browse!.origins['us-east']!.p99).toBe(local.flows.browse!.origins['us-east']!.p99);
  });
});

describe('behind a CDN', () => {
  it('counts only the misses that reach it', () => {
    // 10,000 reads, 90 % answered by the edge: 1,000 reach the gateway, under its 1,500 limit.
    const m = analyse(
      modelOf(`
regions: [us-east]
components:
  edge: {kind: cdn, hit_ratio: 0.9}
  gateway: {kind: gateway, rate_limit: {rps: 1500}}
  api: {kind: service}
flows:
  read: {kind: read, rate: 10000, path: [edge, gateway, api]}
`),
    );
    expect(m.rateLimits!.gateway!['us-east']).toMatchObject({ arrivingRps: 1000, rejectedRps: 0 });
  });
});

describe('a surge drill', () => {
  it('shows what the gateway rejects instead of an overload behind it', () => {
    // One region (users all in us-east): 6,000 x 3 = 18,000 arrive, the limit admits 9,000, rejects 9,000 (50 %).
    // api: 9,000 of 6 x 5,000 = 30 %; db: 9,000 reads over 3 replicas = 3,000 of 10,000 per node = 30 %.
    const model = modelOf(spec('    rate_limit: {rps: 9000}').replace('users: {us-east: 0.75, eu-west: 0.25}', 'users: {us-east: 1}'));
    const r = runDrill(model, [{ kind: 'surge', factor: 3 }]);
    const p = r.final;
    expect(p.rejected).toEqual([
      { component: 'gateway', region: 'us-east', rejectedRps: 9000, arrivingRps: 18000, limitRps: 9000, per: 'region' },
    ]);
    expect(p.flows.browse!.rejectedShare).toBe(0.5);
    expect(p.flows.browse!.errorShare).toBe(0);
    expect(p.overloaded).toEqual([]);
    expect(p.metrics.capacity.api!['us-east']!.utilization).toBeCloseTo(0.3, 6);
    expect(p.metrics.capacity.db!['us-east']!.utilization).toBeCloseTo(0.3, 6);
    const text = formatDrillText(r, 'inline.yaml');
    expect(text).toContain('rejected 9,000 req/s at gateway in us-east (HTTP 429): 18,000 arrive, its limit admits 9,000 per region');
  });
});
