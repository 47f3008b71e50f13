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
import { classCeilings, type Givens } from '../../src/specfile/givens.js';
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

  describe('a renamed or added component states no figure better than its kind has in the problem', () => {
    // The scenario: two services (one slow and small, one fast token service), a worker-free problem,
    // and a database. Best per class, by hand: service latency p50 min(5, 1) = 1, p99 min(20, 4) = 4,
    // capacity max(5,000, 20,000) = 20,000, threads max(200, 300) = 300; database capacity 2,000.
    const givens: Givens = {
      components: {
        'sale-api': { kind: 'service', latency_ms: { p50: 5, p99: 20 }, capacity_rps: 5000, threads: 300 },
        'waiting-room': { kind: 'service', latency_ms: { p50: 1, p99: 4 }, capacity_rps: 20_000, threads: 200 },
        'inventory-db': { kind: 'database', capacity_rps: 2000 },
      },
    };

    it('computes the best figure per class, services and workers together', () => {
      const c = classCeilings(givens);
      expect(c.get('service')).toEqual({
        'latency_ms.p50': { value: 1, from: 'given for waiting-room' },
        'latency_ms.p99': { value: 4, from: 'given for waiting-room' },
        capacity_rps: { value: 20_000, from: 'given for waiting-room' },
        threads: { value: 300, from: 'given for sale-api' },
      });
      expect(c.get('database')).toEqual({ capacity_rps: { value: 2000, from: 'given for inventory-db' } });
      expect(c.has('worker')).toBe(false);
      expect(classCeilings(undefined).size).toBe(0);
    });

    it('grades a better stated figure with the best given one, and keeps a worse or equal one', () => {
      const s = spec({
        regions: ['us-east'],
        components: {
          // sale-api renamed: 40,000 > 20,000 and 1,000 > 300 and 0.5 < 1 ms are not used.
          'sale-svc': { kind: 'service', capacity_rps: 40_000, threads: 1000, latency_ms: { p50: 0.5, p99: 2 } },
          // A worker is held to the services' bar.
          relay: { kind: 'worker', capacity_rps: 30_000 },
          // Worse than the best: the spec's own figures.
          slow: { kind: 'service', capacity_rps: 3000, threads: 100, latency_ms: { p50: 8, p99: 30 } },
          // A database renamed to escape its 2,000 writes/s.
          'stock-db': { kind: 'database', capacity_rps: 10_000 },
          // No given for caches: held to the cache default, 100,000 req/s (a named tech/size may bring more).
          c: { kind: 'cache', capacity_rps: 150_000 },
        },
      });
      const m = resolveSpec(s, givens);
      expect(fig(m, 'sale-svc', 'capacity_rps')).toMatchObject({
        value: 20_000,
        origin: 'given',
        claimed: 40_000,
        verdict: 'beyond-givens',
        from: 'given for waiting-room',
      });
      expect(fig(m, 'sale-svc', 'threads')).toMatchObject({
        value: 300,
        claimed: 1000,
        verdict: 'beyond-givens',
        from: 'given for sale-api',
      });
      expect(fig(m, 'sale-svc', 'latency_ms.p50')).toMatchObject({ value: 1, claimed: 0.5, verdict: 'beyond-givens' });
      expect(fig(m, 'sale-svc', 'latency_ms.p99')).toMatchObject({ value: 4, claimed: 2, verdict: 'beyond-givens' });
      expect(m.components['sale-svc']!.capacityRps).toBe(20_000);
      expect(m.components['sale-svc']!.threads).toBe(300);
      expect(fig(m, 'relay', 'capacity_rps')).toMatchObject({ value: 20_000, claimed: 30_000, verdict: 'beyond-givens' });
      expect(fig(m, 'slow', 'capacity_rps')).toMatchObject({ value: 3000, origin: 'spec' });
      expect(fig(m, 'slow', 'threads')).toMatchObject({ value: 100, origin: 'spec' });
      expect(fig(m, 'slow', 'latency_ms.p50')).toMatchObject({ value: 8, origin: 'spec' });
      expect(fig(m, 'stock-db', 'capacity_rps')).toMatchObject({ value: 2000, claimed: 10_000, verdict: 'beyond-givens' });
      expect(fig(m, 'c', 'capacity_rps')).toMatchObject({ value: 100_000, claimed: 150_000, verdict: 'beyond-givens' });
      expect(fig(m, 'c', 'capacity_rps')!.from).toMatch(/^the cache default/);
      // Without a problem nothing changes.
      expect(fig(resolveSpec(s), 'sale-svc', 'capacity_rps')).toMatchObject({ value: 40_000, origin: 'spec' });
    });

    it('holds a derived percentile to the bar too, and leaves named components to their own givens', () => {
      // p50 2 stated alone: p99 derives as 2 x the default's 3x spread = 6, above the bar of 4: kept.
      // p50 1 stated alone: p99 derives as 3 < 4: graded with 4, nothing claimed.
      const s = spec({
        regions: ['us-east'],
        components: {
          a: { kind: 'service', latency_ms: { p50: 2 } },
          b: { kind: 'service', latency_ms: { p50: 1 } },
          'sale-api': { kind: 'service', capacity_rps: 5000 },
        },
      });
      const m = resolveSpec(s, givens);
      expect(m.components.a!.latency).toEqual({ p50: 2, p99: 6 });
      expect(m.components.b!.latency).toEqual({ p50: 1, p99: 4 });
      expect(fig(m, 'b', 'latency_ms.p99')).toMatchObject({ origin: 'given', value: 4 });
      expect(fig(m, 'b', 'latency_ms.p99')!.claimed).toBeUndefined();
      expect(fig(m, 'sale-api', 'capacity_rps')).toMatchObject({ origin: 'given', value: 5000 });
    });
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
