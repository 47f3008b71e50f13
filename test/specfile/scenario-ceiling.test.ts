// Against a problem, a replica's threads and capacity are facts of the machine the scenario runs: a figure
// the spec states where no given fixes it is held to the best the problem gives its class, or to the kind's
// default where that is more. A named technology still brings its catalogued figures.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THREADS, KIND_DEFAULTS } from '../../src/data/figures.js';
import type { Givens } from '../../src/specfile/givens.js';
import { resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

const spec = (components: Record<string, unknown>): Spec =>
  ({
    regions: ['us-east'],
    components: { api: { kind: 'service' }, db: { kind: 'database' }, q: { kind: 'queue' }, ...components },
    flows: { w: { kind: 'write', rate: 100, path: ['api', 'db'], budget_ms: { p99: 500 } } },
  }) as unknown as Spec;
const fig = (m: ReturnType<typeof resolveSpec>, subject: string, field: string) =>
  m.figures!.find((f) => f.subject === subject && f.field === field)!;

// The problem names api (500 threads, 3,000 req/s) and gives databases 10,000 req/s; nothing else.
const GIVENS: Givens = {
  components: { api: { kind: 'service', threads: 500, capacity_rps: 3000 } },
  kinds: { database: { capacity_rps: 10_000 } },
};

describe('the scenario bar on stated threads and capacity', () => {
  it('holds an added worker to the best threads the problem gives its class, and capacity to the kind default above the given 3,000', () => {
    const m = resolveSpec(spec({ mailer: { kind: 'worker', consumes: 'q', threads: 1000, capacity_rps: 20_000 } }), GIVENS);
    // threads: the given 500 for api is above the default 200, so 500 is the bar
    expect(fig(m, 'mailer', 'threads')).toMatchObject({ value: 500, claimed: 1000, verdict: 'beyond-givens', from: 'given for api' });
    // capacity: the given 3,000 is below the worker default 5,000, so the default is the bar
    expect(KIND_DEFAULTS.worker!.capacityRps).toBe(5000);
    expect(fig(m, 'mailer', 'capacity_rps')).toMatchObject({ value: 5000, claimed: 20_000, verdict: 'beyond-givens' });
    expect(fig(m, 'mailer', 'capacity_rps').from).toMatch(/^the worker default/);
  });

  it('holds a store too: a database stating 25,000 req/s is graded with the given 10,000', () => {
    const m = resolveSpec(spec({ db: { kind: 'database', capacity_rps: 25_000 } }), GIVENS);
    expect(fig(m, 'db', 'capacity_rps')).toMatchObject({ value: 10_000, claimed: 25_000 });
  });

  it('keeps a stated figure at or below the bar, and a default', () => {
    const m = resolveSpec(spec({ mailer: { kind: 'worker', consumes: 'q', threads: 50, capacity_rps: 4000 } }), GIVENS);
    expect(fig(m, 'mailer', 'threads')).toMatchObject({ value: 50, origin: 'spec' });
    expect(fig(m, 'mailer', 'capacity_rps')).toMatchObject({ value: 4000, origin: 'spec' });
    const d = resolveSpec(spec({ mailer: { kind: 'worker', consumes: 'q' } }), GIVENS);
    expect(fig(d, 'mailer', 'threads')).toMatchObject({ value: DEFAULT_THREADS, origin: 'default' });
  });

  it('uses the default 200 threads where the problem gives no service or worker threads', () => {
    const m = resolveSpec(spec({ mailer: { kind: 'worker', consumes: 'q', threads: 1000 } }), {
      kinds: { database: { capacity_rps: 10_000 } },
    });
    expect(fig(m, 'mailer', 'threads')).toMatchObject({ value: 200, claimed: 1000, verdict: 'beyond-givens' });
  });

  it("holds a stated processing time to the fastest the problem gives the class, or the kind's 20 / 60 ms default", () => {
    // api is given no latency: the worker default (20 ms p50, 60 ms p99) is the fastest a mailer may claim
    expect(KIND_DEFAULTS.worker!.latency).toMatchObject({ p50: 20, p99: 60 });
    const m = resolveSpec(spec({ mailer: { kind: 'worker', consumes: 'q', latency_ms: { p50: 1, p99: 60 } } }), GIVENS);
    expect(fig(m, 'mailer', 'latency_ms.p50')).toMatchObject({ value: 20, claimed: 1, verdict: 'beyond-givens' });
    expect(fig(m, 'mailer', 'latency_ms.p99')).toMatchObject({ value: 60, origin: 'spec' });
    // a problem that gives a service 5 ms p50 lets an added one state 5, not 1
    const fast: Givens = { components: { api: { kind: 'service', latency_ms: { p50: 5, p99: 15 } } } };
    const f = resolveSpec(spec({ mailer: { kind: 'worker', consumes: 'q', latency_ms: { p50: 1, p99: 15 } } }), fast);
    expect(fig(f, 'mailer', 'latency_ms.p50')).toMatchObject({ value: 5, claimed: 1, from: 'given for api' });
    expect(fig(f, 'mailer', 'latency_ms.p99')).toMatchObject({ value: 15, origin: 'spec' });
  });

  it('lets a named technology bring its catalogued capacity (app-server 2xlarge: 20,000 req/s)', () => {
    const m = resolveSpec(spec({ big: { kind: 'service', tech: 'app-server', size: '2xlarge' } }), GIVENS);
    expect(fig(m, 'big', 'capacity_rps')).toMatchObject({ value: 20_000, origin: 'catalog' });
  });

  it('does not apply without a problem: the plausible range alone holds the spec', () => {
    const m = resolveSpec(spec({ mailer: { kind: 'worker', consumes: 'q', threads: 1000, capacity_rps: 20_000 } }));
    expect(fig(m, 'mailer', 'threads')).toMatchObject({ value: 1000, origin: 'spec' });
    expect(fig(m, 'mailer', 'capacity_rps')).toMatchObject({ value: 20_000, origin: 'spec' });
  });
});

describe('the scenario bar on a stated hit ratio', () => {
  // The path puts an added cache in front of the database.
  const cached = (components: Record<string, unknown>, givens: Givens) =>
    resolveSpec(
      {
        ...spec(components),
        flows: { r: { kind: 'read', rate: 100, path: ['api', 'l2', 'db'], budget_ms: { p99: 500 } } },
      } as unknown as Spec,
      givens,
    );

  it('grades a cache the problem gives no hit ratio at 0, stated or not: the problem has not said these reads repeat', () => {
    // review attack: a cache added in front of live dashboards or free-text searches took the default 0.9 of the reads
    const stated = cached({ l2: { kind: 'cache', hit_ratio: 0.95 } }, GIVENS);
    expect(fig(stated, 'l2', 'hit_ratio')).toMatchObject({ value: 0, claimed: 0.95, verdict: 'beyond-givens' });
    expect(fig(stated, 'l2', 'hit_ratio').from).toBe('no hit ratio, as this problem gives none for any cache');
    const unstated = cached({ l2: { kind: 'cache' } }, GIVENS);
    expect(unstated.components.l2!.hitRatio).toBe(0);
    // Another named cache's measured 0.97 is for that cache's reads, not an added one's.
    const measured: Givens = { ...GIVENS, components: { ...GIVENS.components, l1: { kind: 'cache', hit_ratio: 0.97 } } };
    expect(fig(cached({ l2: { kind: 'cache', hit_ratio: 0.9 } }, measured), 'l2', 'hit_ratio')).toMatchObject({ value: 0, claimed: 0.9 });
  });

  it('takes the hit ratio the problem gives every cache, and holds a stated one to it', () => {
    const everyCache: Givens = { ...GIVENS, kinds: { ...GIVENS.kinds, cache: { hit_ratio: 0.8 } } };
    expect(cached({ l2: { kind: 'cache' } }, everyCache).components.l2!.hitRatio).toBe(0.8);
    expect(fig(cached({ l2: { kind: 'cache', hit_ratio: 0.95 } }, everyCache), 'l2', 'hit_ratio')).toMatchObject({
      value: 0.8,
      claimed: 0.95,
      from: 'given for every cache',
    });
  });

  it('leaves a spec graded without a problem alone: its stated hit ratio, else the 0.9 default', () => {
    expect(fig(resolveSpec({ ...spec({ l2: { kind: 'cache', hit_ratio: 0.95 } }) }), 'l2', 'hit_ratio')).toMatchObject({
      value: 0.95,
      origin: 'spec',
    });
    expect(resolveSpec({ ...spec({ l2: { kind: 'cache' } }) }).components.l2!.hitRatio).toBe(0.9);
  });
});

describe("a gateway's threads and a named component's kind", () => {
  it("holds a gateway's stated threads to the default 200 where the problem gives no gateway threads", () => {
    // review attack: concert-ticketing's gateway at 200 threads per replica, stated at 2,000, took the thread lesson away
    const m = resolveSpec(spec({ edge: { kind: 'gateway', threads: 2000 } }), GIVENS);
    expect(fig(m, 'edge', 'threads')).toMatchObject({ value: DEFAULT_THREADS, claimed: 2000, verdict: 'beyond-givens' });
    expect(m.components.edge!.threads).toBe(200);
  });

  it('lets a gateway state up to the threads the problem gives a gateway', () => {
    const m = resolveSpec(spec({ edge: { kind: 'gateway', threads: 1500 } }), {
      ...GIVENS,
      components: { ...GIVENS.components, front: { kind: 'gateway', threads: 2000 } },
    });
    expect(fig(m, 'edge', 'threads')).toMatchObject({ value: 1500, origin: 'spec' });
  });

  it('holds a named database declared a cache to the capacity the problem gives databases, default and stated alike', () => {
    // The problem gives summary-db as a database (10,000 req/s per replica for every database); declared a cache, its
    // default would be the cache's 100,000, ten times what the problem stands behind.
    expect(KIND_DEFAULTS.cache!.capacityRps).toBe(100_000);
    const givens: Givens = { ...GIVENS, components: { ...GIVENS.components, 'summary-db': { kind: 'database' } } };
    const asDefault = resolveSpec(spec({ 'summary-db': { kind: 'cache' } }), givens);
    expect(asDefault.components['summary-db']!.capacityRps).toBe(10_000);
    const stated = resolveSpec(spec({ 'summary-db': { kind: 'cache', capacity_rps: 50_000 } }), givens);
    expect(fig(stated, 'summary-db', 'capacity_rps')).toMatchObject({ value: 10_000, claimed: 50_000, verdict: 'contradicts-given' });
    // Declared the kind the problem gives it, the database's own figures apply as before.
    const same = resolveSpec(spec({ 'summary-db': { kind: 'database' } }), givens);
    expect(same.components['summary-db']!.capacityRps).toBe(10_000);
  });
});
