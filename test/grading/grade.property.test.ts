// Grading never throws on a spec the validator accepts: random but schema-valid designs (any kinds,
// regions, replication and failover modes, pools, flows over existing components, patterns naming
// them) are loaded, analysed and graded by every shipped check and the general rubric.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ALL_CHECKS } from '../../src/checks/registry.js';
import { gradeLoaded } from '../../src/grading/grade.js';
import { reportToJson, stringifyJson } from '../../src/grading/format/json.js';
import { formatText } from '../../src/grading/format/text.js';
import { defaultRubric, type Rubric } from '../../src/grading/rubric.js';
import { loadSpecText } from '../../src/specfile/load.js';

const SCALE = Number(process.env.SDCOACH_FC_SCALE ?? 1) || 1;
const REGIONS = ['us-east', 'us-west', 'eu-west', 'eu-central', 'ap-northeast', 'ap-southeast'] as const;
const KINDS = [
  'client',
  'cdn',
  'load-balancer',
  'gateway',
  'service',
  'worker',
  'cache',
  'database',
  'queue',
  'stream',
  'event-store',
  'search',
  'object-store',
  'external',
] as const;
const STORES = new Set(['cache', 'database', 'queue', 'stream', 'event-store', 'search', 'object-store']);

const latency = fc.oneof(
  fc.integer({ min: 0, max: 500 }),
  fc.record({ p50: fc.integer({ min: 0, max: 200 }), p99: fc.integer({ min: 200, max: 2000 }) }),
);

const design = fc
  .record({
    regions: fc.uniqueArray(fc.constantFrom(...REGIONS), { minLength: 1, maxLength: 4 }),
    kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 9 }),
    seed: fc.array(fc.nat(1000), { minLength: 40, maxLength: 40 }),
    flows: fc.array(
      fc.record({
        kind: fc.constantFrom('read', 'write'),
        rate: fc.integer({ min: 0, max: 100000 }),
        hops: fc.array(fc.nat(20), { minLength: 1, maxLength: 6 }),
        strong: fc.boolean(),
        budget: fc.integer({ min: 1, max: 5000 }),
      }),
      { maxLength: 5 },
    ),
    latencies: fc.array(latency, { minLength: 10, maxLength: 10 }),
    patterns: fc.record({ cqrs: fc.boolean(), es: fc.boolean(), mesh: fc.boolean(), bulkhead: fc.boolean(), multi: fc.boolean() }),
  })
  .map(({ regions, kinds, seed, flows, latencies, patterns }) => {
    const pick = <T>(xs: readonly T[], i: number): T => xs[seed[i % seed.length]! % xs.length]!;
    const ids = kinds.map((k, i) => `${k}-${i}`);
    const components: Record<string, Record<string, unknown>> = {};
    kinds.forEach((kind, i) => {
      const c: Record<string, unknown> = { kind, latency_ms: latencies[i % latencies.length] };
      if (kind !== 'external' && seed[i]! % 2) c.regions = regions.slice(0, 1 + (seed[i]! % regions.length));
      if (kind === 'external' && seed[i]! % 3 === 0) c.regions = [regions[0]];
      if (kind !== 'client' && kind !== 'external') c.replicas = 1 + (seed[i + 1]! % 5);
      if (STORES.has(kind)) {
        c.replication = { mode: pick(['none', 'sync', 'async', 'consensus'], i) };
        const mode = pick(['none', 'active-passive', 'active-active'], i + 2);
        const others = REGIONS.filter((r) => r !== ((c.regions as string[] | undefined)?.[0] ?? regions[0]) && regions.includes(r));
        if (mode === 'active-passive' && others.length)
          c.failover = { mode, standby: others[0], detect_s: seed[i]! % 60, promote_s: seed[i + 3]! % 90 };
        if (mode === 'active-active') c.failover = { mode, conflict: pick(['none', 'last-writer-wins', 'crdt'], i) };
        if (kind === 'database') c.role = pick(['write', 'read-model', 'both'], i + 4);
      }
      if (kind === 'service' || kind === 'gateway') {
        c.threads = 1 + (seed[i]! % 400);
        const deps = ids.filter((d, j) => j !== i && seed[j]! % 2 === 0).slice(0, 3);
        if (deps.length)
          c.pools = Object.fromEntries(
            deps.map((d, j) => [d, j % 2 ? 1 + (seed[j]! % 50) : { size: 1 + (seed[j]! % 50), timeout_ms: seed[j]! % 900 }]),
          );
      }
      if (kind === 'external' && seed[i]! % 2) c.timeout_ms = 50 + (seed[i]! % 1000);
      components[ids[i]!] = c;
    });
    const flowEntries: Record<string, unknown> = {};
    flows.forEach((f, n) => {
      const path: string[] = [];
      for (const h of f.hops) {
        const id = ids[h % ids.length]!;
        if (path.at(-1) !== id && !(components[id]!.kind === 'client' && path.length)) path.push(id);
      }
      if (!path.length) return;
      flowEntries[`flow-${n}`] = {
        kind: f.kind,
        rate: f.rate,
        path,
        budget_ms: { p99: f.budget },
        ...(f.strong && f.kind === 'read' ? { consistency: 'strong' } : {}),
      };
    });
    const stores = ids.filter((id) => STORES.has(components[id]!.kind as string));
    const runners = ids.filter((id) => ['service', 'gateway', 'worker'].includes(components[id]!.kind as string));
    const p: Record<string, unknown> = {};
    if (patterns.cqrs && stores.length) p.cqrs = { commands: stores[0], queries: stores.at(-1) };
    if (patterns.es && stores.length)
      p.event_sourcing = {
        store: ids.find((id) => ['event-store', 'database', 'stream'].includes(components[id]!.kind as string)) ?? stores[0],
        snapshot_every: 1 + (seed[5]! % 200),
        max_events_per_aggregate: seed[6]! * 10,
      };
    if (patterns.mesh) p.mesh = { mtls: seed[7]! % 2 === 0 };
    if (patterns.bulkhead && runners.length) p.bulkhead = { services: runners.slice(0, 1) };
    if (patterns.multi)
      p.multi_region = { strategy: pick(['single-region', 'active-passive', 'data-locality', 'async-replication', 'global-consensus'], 8) };
    if (
      p.event_sourcing &&
      !['event-store', 'database', 'stream'].includes(components[(p.event_sourcing as { store: string }).store]!.kind as string)
    )
      delete p.event_sourcing;
    return { regions, components, flows: flowEntries, patterns: p, requirements: { availability: 0.999, rto_s: 60, rpo_s: 1 } };
  });

describe('grading never throws on a valid spec', () => {
  const rubric: Rubric = defaultRubric();
  it('grades random valid designs with every check', () => {
    let graded = 0;
    fc.assert(
      fc.property(design, (spec) => {
        const text = stringify(spec);
        const r = loadSpecText('random.yaml', text);
        if (!r.ok) return; // the generator may produce semantic errors (e.g. a store in an undeclared region): only valid specs are the point
        graded++;
        const report = gradeLoaded(r.loaded, rubric);
        expect(
          report.checks.every((c) => !c.message.startsWith('internal error')),
          JSON.stringify(report.checks.filter((c) => c.message.startsWith('internal error')).map((c) => c.message)),
        ).toBe(true);
        expect(Number.isFinite(report.score)).toBe(true);
        expect(() => stringifyJson(reportToJson(report))).not.toThrow();
        expect(() => formatText(report, { color: false, verbose: true })).not.toThrow();
        for (const check of ALL_CHECKS) {
          expect(
            () =>
              check.run({
                model: r.loaded.model,
                metrics: report.metrics,
                options: { ...(check.meta.defaults as Record<string, unknown>) },
              }),
            check.meta.id,
          ).not.toThrow();
        }
      }),
      { numRuns: 150 * SCALE },
    );
    expect(graded).toBeGreaterThan(30);
  }, 120_000);
});
