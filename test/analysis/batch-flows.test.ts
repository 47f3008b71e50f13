// Batch flows (`throughput`: no user origin) through everything that walks flows: the loader, every
// check, drills, diagrams and the editor's hover. The figures are worked out by hand from the spec below.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { runDrill } from '../../src/analysis/drills/run.js';
import { parseScenario } from '../../src/analysis/drills/scenario.js';
import { ALL_CHECKS } from '../../src/checks/registry.js';
import { asciiDiagram } from '../../src/diagrams/ascii.js';
import { designToMermaid } from '../../src/diagrams/mermaid.js';
import { gradeLoaded } from '../../src/grading/grade.js';
import { defaultRubric } from '../../src/grading/rubric.js';
import { Engine, hover } from '../../src/lsp/engine.js';
import { loadSpecText } from '../../src/specfile/load.js';
import { modelOf } from './model-of.js';

// An hourly export job in us-east reads orders-db (shared with the users' get-order) and writes files.
// Users are in eu-west and us-east; the job has no users: it runs where it says.
const SPEC = `regions: [us-east, eu-west]
users: {us-east: 0.5, eu-west: 0.5}
components:
  api: {kind: service, replicas: 2, latency_ms: 10}
  exporter: {kind: worker, regions: [us-east], replicas: 4, threads: 50, latency_ms: 5}
  orders-db: {kind: database, regions: [us-east], replicas: 2, latency_ms: 5}
  files: {kind: object-store, regions: [us-east], write_latency_ms: 50}
flows:
  get-order: {kind: read, rate: 4000, path: [api, orders-db], budget_ms: {p99: 200}, availability: 0.99}
  export:
    kind: write
    throughput: {items: 36000000, window_s: 3600, item: row}
    path: [exporter, {to: orders-db, latency_ms: 5}, files]
`;

describe('a batch flow', () => {
  const model = modelOf(SPEC);
  const metrics = analyse(model);

  it('starts in runs_in (default: the first region) at its needed rate, outside the read:write totals', () => {
    const f = model.flows['export']!;
    expect(f.origins).toEqual(['us-east']);
    // 36,000,000 rows / 3,600 s = 10,000 rows/s
    expect(f.rate).toBe(36_000_000 / 3_600);
    expect(model.workload.readsPerS).toBe(4000);
    expect(model.workload.writesPerS).toBe(0);
  });

  it('loads what it shares: orders-db carries the export writes on each replica', () => {
    // Each of the 2 replicas applies all 10,000 export writes/s and serves half of the 4,000 reads (users of
    // both regions read the only copy, in us-east): 10,000 + 4,000 / 2 = 12,000 req/s of 10,000: 120 %.
    expect(metrics.capacity['orders-db']!['us-east']!.utilization).toBeCloseTo((10_000 + 4_000 / 2) / 10_000, 4);
  });

  it('runs every check without throwing, and scalability/throughput names the starved store', () => {
    for (const check of ALL_CHECKS) {
      const options = check.meta.defaults as Record<string, unknown>;
      expect(() => check.run({ model, metrics, options }), check.meta.id).not.toThrow();
    }
    const t = ALL_CHECKS.find((c) => c.meta.id === 'scalability/throughput')!;
    const findings = t.run({ model, metrics, options: t.meta.defaults });
    // get-order alone uses 4,000 / 2 / 10,000 = 20 %; each row/s adds 1 / 10,000: (80 % - 20 %) / 0.01 % = 6,000 rows/s.
    const short = findings.find((f) => f.messageId === 'short')!;
    expect((short.evidence as { achievable: number }).achievable).toBeCloseTo((0.8 - 0.2) / (1 / 10_000), 0);
    expect(findings.some((f) => f.messageId === 'starves' && String(f.data.sharedWith) === 'get-order')).toBe(true);
  });

  it('grades against the default rubric, and the budget of a batch flow is not graded when it states none', () => {
    const loaded = loadSpecText('batch.yaml', SPEC);
    if (!loaded.ok) throw new Error('invalid');
    const report = gradeLoaded(loaded.loaded, defaultRubric());
    const budget = report.checks.find((c) => c.id === 'latency/flow-budget')!;
    expect(budget.findings.every((f) => !f.message.startsWith('export'))).toBe(true);
  });

  it('survives drills: region loss, a slow dependency, a surge', () => {
    for (const s of ['region-down:us-east', 'slow:orders-db=500', 'surge:3', 'region-down:eu-west']) {
      const p = parseScenario(s);
      if (!p.ok) throw new Error(p.message);
      expect(() => runDrill(model, [p.scenario]), s).not.toThrow();
    }
  });

  it('draws, and hovers with its target and bottleneck', () => {
    expect(() => asciiDiagram(model, metrics, { width: 100 })).not.toThrow();
    expect(designToMermaid(model, metrics)).toContain('exporter');
    const engine = new Engine({ catalogs: [] });
    const analysed = engine.analyse('batch.yaml', SPEC);
    const line = SPEC.split('\n').findIndex((l) => l.startsWith('  export:'));
    const text = hover(SPEC, { line, character: 4 }, analysed)!;
    expect(text).toContain('batch from us-east: needs 10,000 rows/s');
    expect(text).toContain('bottleneck: orders-db');
  });
});

describe('batch and fan-out fields are validated', () => {
  const errors = (yaml: string) => {
    const r = loadSpecText('x.yaml', yaml);
    return r.ok ? r.loaded.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code) : r.diagnostics.map((d) => d.code);
  };
  const base = `regions: [us-east]
components:
  w: {kind: worker}
  q: {kind: queue}
  db: {kind: database}
  tl: {kind: cache}
  fw: {kind: worker, consumes: q, writes: tl}
flows:
`;
  it('a batch flow has no origins and one target', () => {
    expect(errors(`${base}  j: {kind: write, origins: [us-east], throughput: {items_per_s: 5}, path: [w, db]}\n`)).toContain(
      'batch-origins',
    );
    expect(errors(`${base}  j: {kind: write, throughput: {items: 5}, path: [w, db]}\n`)).toContain('batch-target');
    expect(errors(`${base}  j: {kind: write, throughput: {items_per_s: 5, window_s: 9}, path: [w, db]}\n`)).toContain('batch-target');
    expect(errors(`${base}  j: {kind: write, throughput: {items_per_s: 5, runs_in: eu-west}, path: [w, db]}\n`)).toContain(
      'undeclared-region',
    );
    expect(errors(`${base}  j: {kind: write, throughput: {items_per_s: 5}, path: [w, db]}\n`)).toEqual([]);
  });
  it('fan-out on write goes on a queue consumed by a worker that writes the timelines, with ordered followers', () => {
    const step = (to: string, fw: string) => `${base}  p: {kind: write, rate: 1, path: [w, {to: ${to}, fanout_on_write: ${fw}}]}\n`;
    expect(errors(step('db', '{followers: {mean: 2, max: 9}}'))).toContain('fanout-target');
    expect(errors(step('q', '{followers: {mean: 20, max: 9}}'))).toContain('followers-order');
    expect(errors(step('q', '{followers: {mean: 2, max: 9}, threshold: 5}'))).toContain('missing-field');
    expect(errors(step('q', '{followers: {mean: 2, max: 9}, threshold: 5, pull_from: db}'))).toEqual([]);
    // Through an outbox: the store step publishes the post to the queue the fan-out workers consume.
    const withRelay = base.replace('flows:\n', '  relay: {kind: worker, consumes: db, writes: q}\nflows:\n');
    expect(
      errors(
        `${withRelay}  p: {kind: write, rate: 1, path: [w, {to: db, publish: {via: outbox, stream: q, relay: relay}, fanout_on_write: {followers: {mean: 2, max: 9}}}]}\n`,
      ),
    ).toEqual([]);
    expect(
      errors(step('q', '{followers: {mean: 2, max: 9}}').replace('fw: {kind: worker, consumes: q, writes: tl}', 'fw: {kind: worker}')),
    ).toContain('fanout-consumer');
  });
});
