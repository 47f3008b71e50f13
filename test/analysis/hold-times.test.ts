// holdTimes in one pass from the end of the path: the same hold per hop as summing the rest of the path for each
// hop (the rule as first written, quadratic in the hops: a spec of parallel groups of 64 x 64 hops took 33 s to
// grade, review attack), on random paths of plain hops, parallel groups and fan-outs, threaded and not.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HopLatency, OriginLatency } from '../../src/analysis/metrics.js';
import { holdTimes } from '../../src/analysis/pools.js';
import type { Model } from '../../src/specfile/model.js';

/** The rule, hop by hop: the hop's own call, then the rest of its branch, or the rest of the path with each later group once. */
function reference(model: Model, lat: OriginLatency): number[] {
  const one = (h: HopLatency) => (h.single ?? h.total).p99;
  return lat.hops.map((hop, i) => {
    const c = model.components[hop.component]!;
    if (!(c.kind === 'service' || c.kind === 'gateway' || c.kind === 'worker' || c.threads !== undefined)) return one(hop);
    let ms = one(hop);
    const seen = new Set<number>();
    for (const h of lat.hops.slice(i + 1)) {
      if (hop.group) {
        if (h.group?.step === hop.group.step && h.group.branch === hop.group.branch) ms += h.total.p99;
      } else if (!h.group) ms += h.total.p99;
      else if (!seen.has(h.group.step)) {
        seen.add(h.group.step);
        ms += lat.parallel?.find((p) => p.kind === 'parallel' && p.step === h.group!.step)?.p99 ?? 0;
      }
    }
    return ms;
  });
}

const KINDS = ['service', 'database', 'gateway', 'cache', 'worker', 'queue'];
// A path step: a plain hop (kind, p99, fan-out's single call or none) or a parallel group of branches of such hops.
const hopArb = fc.record({
  kind: fc.nat(KINDS.length - 1),
  p99: fc.integer({ min: 1, max: 500 }),
  single: fc.option(fc.integer({ min: 1, max: 100 })),
});
const stepArb = fc.oneof(
  hopArb.map((h) => ({ hop: h })),
  fc.array(fc.array(hopArb, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 4 }).map((b) => ({ branches: b })),
);

describe('holdTimes', () => {
  it('holds each hop as the rest of its path or branch does, as summing it hop by hop', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 2000 }), (steps, groupP99) => {
        const components: Record<string, { kind: string; threads?: number }> = {};
        const hops: HopLatency[] = [];
        const parallel: { kind: 'parallel'; step: number; p99: number }[] = [];
        const add = (h: { kind: number; p99: number; single: number | null }, group?: { step: number; branch: number }) => {
          const id = `c${hops.length}`;
          components[id] = { kind: KINDS[h.kind]! };
          const hop = { component: id, index: hops.length, total: { p50: 1, p99: h.p99 } } as unknown as HopLatency;
          if (h.single !== null) hop.single = { p50: 1, p99: h.single };
          if (group) hop.group = group;
          hops.push(hop);
        };
        steps.forEach((s, step) => {
          if ('hop' in s) add(s.hop);
          else {
            parallel.push({ kind: 'parallel', step, p99: groupP99 + step });
            s.branches.forEach((b, branch) => b.forEach((h) => add(h, { step, branch })));
          }
        });
        const model = { components } as unknown as Model;
        const lat = { origin: 'us-east', p50: 0, p99: 0, hops, parallel } as unknown as OriginLatency;
        expect(holdTimes(model, lat)).toEqual(reference(model, lat));
      }),
      { numRuns: 300, seed: 7 },
    );
  });
});
