// Against a problem, a query the reference makes of a partitioned store reads as many partitions as the reference's
// does while the spec keeps the store's partition key: the key decides the scatter, not the path as written.
import { describe, expect, it } from 'vitest';
import { placesIn } from '../../src/specfile/places.js';
import type { Givens } from '../../src/specfile/givens.js';
import { resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

const design = (key: string, count: number, step: unknown) =>
  ({
    regions: ['us-east'],
    components: {
      api: { kind: 'service' },
      idx: { kind: 'search', partitions: { count, key } },
    },
    flows: { near: { kind: 'read', rate: 1000, path: ['api', step], budget_ms: { p99: 200 } } },
  }) as unknown as Spec;

// The reference scatters to all 16 cells of an index keyed by geohash.
const reference = design('geohash', 16, { to: 'idx', fanout: 16 });
const givens: Givens = {
  components: { idx: { kind: 'search' } },
  placesOf: () => placesIn(reference.flows, reference.components),
};
const hop = (spec: Spec) => resolveSpec(spec, givens).flows.near!.hops?.find((h) => h.component === 'idx');

describe('a prompt query over a partitioned store', () => {
  it('is graded at every partition when the spec drops the fan-out but keeps the key', () => {
    const m = resolveSpec(design('geohash', 16, 'idx'), givens);
    expect(m.flows.near!.hops!.find((h) => h.component === 'idx')!.fanout).toBe(16);
    expect(m.figures!.find((f) => f.field === 'fanout to idx')).toMatchObject({ value: 16, claimed: 1, verdict: 'contradicts-given' });
  });

  it("reads the spec's own count of partitions: all of them, 32 when it has 32", () => {
    expect(hop(design('GeoHash ', 32, { to: 'idx', fanout: 4 }))!.fanout).toBe(32);
    // The same key with separators or another case: still the reference's key.
    expect(hop(design('geo_hash', 16, 'idx'))!.fanout).toBe(16);
    expect(hop(design('Geo-Hash', 16, 'idx'))!.fanout).toBe(16);
  });

  it('reads as many partitions as the reference calls where it calls more than it has partitions (9 cells of 8 partitions)', () => {
    const nine = design('geohash', 8, { to: 'idx', fanout: 9 });
    const g: Givens = { components: { idx: { kind: 'search' } }, placesOf: () => placesIn(nine.flows, nine.components) };
    const at = (spec: Spec) => resolveSpec(spec, g).flows.near!.hops!.find((h) => h.component === 'idx')!.fanout;
    expect(at(design('geohash', 16, 'idx'))).toBe(9);
    expect(at(design('geohash', 4, 'idx'))).toBe(4);
  });

  it('leaves a spec that partitions by another key, or already scatters as widely, alone', () => {
    expect(hop(design('rider_id', 16, 'idx'))?.fanout ?? 1).toBe(1);
    const same = resolveSpec(design('geohash', 16, { to: 'idx', fanout: 16 }), givens);
    expect(same.figures!.some((f) => f.field === 'fanout to idx')).toBe(false);
  });

  it('holds nothing without a problem', () => {
    expect(resolveSpec(design('geohash', 16, 'idx')).flows.near!.hops?.find((h) => h.component === 'idx')?.fanout ?? 1).toBe(1);
  });
});
