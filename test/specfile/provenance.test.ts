// Figures have provenance: given, else catalog (tech/size), else the spec's own figure if plausible,
// else the kind's default; tech/size are validated with did-you-mean; validate warns, its exit code unchanged.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import { loadSpecText, withGivens } from '../../src/specfile/load.js';
import type { Givens } from '../../src/specfile/givens.js';
import { resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

const spec = (s: Record<string, unknown>): Spec => s as unknown as Spec;
const fig = (m: ReturnType<typeof resolveSpec>, subject: string, field: string) =>
  m.figures!.find((f) => f.subject === subject && f.field === field);

describe('figure provenance', () => {
  it("takes a catalog technology's figures for tech/size", () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east'],
        components: { db: { kind: 'database', tech: 'dynamodb' }, pg: { kind: 'database', tech: 'postgres', size: '2xlarge' } },
      }),
    );
    // DynamoDB, one partition: 3,000 reads/s, 1,000 writes/s per replica; 99.99 % in one region.
    expect(m.components.db!.capacityRps).toBe(3000);
    expect(m.components.db!.writeCapacityRps).toBe(1000);
    expect(m.components.db!.availability).toBe(0.9999);
    expect(fig(m, 'db', 'capacity_rps')).toMatchObject({ origin: 'catalog', value: 3000 });
    // PostgreSQL db.r6g.2xlarge: 4 x the 2-vCPU large's 10,000 = 40,000.
    expect(m.components.pg!.capacityRps).toBe(4 * 10_000);
    expect(m.components.pg!.latency).toEqual({ p50: 2, p99: 8 });
  });

  it('reads and writes use their own capacity: 1,500 reads + 500 writes on one DynamoDB partition', () => {
    const loaded = loadSpecText(
      't.yaml',
      [
        'regions: [us-east]',
        'components:',
        '  api: {kind: service}',
        '  db: {kind: database, tech: dynamodb}',
        'flows:',
        '  r: {kind: read, rate: 1500, path: [api, db]}',
        '  w: {kind: write, rate: 500, path: [api, db]}',
      ].join('\n'),
    );
    if (!loaded.ok) throw new Error('invalid');
    const cap = analyse(loaded.loaded.model).capacity['db']!['us-east']!;
    // 1,500 / 3,000 + 500 / 1,000 = 0.5 + 0.5 = 1.0
    expect(cap.utilization).toBe(1);
  });

  it("where the users are is a given: the problem's shares are used, and a restated share is named", () => {
    const s = spec({
      regions: ['us-east', 'eu-west'],
      users: { 'us-east': 0.3, 'eu-west': 0.7 },
      components: { api: { kind: 'service', regions: ['us-east', 'eu-west'] } },
      flows: { r: { kind: 'read', rate: 1000, path: ['api'] } },
    });
    const m = resolveSpec(s, { users: { 'us-east': 0.6, 'eu-west': 0.4 } });
    expect(m.users).toEqual({ 'us-east': 0.6, 'eu-west': 0.4 });
    expect(fig(m, 'users', 'us-east')).toMatchObject({ value: 0.6, claimed: 0.3, verdict: 'contradicts-given' });
    expect(fig(m, 'users', 'eu-west')).toMatchObject({ value: 0.4, claimed: 0.7, verdict: 'contradicts-given' });
    // The load follows the given shares: api in us-east takes 0.6 x 1,000 = 600 req/s.
    expect(analyse(m).capacity['api']!['us-east']!.rate).toBeCloseTo(600, 6);
    // A spec that writes the given shares, or none, is not named.
    expect(
      resolveSpec(spec({ ...s, users: { 'us-east': 0.6, 'eu-west': 0.4 } }), { users: { 'us-east': 0.6, 'eu-west': 0.4 } }).figures!.some(
        (f) => f.subject === 'users',
      ),
    ).toBe(false);
  });

  it('decides in order: given, catalog, spec (if plausible), default', () => {
    const s = spec({
      regions: ['us-east'],
      components: {
        a: { kind: 'service', capacity_rps: 8000, tech: 'app-server' },
        b: { kind: 'service', capacity_rps: 8000 },
        c: { kind: 'service', capacity_rps: 900_000 },
        d: { kind: 'service' },
      },
    });
    const givens: Givens = { components: { a: { capacity_rps: 3000 } } };
    const m = resolveSpec(s, givens);
    expect(fig(m, 'a', 'capacity_rps')).toMatchObject({ origin: 'given', value: 3000, claimed: 8000, verdict: 'contradicts-given' });
    const n = resolveSpec(s);
    expect(fig(n, 'a', 'capacity_rps')).toMatchObject({ origin: 'catalog', value: 5000, claimed: 8000, verdict: 'catalog' });
    expect(fig(n, 'b', 'capacity_rps')).toMatchObject({ origin: 'spec', value: 8000 });
    // 900,000 > 10 x 20,000: the service default 5,000 is used.
    expect(fig(n, 'c', 'capacity_rps')).toMatchObject({ origin: 'default', value: 5000, claimed: 900_000, verdict: 'out-of-range' });
    expect(fig(n, 'd', 'capacity_rps')).toMatchObject({ origin: 'default', value: 5000 });
  });

  it("kind givens reach a learner's new components; the surge factor is a figure", () => {
    const m = resolveSpec(spec({ regions: ['us-east'], components: { extra: { kind: 'cache' } } }), {
      kinds: { cache: { capacity_rps: 40_000 } },
      surge_factor: 3,
    });
    expect(m.components.extra!.capacityRps).toBe(40_000);
    expect(m.surgeFactor).toBe(3);
    expect(fig(m, 'capacity', 'surge_factor')).toMatchObject({ origin: 'given', value: 3 });
  });

  it("a problem's network givens fix the table: a spec's course table and overrides are not used", () => {
    const s = spec({
      regions: ['us-east', 'eu-west'],
      network: { rtt_table: 'course', rtt_ms: { 'us-east': { 'eu-west': 70 } } },
      components: { api: { kind: 'service' } },
    });
    // Without givens 70 ms is plausible (>= 0.8 x min(82, 80) = 64) and used.
    expect(resolveSpec(s).network.rttMs['us-east']!['eu-west']).toBe(70);
    const m = resolveSpec(s, { network: { rtt_table: 'measured' } });
    expect(m.network.rttMs['us-east']!['eu-west']).toBe(82);
    expect(fig(m, 'network', 'rtt_ms.us-east.eu-west')).toMatchObject({ verdict: 'rtt-fixed', claimed: 70, value: 82 });
  });

  it("an async lag under the problem's floor is graded with the floor", () => {
    const s = spec({
      regions: ['eu-west', 'eu-central'],
      components: { db: { kind: 'database', replication: { mode: 'async', lag_ms: 50 } } },
    });
    // Plausible without givens: above half of eu-west <-> eu-central 8 ms = 4 ms.
    expect(resolveSpec(s).components.db!.replication!.lagMs).toBe(50);
    const m = resolveSpec(s, { replication_lag_floor_ms: 200 });
    expect(m.components.db!.replication!.lagMs).toBe(200);
    expect(fig(m, 'db', 'replication.lag_ms')).toMatchObject({ origin: 'given', claimed: 50, verdict: 'contradicts-given' });
  });

  it('withGivens re-resolves a loaded spec and replaces the figure warnings', () => {
    const loaded = loadSpecText('t.yaml', 'regions: [us-east]\ncomponents:\n  pay: {kind: external, latency_ms: {p50: 4, p99: 4}}\n');
    if (!loaded.ok) throw new Error('invalid');
    expect(loaded.loaded.diagnostics).toEqual([]);
    const g = withGivens(loaded.loaded, { components: { pay: { latency_ms: { p50: 150, p99: 400 } } } });
    expect(g.model.components.pay!.latency).toEqual({ p50: 150, p99: 400 });
    const w = g.diagnostics.find((d) => d.code === 'figure-contradicts-given' && d.message.includes('p99'));
    expect(w).toMatchObject({
      line: 3,
      severity: 'warning',
      message: 'pay latency_ms.p99 is 400 ms in this problem (given for pay); your spec says 4 ms: graded with 400 ms',
    });
  });
});

describe('tech and size validation', () => {
  const load = (yaml: string) => loadSpecText('t.yaml', `regions: [us-east]\ncomponents:\n${yaml}\n`);
  it('suggests the closest technology', () => {
    const r = load('  db: {kind: database, tech: postgress}');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.diagnostics[0]).toMatchObject({
        code: 'unknown-tech',
        line: 3,
        message: expect.stringContaining('did you mean "postgres"?'),
      });
  });
  it('rejects a technology of another kind, naming the ones that fit', () => {
    const r = load('  q: {kind: queue, tech: redis}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ code: 'tech-wrong-kind', message: expect.stringContaining('kafka, sqs') });
  });
  it('suggests the closest size', () => {
    const r = load('  db: {kind: database, tech: postgres, size: larg}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ code: 'unknown-size', message: expect.stringContaining('did you mean "large"?') });
  });
});

describe('validate warns on implausible figures without changing its exit code', () => {
  it('exits 0 with a located warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-prov-'));
    const file = join(dir, 's.yaml');
    writeFileSync(file, 'regions: [us-east]\ncomponents:\n  api: {kind: service, capacity_rps: 1000000}\n');
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const r = spawnSync(process.execPath, [join(root, 'bin', 'sdcoach.js'), 'validate', file], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.status).toBe(0);
    // 1,000,000 > 10 x 20,000 = 200,000 for a service: graded with the default 5,000.
    expect(r.stdout).toMatch(
      /s\.yaml:3:\d+ .*api capacity_rps of 1,000,000 req\/s is outside the plausible range \(between 0 and 200,000 req\/s\): graded with 5000 req\/s/,
    );
  });
});
