// Against a problem the prompt's traffic is its flows: a stated workload total is held to their sum.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

const spec = {
  regions: ['us-east'],
  components: { api: { kind: 'service' }, db: { kind: 'database' } },
  flows: {
    read: { kind: 'read', rate: 25_000, path: ['api', 'db'], budget_ms: { p99: 100 } },
    'read-more': { kind: 'read', rate: 5_000, path: ['api', 'db'], budget_ms: { p99: 100 } },
    write: { kind: 'write', rate: 6_000, path: ['api', 'db'], budget_ms: { p99: 100 } },
  },
  workload: { reads_per_s: 3_000_000, writes_per_s: 6_000 },
} as unknown as Spec;

describe('workload totals', () => {
  it("hold a stated total to the flows' sum against a problem: 25,000 + 5,000 reads/s, not 3M", () => {
    const m = resolveSpec(spec, {});
    expect(m.workload.readsPerS).toBe(25_000 + 5_000);
    expect(m.workload.writesPerS).toBe(6_000);
    // The writes were stated as the flows carry them: graded, not a claim.
    expect(m.figures!.filter((f) => f.subject === 'workload' && f.claimed === undefined).map((f) => f.field)).toEqual(['writes_per_s']);
    expect(m.figures!.filter((f) => f.subject === 'workload' && f.claimed !== undefined)).toEqual([
      {
        subject: 'workload',
        field: 'reads_per_s',
        value: 30_000,
        origin: 'given',
        from: "the sum of the flows' rates",
        claimed: 3_000_000,
        verdict: 'contradicts-given',
        path: ['workload', 'reads_per_s'],
      },
    ]);
    // 30,000 / 6,000 = 5:1, the ratio the design serves
    expect(analyse(m).workload.readWriteRatio).toBeCloseTo(5, 6);
  });

  it("name only a total that flatters the ratio beyond 1.5x: the prompt's rounded 36,000 reads/s beside 30,000 is graded with the sum", () => {
    const near = resolveSpec({ ...spec, workload: { reads_per_s: 36_000, writes_per_s: 5_000 } }, {});
    expect(near.workload.readsPerS).toBe(30_000);
    expect(near.workload.writesPerS).toBe(6_000);
    expect(near.figures!.filter((f) => f.subject === 'workload' && f.claimed !== undefined)).toEqual([]);
    // 6,000 / 1.5 = 4,000: writes stated at 3,900 flatter it
    const few = resolveSpec({ ...spec, workload: { writes_per_s: 3_900 } }, {});
    expect(few.figures!.filter((f) => f.claimed !== undefined).map((f) => [f.field, f.claimed, f.value])).toEqual([
      ['writes_per_s', 3_900, 6_000],
    ]);
  });

  it('keep a stated total without a problem (traffic the flows do not model)', () => {
    const m = resolveSpec(spec);
    expect(m.workload.readsPerS).toBe(3_000_000);
    expect(m.workload.derived.reads).toBe(false);
  });
});
