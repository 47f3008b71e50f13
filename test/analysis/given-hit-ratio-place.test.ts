// A hit ratio the problem gives a named cache is a figure of the keys that cache holds in the stage's reference (the
// stores behind it there): kept under its name in front of another store, it answers nothing there.
import { describe, expect, it } from 'vitest';
import { routeFlow } from '../../src/analysis/route.js';
import type { Givens } from '../../src/specfile/givens.js';
import { placesIn } from '../../src/specfile/places.js';
import { resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

const spec = (components: Record<string, unknown>, redirect: unknown[], stats: unknown[]) =>
  ({
    regions: ['us-east'],
    components,
    flows: {
      redirect: { kind: 'read', rate: 1000, path: redirect, budget_ms: { p99: 100 } },
      stats: { kind: 'read', rate: 100, path: stats, budget_ms: { p99: 500 } },
    },
  }) as unknown as Spec;

const base = {
  api: { kind: 'service' },
  'links-cache': { kind: 'cache' },
  'links-db': { kind: 'database' },
  'clicks-db': { kind: 'database' },
};
// The reference caches links (links-db) on redirect; stats reads clicks-db directly.
const reference = spec(base, ['api', 'links-cache', 'links-db'], ['api', 'clicks-db']);
const givens: Givens = {
  components: { 'links-cache': { kind: 'cache', hit_ratio: 0.9 } },
  placesOf: () => placesIn(reference.flows, reference.components),
};

/** The share of a flow's reads that reach `store`. */
function reach(s: Spec, flow: string, store: string): number {
  const m = resolveSpec(s, givens);
  return routeFlow(m, m.flows[flow]!, 'us-east').find((h) => h.component === store)!.reach;
}

describe("a named cache's given hit ratio", () => {
  it('answers 90 % of the reads in front of the store it caches in the reference', () => {
    expect(reach(reference, 'redirect', 'links-db')).toBeCloseTo(0.1, 10);
  });

  it('answers nothing in front of another store, under the same name', () => {
    const squat = spec(base, ['api', 'links-db'], ['api', 'links-cache', 'clicks-db']);
    expect(reach(squat, 'stats', 'clicks-db')).toBe(1);
    expect(reach(squat, 'redirect', 'links-db')).toBe(1);
  });

  it('keeps its ratio in front of a service that reads the store, and where the cache is the last hop', () => {
    const viaService = spec(
      { ...base, 'links-svc': { kind: 'service' } },
      ['api', 'links-cache', 'links-svc', 'links-db'],
      ['api', 'clicks-db'],
    );
    expect(reach(viaService, 'redirect', 'links-db')).toBeCloseTo(0.1, 10);
    // In front of both stores on one flow: one of them is the reference's, so the ratio holds.
    const both = spec(base, ['api', 'links-cache', 'links-db', 'clicks-db'], ['api', 'clicks-db']);
    expect(reach(both, 'redirect', 'links-db')).toBeCloseTo(0.1, 10);
  });

  it('is held the same way by a cache standing in for it (renamed, in its place)', () => {
    const { 'links-cache': _, ...rest } = base;
    const renamed = { ...rest, 'url-cache': { kind: 'cache' } };
    expect(reach(spec(renamed, ['api', 'url-cache', 'links-db'], ['api', 'clicks-db']), 'redirect', 'links-db')).toBeCloseTo(0.1, 10);
  });

  it('is not restricted without a problem', () => {
    const m = resolveSpec(
      spec({ ...base, 'links-cache': { kind: 'cache', hit_ratio: 0.9 } }, ['api', 'links-db'], ['api', 'links-cache', 'clicks-db']),
    );
    expect(routeFlow(m, m.flows.stats!, 'us-east').find((h) => h.component === 'clicks-db')!.reach).toBeCloseTo(0.1, 10);
  });
});
