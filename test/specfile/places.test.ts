// A component in the place of a named one is that component: renamed (or declared another kind that runs
// requests), it is held to the named one's givens, which can only make it worse, never better.
import { describe, expect, it } from 'vitest';
import type { Givens } from '../../src/specfile/givens.js';
import { pathIds, placesIn, standIns } from '../../src/specfile/places.js';
import { resolveSpec } from '../../src/specfile/resolve.js';
import { figureNote } from '../../src/specfile/figure-notes.js';
import { analyse } from '../../src/analysis/analyse.js';
import type { Spec } from '../../src/specfile/types.js';
import type { PathStep } from '../../src/specfile/spec-types.js';
import { reachStandIns } from '../../src/grading/grade.js';
import honestFigures from '../../src/checks/design/honest-figures.js';

// The reference design of the stage: buy goes gateway -> sale-api -> inventory-db; a transcoder consumes jobs.
const REFERENCE = {
  flows: {
    buy: { path: ['gateway', 'sale-api', 'inventory-db'] },
    browse: { path: ['gateway', 'shop-api', { parallel: [['catalog-db'], [{ to: 'reviews-db' }]] }] as PathStep[] },
  },
  components: {
    gateway: { kind: 'gateway' },
    'sale-api': { kind: 'service' },
    'shop-api': { kind: 'service' },
    'inventory-db': { kind: 'database' },
    'catalog-db': { kind: 'database' },
    'reviews-db': { kind: 'database' },
    // jobs is in the reference but not named by the givens: it gives identity, not figures
    jobs: { kind: 'queue' },
    transcoder: { kind: 'worker', consumes: 'jobs' },
  },
};
const GIVENS: Givens = {
  components: {
    gateway: { kind: 'gateway', capacity_rps: 50_000 },
    'sale-api': { kind: 'service', latency_ms: { p50: 5, p99: 20 }, capacity_rps: 5000, threads: 200 },
    'shop-api': { kind: 'service', latency_ms: { p50: 5, p99: 20 }, capacity_rps: 5000, threads: 200 },
    'inventory-db': { kind: 'database', capacity_rps: 2000 },
    'catalog-db': { kind: 'database', capacity_rps: 10_000 },
    'reviews-db': { kind: 'database', capacity_rps: 10_000 },
    transcoder: { kind: 'worker', latency_ms: { p50: 60_000, p99: 300_000 } },
  },
  placesOf: () => placesIn(REFERENCE.flows, REFERENCE.components),
};
const spec = (s: Record<string, unknown>): Spec => ({ regions: ['us-east'], ...s }) as unknown as Spec;
const fig = (m: ReturnType<typeof resolveSpec>, subject: string, field: string) =>
  m.figures!.find((f) => f.subject === subject && f.field === field);

describe('places of named components', () => {
  it('reads paths, call steps and parallel groups in order', () => {
    expect(pathIds(REFERENCE.flows.browse.path as never)).toEqual(['gateway', 'shop-api', 'catalog-db', 'reviews-db']);
  });

  it('records each component with its neighbours per flow, what a worker consumes, and its kind', () => {
    const { places: p, kinds } = placesIn(REFERENCE.flows, REFERENCE.components);
    expect(kinds.jobs).toBe('queue');
    expect(p['sale-api']).toEqual([{ flow: 'buy', before: 'gateway', after: 'inventory-db' }]);
    expect(p.gateway).toEqual([
      { flow: 'buy', after: 'sale-api' },
      { flow: 'browse', after: 'shop-api' },
    ]);
    expect(p.transcoder).toEqual([{ consumes: 'jobs' }]);
  });
});

describe('stand-ins', () => {
  const comps = (c: Record<string, unknown>) => c as Record<string, { kind: string; consumes?: string }>;

  it('finds a renamed component in place, and one after it through the first (sale-svc, then stock-db)', () => {
    const found = standIns(
      comps({ gateway: { kind: 'gateway' }, 'sale-svc': { kind: 'service' }, 'stock-db': { kind: 'database' } }),
      { buy: { path: ['gateway', 'sale-svc', 'stock-db'] as never } },
      GIVENS,
    );
    expect(found.get('sale-svc')).toEqual({ of: 'sale-api', where: 'on flow buy' });
    // stock-db's only neighbour is sale-svc, which counts as sale-api once it is found
    expect(found.get('stock-db')).toEqual({ of: 'inventory-db', where: 'on flow buy' });
  });

  it('finds one declared a gateway, one on a renamed flow, and a renamed worker by what it consumes', () => {
    const found = standIns(
      comps({
        gateway: { kind: 'gateway' },
        'sale-gw': { kind: 'gateway' },
        'inventory-db': { kind: 'database' },
        enc: { kind: 'worker', consumes: 'jobs' },
      }),
      { purchase: { path: ['gateway', 'sale-gw', 'inventory-db'] as never } },
      GIVENS,
    );
    expect(found.get('sale-gw')).toEqual({ of: 'sale-api', where: 'on flow purchase' });
    expect(found.get('enc')).toEqual({ of: 'transcoder', where: 'consuming jobs' });
  });

  it('takes nothing for a component beside a named one that is still on the flow, or of another class', () => {
    const found = standIns(
      comps({
        gateway: { kind: 'gateway' },
        auth: { kind: 'service' },
        'sale-api': { kind: 'service' },
        'inventory-db': { kind: 'database' },
        jobs2: { kind: 'queue' },
      }),
      { buy: { path: ['gateway', 'auth', 'sale-api', 'inventory-db'] as never }, other: { path: ['gateway', 'jobs2'] as never } },
      GIVENS,
    );
    expect(found.size).toBe(0);
    // A spec with only the problem's names never reads the references.
    let read = 0;
    standIns(comps({ gateway: { kind: 'gateway' } }), {}, { ...GIVENS, placesOf: () => (read++, { places: {}, kinds: {} }) });
    expect(read).toBe(0);
  });

  it('sees through a shim, follows a renamed queue to its worker, and leaves a new flow of new components alone', () => {
    const found = standIns(
      comps({
        gateway: { kind: 'gateway' },
        shim: { kind: 'cache' },
        'sale-svc': { kind: 'service' },
        'inventory-db': { kind: 'database' },
        'jobs-q': { kind: 'queue' },
        enc: { kind: 'worker', consumes: 'jobs-q' },
        'shop-api': { kind: 'service' },
        'catalog-db': { kind: 'database' },
        'reviews-db': { kind: 'database' },
        'auth-svc': { kind: 'service' },
        'users-db': { kind: 'database' },
      }),
      {
        // sale-svc's neighbours are the gateway (through shim) and inventory-db: it is sale-api
        buy: { path: ['gateway', 'shim', 'sale-svc', 'inventory-db'] as never },
        // the named ones all on their reference flow: nothing to stand in for
        browse: { path: ['gateway', 'shop-api', 'catalog-db', 'reviews-db'] as never },
        // every reference flow is in the spec, so a new flow is not a renamed one
        account: { path: ['gateway', 'auth-svc', 'users-db'] as never },
      },
      GIVENS,
    );
    expect(found.get('sale-svc')).toEqual({ of: 'sale-api', where: 'on flow buy' });
    expect(found.has('shim')).toBe(false);
    expect(found.has('auth-svc')).toBe(false);
    expect(found.has('users-db')).toBe(false);
    // jobs-q is not on a path, so nothing names it jobs; enc consumes it, and transcoder consumes jobs: no match
    expect(found.has('enc')).toBe(false);
  });

  it('follows a renamed queue on a path to the worker that consumes it', () => {
    const ref = {
      flows: { upload: { path: ['upload-api', 'jobs'] } },
      components: { 'upload-api': { kind: 'service' }, jobs: { kind: 'queue' }, transcoder: { kind: 'worker', consumes: 'jobs' } },
    };
    const givens: Givens = {
      components: { 'upload-api': { kind: 'service' }, transcoder: { kind: 'worker', latency_ms: { p50: 60_000, p99: 300_000 } } },
      placesOf: () => placesIn(ref.flows, ref.components),
    };
    const found = standIns(
      comps({ 'upload-api': { kind: 'service' }, 'jobs-q': { kind: 'queue' }, enc: { kind: 'worker', consumes: 'jobs-q' } }),
      { upload: { path: ['upload-api', 'jobs-q'] as never } },
      givens,
    );
    expect(found.get('jobs-q')).toEqual({ of: 'jobs', where: 'on flow upload' });
    expect(found.get('enc')).toEqual({ of: 'transcoder', where: 'consuming jobs-q' });
  });

  it('follows a renamed queue fed only by an outbox relay to the worker that consumes it', () => {
    const publish = (stream: string) => ({ to: 'videos-db', publish: { via: 'outbox', stream, relay: 'relay' } });
    const ref = {
      flows: { upload: { path: ['upload-api', publish('jobs')] } },
      components: {
        'upload-api': { kind: 'service' },
        'videos-db': { kind: 'database' },
        relay: { kind: 'worker', consumes: 'videos-db', writes: 'jobs' },
        jobs: { kind: 'queue' },
        transcoder: { kind: 'worker', consumes: 'jobs' },
      },
    };
    const givens: Givens = {
      components: { 'upload-api': { kind: 'service' }, transcoder: { kind: 'worker', latency_ms: { p50: 60_000, p99: 300_000 } } },
      placesOf: () => placesIn(ref.flows as never, ref.components),
    };
    const found = standIns(
      comps({
        'upload-api': { kind: 'service' },
        'videos-db': { kind: 'database' },
        relay: { kind: 'worker', consumes: 'videos-db', writes: 'tq' },
        tq: { kind: 'queue' },
        enc: { kind: 'worker', consumes: 'tq' },
      }),
      { upload: { path: ['upload-api', publish('tq')] as never } },
      givens,
    );
    // tq is on no path: it is jobs because the relay that wrote jobs writes it instead
    expect(found.get('tq')).toEqual({ of: 'jobs', where: 'written by relay' });
    expect(found.get('enc')).toEqual({ of: 'transcoder', where: 'consuming tq' });
    // A second queue the relay writes beside jobs is a new one
    const beside = standIns(
      comps({
        'upload-api': { kind: 'service' },
        'videos-db': { kind: 'database' },
        relay: { kind: 'worker', consumes: 'videos-db', writes: ['jobs', 'audit-q'] },
        jobs: { kind: 'queue' },
        transcoder: { kind: 'worker', consumes: 'jobs' },
        'audit-q': { kind: 'queue' },
      }),
      { upload: { path: ['upload-api', publish('jobs')] as never } },
      givens,
    );
    expect(beside.size).toBe(0);
  });

  it('holds a stand-in to the named givens, stated, catalogued or defaulted, and never makes it better', () => {
    const s = spec({
      components: {
        gateway: { kind: 'gateway' },
        // sale-api renamed, 20,000 req/s and 1,000 threads stated: graded with 5,000 and 200
        'sale-svc': { kind: 'service', capacity_rps: 20_000, threads: 1000 },
        // inventory-db renamed with its capacity left out: the database default 10,000 is above the given 2,000
        'stock-db': { kind: 'database' },
        // the transcoder renamed, 10 ms stated: graded with 60,000 ms p50
        enc: { kind: 'worker', consumes: 'jobs', latency_ms: { p50: 10, p99: 40 } },
        jobs: { kind: 'queue' },
      },
      flows: {
        buy: {
          kind: 'write',
          rate: 100,
          path: ['gateway', { to: 'sale-svc', latency_ms: { p50: 0.5, p99: 1 } }, 'stock-db'],
          budget_ms: { p99: 500 },
        },
      },
    });
    const m = resolveSpec(s, GIVENS);
    expect(m.standIns).toEqual({ 'sale-svc': 'sale-api', 'stock-db': 'inventory-db', enc: 'transcoder' });
    expect(fig(m, 'sale-svc', 'capacity_rps')).toMatchObject({ value: 5000, claimed: 20_000, verdict: 'contradicts-given' });
    expect(fig(m, 'sale-svc', 'capacity_rps')!.from).toBe('given for sale-api, whose place sale-svc takes on flow buy');
    expect(fig(m, 'sale-svc', 'threads')).toMatchObject({ value: 200, claimed: 1000, verdict: 'contradicts-given' });
    expect(m.components['stock-db']!.capacityRps).toBe(2000);
    expect(fig(m, 'stock-db', 'capacity_rps')).toMatchObject({ origin: 'given', value: 2000 });
    expect(fig(m, 'stock-db', 'capacity_rps')!.claimed).toBeUndefined();
    expect(m.components.enc!.latency).toEqual({ p50: 60_000, p99: 300_000 });
    // The call step's 0.5 / 1 ms is below sale-api's 5 / 20: graded with 5 / 20.
    expect(m.flows.buy!.hops![1]!.latency).toEqual({ p50: 5, p99: 20 });
    // A stand-in whose own figure is worse keeps it: a 40 ms sale-svc stays 40 ms.
    const slow = resolveSpec(spec({ ...s, components: { ...s.components, 'sale-svc': { kind: 'service', latency_ms: 40 } } }), GIVENS);
    expect(slow.components['sale-svc']!.latency).toEqual({ p50: 40, p99: 40 });
  });

  it("grades a load balancer in a service's place as that service, so its threads are counted", () => {
    const s = spec({
      components: {
        gateway: { kind: 'gateway' },
        // sale-api declared a load balancer: it calls inventory-db itself, at 3,000 req/s over 2 replicas
        'sale-lb': { kind: 'load-balancer', replicas: 2, latency_ms: { p50: 5, p99: 20 } },
        'inventory-db': { kind: 'database' },
      },
      flows: { buy: { kind: 'write', rate: 3000, path: ['gateway', 'sale-lb', 'inventory-db'], budget_ms: { p99: 2000 } } },
    });
    const m = resolveSpec(s, GIVENS);
    expect(m.standIns).toEqual({ 'sale-lb': 'sale-api' });
    // the kind sale-api has in the problem, and the changed kind named at the spec's kind field
    expect(m.components['sale-lb']!.kind).toBe('service');
    expect(fig(m, 'sale-lb', 'kind')).toMatchObject({
      verdict: 'contradicts-given',
      words: { used: 'service', claimed: 'load-balancer' },
      from: 'given for sale-api, whose place sale-lb takes on flow buy',
      path: ['components', 'sale-lb', 'kind'],
    });
    // a service's 200 threads (sale-api's given 200 is the default too)
    expect(m.components['sale-lb']!.threads).toBe(200);
    // 1,500 req/s per replica, each held 20 ms (sale-api's p99) and then the write (0.5 ms + the database's
    // default 30 ms p99): 1,500 x 0.020 + 1,500 x 0.0305 = 30 + 45.75 = 75.75 threads of 200
    const pools = analyse(m, { queueing: false }).pools;
    expect(pools['sale-lb']!.threads).toBe(200);
    expect(pools['sale-lb']!.ratePerReplica).toBe(1500);
    expect(pools['sale-lb']!.demand).toBe(75.75);
    // A load balancer in front of the database's replicas, behind sale-api, is in no one's place: it holds none.
    const plain = resolveSpec(
      spec({
        components: { ...s.components, 'sale-api': { kind: 'service' } },
        flows: { buy: { ...s.flows!.buy, path: ['gateway', 'sale-api', 'sale-lb', 'inventory-db'] } },
      }),
      GIVENS,
    );
    expect(plain.standIns).toBeUndefined();
    expect(plain.components['sale-lb']!.threads).toBeUndefined();
  });

  it('keeps the kind of a cache slipped in front of a renamed database: the database is the stand-in of its kind', () => {
    const m = resolveSpec(
      spec({
        components: {
          gateway: { kind: 'gateway' },
          'sale-api': { kind: 'service' },
          'stock-cache': { kind: 'cache' },
          'stock-db': { kind: 'database' },
        },
        flows: { buy: { kind: 'write', rate: 100, path: ['gateway', 'sale-api', 'stock-cache', 'stock-db'], budget_ms: { p99: 500 } } },
      }),
      GIVENS,
    );
    // both stand where inventory-db stood (after sale-api, the cache seen through); a stand-in of its own kind is
    // looked for first: stock-db is inventory-db, and the cache is an addition in front of it
    expect(m.standIns).toEqual({ 'stock-db': 'inventory-db' });
    expect(m.components['stock-cache']!.kind).toBe('cache');
    expect(fig(m, 'stock-cache', 'kind')).toBeUndefined();
  });

  it('holds a named service declared a load balancer under its own name to its threads, as a renamed one', () => {
    // The trick without the rename: sale-api itself declared a load balancer (no threads of its own to count).
    const m = resolveSpec(
      spec({
        components: {
          gateway: { kind: 'gateway' },
          'sale-api': { kind: 'load-balancer', replicas: 2 },
          'inventory-db': { kind: 'database' },
        },
        flows: { buy: { kind: 'write', rate: 3000, path: ['gateway', 'sale-api', 'inventory-db'], budget_ms: { p99: 2000 } } },
      }),
      GIVENS,
    );
    expect(m.components['sale-api']!.threads).toBe(200);
    expect(fig(m, 'sale-api', 'threads')).toMatchObject({ value: 200, origin: 'given' });
  });

  it('takes a store for a service only when the service is gone from the spec', () => {
    // sale-api re-declared a search index, stating a search index's figures: it is sale-api, held to its givens
    const renamed = resolveSpec(
      spec({
        components: {
          gateway: { kind: 'gateway' },
          'sale-idx': { kind: 'search', capacity_rps: 20_000, latency_ms: { p50: 1, p99: 3 } },
          'inventory-db': { kind: 'database' },
        },
        flows: { buy: { kind: 'write', rate: 100, path: ['gateway', 'sale-idx', 'inventory-db'], budget_ms: { p99: 500 } } },
      }),
      GIVENS,
    );
    expect(renamed.standIns).toEqual({ 'sale-idx': 'sale-api' });
    expect(renamed.components['sale-idx']!.capacityRps).toBe(5000);
    expect(renamed.components['sale-idx']!.latency).toEqual({ p50: 5, p99: 20 });
    expect(renamed.components['sale-idx']!.threads).toBe(200);
    // A cache on the purchase path while sale-api still serves the misses on a flow of their own: a cache
    const cached = resolveSpec(
      spec({
        components: {
          gateway: { kind: 'gateway' },
          'sale-api': { kind: 'service' },
          'sale-cache': { kind: 'cache', latency_ms: { p50: 0.5, p99: 1 } },
          'inventory-db': { kind: 'database' },
        },
        flows: {
          buy: { kind: 'read', rate: 100, path: ['gateway', 'sale-cache', 'inventory-db'], budget_ms: { p99: 500 } },
          'buy-miss': { kind: 'read', rate: 10, path: ['gateway', 'sale-api', 'inventory-db'], budget_ms: { p99: 500 } },
        },
      }),
      GIVENS,
    );
    expect(cached.standIns).toBeUndefined();
    expect(cached.components['sale-cache']!.latency).toEqual({ p50: 0.5, p99: 1 });
    expect(cached.components['sale-cache']!.threads).toBeUndefined();
  });

  it("names the catalog, not the spec, as the claim of a stand-in's technology", () => {
    // inventory-db renamed stock-db on postgres large: 10,000 reads/s from the catalog, over the given 2,000.
    // The spec states 2,000 beside it, but the catalog's figure is the one that would have been used.
    const m = resolveSpec(
      spec({
        components: {
          gateway: { kind: 'gateway' },
          'sale-api': { kind: 'service' },
          'stock-db': { kind: 'database', tech: 'postgres', size: 'large', capacity_rps: 2000 },
        },
        flows: { buy: { kind: 'write', rate: 100, path: ['gateway', 'sale-api', 'stock-db'], budget_ms: { p99: 500 } } },
      }),
      GIVENS,
    );
    const f = fig(m, 'stock-db', 'capacity_rps')!;
    expect(f).toMatchObject({ value: 2000, claimed: 10_000, verdict: 'contradicts-given' });
    expect(f.claimedFrom).toMatch(/^postgres large/);
    expect(figureNote(f)).toContain("the catalog's postgres large");
    expect(figureNote(f)).not.toContain('your spec says');
  });

  it("lets a rubric's options that name a component reach its stand-in", () => {
    const o = reachStandIns(
      { sideEffects: ['scores-db', 'other'], protects: 'scores-db', keep: 'cache', n: 3 },
      { 'rank-db': 'scores-db', cache2: 'cache' },
      { 'rank-db': {}, cache: {}, cache2: {} },
    );
    // a list gains the stand-in; a single id becomes it only when the named one is not in the spec
    expect(o).toEqual({ sideEffects: ['scores-db', 'rank-db', 'other'], protects: 'rank-db', keep: 'cache', n: 3 });
  });
});

describe('a named worker gone from the spec', () => {
  const flows = { buy: { kind: 'write', rate: 100, path: ['gateway', 'sale-api', 'inventory-db'], budget_ms: { p99: 500 } } };
  const base = {
    gateway: { kind: 'gateway' },
    'sale-api': { kind: 'service' },
    'inventory-db': { kind: 'database' },
    jobs: { kind: 'queue' },
  };

  it('is missing when the reference runs it and nothing takes its place', () => {
    const m = resolveSpec(spec({ components: base, flows }), GIVENS);
    expect(m.missingWorkers).toEqual([
      { id: 'transcoder', kind: 'worker', named: true, consumes: 'jobs', latencyMs: { p50: 60_000, p99: 300_000 } },
    ]);
    const findings = honestFigures.run({ model: m, metrics: analyse(m), options: { catalog: false } });
    const f = findings.find((x) => x.messageId === 'missingGiven');
    expect(f?.status).toBe('fail');
    expect(f?.data).toMatchObject({
      id: 'transcoder',
      given: ' (60,000 ms p50 / 300,000 ms p99)',
      place: ', consuming jobs in the reference',
    });
  });

  it('is not missing under its own name, nor where a renamed worker consumes its queue', () => {
    const own = resolveSpec(spec({ components: { ...base, transcoder: { kind: 'worker', consumes: 'jobs' } }, flows }), GIVENS);
    expect(own.missingWorkers).toBeUndefined();
    const renamed = resolveSpec(spec({ components: { ...base, enc: { kind: 'worker', consumes: 'jobs' } }, flows }), GIVENS);
    expect(renamed.standIns).toEqual({ enc: 'transcoder' });
    expect(renamed.missingWorkers).toBeUndefined();
  });

  it('is not missing where the stage reference does not run it (an earlier stage)', () => {
    const earlier: Givens = {
      ...GIVENS,
      placesOf: () => placesIn(REFERENCE.flows, { ...REFERENCE.components, transcoder: undefined }),
    };
    expect(resolveSpec(spec({ components: base, flows }), earlier).missingWorkers).toBeUndefined();
  });

  it('is not asked without a problem', () => {
    expect(resolveSpec(spec({ components: base, flows })).missingWorkers).toBeUndefined();
  });
});

describe('a worker of the reference the problem does not name', () => {
  // The reference also runs an auditor on audit-q; the givens do not name it.
  const ref = {
    ...REFERENCE.components,
    'audit-q': { kind: 'queue' },
    auditor: { kind: 'worker', consumes: 'audit-q' },
    feeder: { kind: 'worker', consumes: 'inventory-db', writes: ['audit-q'] },
  };
  const givens: Givens = { ...GIVENS, placesOf: () => placesIn(REFERENCE.flows, ref) };
  const flows = { buy: { kind: 'write', rate: 100, path: ['gateway', 'sale-api', 'inventory-db'], budget_ms: { p99: 500 } } };
  const base = {
    gateway: { kind: 'gateway' },
    'sale-api': { kind: 'service' },
    'inventory-db': { kind: 'database' },
    jobs: { kind: 'queue' },
    transcoder: { kind: 'worker', consumes: 'jobs' },
    'audit-q': { kind: 'queue' },
    feeder: { kind: 'worker', consumes: 'inventory-db', writes: ['audit-q'] },
  };

  it('is missing when its queue stays in the spec and nothing consumes it', () => {
    const m = resolveSpec(spec({ components: base, flows }), givens);
    expect(m.missingWorkers).toEqual([{ id: 'auditor', kind: 'worker', named: false, consumes: 'audit-q' }]);
    const f = honestFigures.run({ model: m, metrics: analyse(m), options: { catalog: false } }).find((x) => x.messageId === 'unconsumed');
    expect(f?.data).toMatchObject({ id: 'auditor', input: 'audit-q' });
  });

  it('may be merged into another worker that consumes its queue, or designed away with its queue', () => {
    const merged = resolveSpec(spec({ components: { ...base, 'all-in-one': { kind: 'worker', consumes: 'audit-q' } }, flows }), givens);
    expect(merged.missingWorkers).toBeUndefined();
    const { 'audit-q': _q, feeder: _f, ...without } = base;
    expect(resolveSpec(spec({ components: without, flows }), givens).missingWorkers).toBeUndefined();
  });
});

describe('a worker of the reference kept but doing nothing', () => {
  const flows = { buy: { kind: 'write', rate: 100, path: ['gateway', 'sale-api', 'inventory-db'], budget_ms: { p99: 500 } } };
  const base = {
    gateway: { kind: 'gateway' },
    'sale-api': { kind: 'service' },
    'inventory-db': { kind: 'database' },
    jobs: { kind: 'queue' },
  };

  it('is idle when it consumes nothing and runs on no flow', () => {
    const m = resolveSpec(spec({ components: { ...base, transcoder: { kind: 'worker', replicas: 2 } }, flows }), GIVENS);
    expect(m.missingWorkers).toEqual([{ id: 'transcoder', kind: 'worker', named: true, consumes: 'jobs', idle: true }]);
    const f = honestFigures.run({ model: m, metrics: analyse(m), options: { catalog: false } }).find((x) => x.messageId === 'idleWorker');
    expect(f?.data).toMatchObject({ id: 'transcoder', input: 'jobs' });
  });

  it('leaves its queue unconsumed when pointed at a decoy', () => {
    const m = resolveSpec(
      spec({ components: { ...base, decoy: { kind: 'queue' }, transcoder: { kind: 'worker', consumes: 'decoy' } }, flows }),
      GIVENS,
    );
    expect(m.missingWorkers).toEqual([{ id: 'transcoder', kind: 'worker', named: false, consumes: 'jobs' }]);
  });
});
