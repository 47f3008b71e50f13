// resolveSpec: the documented defaults that turn a valid spec into the Model.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ASYNC_LAG_MS,
  DEFAULT_FAILOVER,
  DEFAULT_HIT_RATIO,
  DEFAULT_THREADS,
  DEFAULT_WORKER_LAG_MS,
  INTRA_REGION_RTT_MS,
  KIND_DEFAULTS,
  MEASURED_RTT_MS,
  MESH_OVERHEAD_MS,
} from '../../src/data/figures.js';
import { resolveLatency, resolveSpec } from '../../src/specfile/resolve.js';
import type { Spec } from '../../src/specfile/types.js';

const spec = (s: Omit<Spec, 'regions'> & { regions: string[] }): Spec => s as Spec;

describe('resolveSpec defaults', () => {
  it('places a component without `regions` in every region of the spec; an external in none', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east', 'eu-west'],
        components: {
          api: { kind: 'service' },
          db: { kind: 'database', regions: ['us-east'] },
          pay: { kind: 'external' },
          maps: { kind: 'external', regions: ['eu-west', 'us-east'] },
        },
      }),
    );
    expect(m.components.api!.regions).toEqual(['us-east', 'eu-west']);
    expect(m.components.db!.regions).toEqual(['us-east']);
    expect(m.components.pay!.regions).toEqual([]);
    expect(m.components.maps!.regions).toEqual(['eu-west']);
    expect(m.componentOrder).toEqual(['api', 'db', 'pay', 'maps']);
  });

  it('splits users evenly over the regions when `users` is absent', () => {
    const m = resolveSpec(spec({ regions: ['us-east', 'eu-west', 'ap-northeast', 'us-west'], components: { api: { kind: 'service' } } }));
    expect(m.users).toEqual({ 'us-east': 0.25, 'eu-west': 0.25, 'ap-northeast': 0.25, 'us-west': 0.25 });
  });

  it('keeps a stated user split, and flows start from regions with users', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east', 'eu-west'],
        users: { 'us-east': 1, 'eu-west': 0 },
        components: { api: { kind: 'service' } },
        flows: { home: { kind: 'read', path: ['api'] }, admin: { kind: 'write', path: ['api'], origins: ['eu-west'] } },
      }),
    );
    expect(m.users).toEqual({ 'us-east': 1, 'eu-west': 0 });
    expect(m.flows.home!.origins).toEqual(['us-east']);
    expect(m.flows.admin!.origins).toEqual(['eu-west']);
  });

  it.each(Object.keys(KIND_DEFAULTS))('gives a %s the default latency, replicas and capacity of its kind', (kind) => {
    const m = resolveSpec(spec({ regions: ['us-east'], components: { c: { kind: kind as never } } }));
    const c = m.components.c!;
    const d = KIND_DEFAULTS[kind]!;
    expect(c.latency).toEqual(d.latency);
    expect(c.writeLatency).toEqual(d.writeLatency);
    expect(c.replicas).toBe(d.replicas);
    expect(c.capacityRps).toBe(d.capacityRps);
    // Clients and external APIs keep their own figure; every deployed kind counts its replicas behind
    // the region's shared fate: 99.95 % x (1 - (1 - 99.9 %)^replicas) (Azure WAF region, Azure VM SLA instance).
    const expected = kind === 'client' || kind === 'external' ? d.availability : 0.9995 * (1 - 0.001 ** d.replicas);
    expect(c.availability).toBeCloseTo(expected, 12);
    expect(c.stateful).toBe(d.stateful);
  });

  it("counts replicas inside a region as independent copies behind the region's fate", () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east'],
        components: {
          one: { kind: 'database', replicas: 1 },
          two: { kind: 'database', replicas: 2, replica_availability: 0.99 },
          stated: { kind: 'database', replicas: 3, availability: 0.999 },
        },
      }),
    );
    // one replica at 99.9 %: 0.9995 x 0.999 = 0.9985005
    expect(m.components.one!.availability).toBeCloseTo(0.9985005, 12);
    // two independent replicas at 99 %: 0.9995 x (1 - 0.01^2) = 0.9995 x 0.9999 = 0.99940005
    expect(m.components.two!.availability).toBeCloseTo(0.99940005, 12);
    expect(m.components.two!.availabilityBasis).toEqual({ kind: 'replicas', replica: 0.99, regionFate: 0.9995 });
    // a stated availability is the whole deployment in the region: used as is
    expect(m.components.stated!.availability).toBe(0.999);
    expect(m.components.stated!.availabilityBasis).toEqual({ kind: 'deployment' });
  });

  it('gives a consensus store a leader: its primary, else its first region', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east', 'eu-west', 'ap-northeast'],
        components: {
          first: { kind: 'database', replication: { mode: 'consensus' } },
          stated: { kind: 'database', primary: 'eu-west', replication: { mode: 'consensus' } },
        },
      }),
    );
    expect(m.components.first!.leader).toBe('us-east');
    expect(m.components.stated!.leader).toBe('eu-west');
    expect(m.components.first!.primary).toBeUndefined();
  });

  it('keeps a deprecated strategy name working under its new name', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east'],
        components: { api: { kind: 'service' } },
        patterns: { multi_region: { strategy: 'async-replication' } },
      }),
    );
    expect(m.patterns.multiRegion).toEqual({ strategy: 'multi-primary', routing: 'latency', deprecated: 'async-replication' });
  });

  it('uses the documented figures for the common kinds', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east'],
        components: { api: { kind: 'service' }, db: { kind: 'database' }, cache: { kind: 'cache' }, pay: { kind: 'external' } },
      }),
    );
    expect(m.components.api!.latency).toEqual({ p50: 20, p99: 60 });
    expect(m.components.db!.latency).toEqual({ p50: 5, p99: 15 });
    expect(m.components.db!.writeLatency).toEqual({ p50: 10, p99: 30 });
    expect(m.components.cache!.latency).toEqual({ p50: 1, p99: 3 });
    expect(m.components.pay!.latency).toEqual({ p50: 100, p99: 300 });
  });

  it('reads latency as a number (p50 = p99) or as {p50, p99} with the other filled in', () => {
    const fallback = { p50: 20, p99: 60 };
    expect(resolveLatency(7, fallback)).toEqual({ p50: 7, p99: 7 });
    expect(resolveLatency({ p50: 10 }, fallback)).toEqual({ p50: 10, p99: 30 });
    expect(resolveLatency({ p99: 12 }, fallback)).toEqual({ p50: 12, p99: 12 });
    expect(resolveLatency({ p99: 100 }, fallback)).toEqual({ p50: 20, p99: 100 });
    expect(resolveLatency(undefined, fallback)).toEqual(fallback);
    // A service's single latency figure is also its write latency; a store's write latency stays its own default.
    const m = resolveSpec(
      spec({ regions: ['us-east'], components: { api: { kind: 'service', latency_ms: 40 }, db: { kind: 'database', latency_ms: 2 } } }),
    );
    expect(m.components.api!.writeLatency).toEqual({ p50: 40, p99: 40 });
    expect(m.components.db!.writeLatency).toEqual(KIND_DEFAULTS.database!.writeLatency);
  });

  it('defaults stores: primary in the first region, async replication across regions, none in one', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east', 'eu-west'],
        components: {
          global: { kind: 'database' },
          local: { kind: 'database', regions: ['eu-west'] },
          standby: { kind: 'database', regions: ['us-east'], failover: { mode: 'active-passive', standby: 'eu-west' } },
          multi: { kind: 'database', failover: { mode: 'active-active' } },
        },
      }),
    );
    expect(m.components.global!.primary).toBe('us-east');
    expect(m.components.global!.replication).toEqual({ mode: 'async', lagMs: DEFAULT_ASYNC_LAG_MS });
    expect(m.components.local!.primary).toBe('eu-west');
    expect(m.components.local!.replication).toEqual({ mode: 'none', lagMs: 0 });
    expect(m.components.standby!.replication).toEqual({ mode: 'async', lagMs: DEFAULT_ASYNC_LAG_MS });
    expect(m.components.standby!.failover).toEqual({
      mode: 'active-passive',
      standby: 'eu-west',
      detectS: DEFAULT_FAILOVER.detectS,
      promoteS: DEFAULT_FAILOVER.promoteS,
      steerS: DEFAULT_FAILOVER.steerS,
      conflict: 'none',
    });
    expect(m.components.multi!.primary).toBeUndefined();
    expect(m.components.global!.role).toBe('both');
  });

  it('defaults services, caches and workers', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east'],
        components: {
          api: { kind: 'service', pools: { db: 10, core: { size: 5, timeout_ms: 100 } } },
          db: { kind: 'database' },
          cache: { kind: 'cache' },
          events: { kind: 'stream' },
          projector: { kind: 'worker', consumes: 'events', writes: 'db' },
        },
      }),
    );
    expect(m.components.api!.threads).toBe(DEFAULT_THREADS);
    expect(m.components.api!.pools).toEqual([
      { name: 'db', dependency: 'db', size: 10 },
      { name: 'core', size: 5, timeoutMs: 100 },
    ]);
    expect(m.components.cache!.hitRatio).toBe(DEFAULT_HIT_RATIO);
    expect(m.components.projector!.lagMs).toBe(DEFAULT_WORKER_LAG_MS);
    expect(m.components.projector!.writes).toEqual(['db']);
    expect(m.components.projector!.consumes).toBe('events');
  });

  it('a pool named like an Object.prototype property has no dependency', () => {
    const m = resolveSpec(spec({ regions: ['us-east'], components: { api: { kind: 'service', pools: { constructor: 5 } } } }));
    expect(m.components.api!.pools).toEqual([{ name: 'constructor', size: 5 }]);
  });

  it('derives workload from flow rates and marks strong reads', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east'],
        components: { api: { kind: 'service' } },
        flows: {
          a: { kind: 'read', path: ['api'], rate: 100 },
          b: { kind: 'read', path: ['api'], rate: 50 },
          c: { kind: 'write', path: ['api'], rate: 7 },
          d: { kind: 'read', path: ['api'] },
        },
        workload: { strong_reads: ['b'] },
      }),
    );
    expect(m.workload).toMatchObject({ readsPerS: 150, writesPerS: 7, derived: { reads: true, writes: true }, strongReads: ['b'] });
    expect(m.flows.b!.consistency).toBe('strong');
    expect(m.flows.a!.consistency).toBe('eventual');
    expect(m.flows.d!.rate).toBe(0);
  });

  it('expands mesh "all" to every service, gateway and worker, with the measured sidecar overhead', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east'],
        components: { gw: { kind: 'gateway' }, api: { kind: 'service' }, db: { kind: 'database' }, w: { kind: 'worker' } },
        patterns: { mesh: { services: 'all' } },
      }),
    );
    expect(m.patterns.mesh!.services.sort()).toEqual(['api', 'gw', 'w']);
    expect(m.patterns.mesh!.overheadMs).toEqual({ p50: MESH_OVERHEAD_MS.sidecar.p50, p99: MESH_OVERHEAD_MS.sidecar.p99 });
    expect(m.components.api!.sidecar).toBe(true);
    expect(m.components.db!.sidecar).toBe(false);
  });
});

describe('resolveSpec RTT matrix', () => {
  const regions = ['us-east', 'eu-west', 'ap-northeast'];

  it('uses the measured table by default: 156 ms us-east <-> ap-northeast, both ways', () => {
    const m = resolveSpec(spec({ regions, components: { api: { kind: 'service' } } }));
    expect(m.network.table).toBe('measured');
    expect(m.network.rttMs['us-east']!['ap-northeast']).toBe(156);
    expect(m.network.rttMs['ap-northeast']!['us-east']).toBe(156);
    expect(m.network.rttMs['us-east']!['ap-northeast']).toBe(MEASURED_RTT_MS['us-east']!['ap-northeast']);
    expect(m.network.rttMs['us-east']!['eu-west']).toBe(82);
    expect(m.network.rttSource['us-east']!['ap-northeast']).toBe('measured');
    expect(m.network.rttMs['eu-west']!['eu-west']).toBe(INTRA_REGION_RTT_MS);
  });

  it('uses the course figures when asked: 80 ms us-east <-> eu-west, 150 us <-> asia, measured elsewhere', () => {
    const m = resolveSpec(spec({ regions, network: { rtt_table: 'course' }, components: { api: { kind: 'service' } } }));
    expect(m.network.rttMs['us-east']!['eu-west']).toBe(80);
    expect(m.network.rttMs['eu-west']!['us-east']).toBe(80);
    expect(m.network.rttSource['us-east']!['eu-west']).toBe('course');
    expect(m.network.rttMs['us-east']!['ap-northeast']).toBe(150);
    // The course names no EU-Asia figure: measured.
    expect(m.network.rttMs['eu-west']!['ap-northeast']).toBe(219);
    expect(m.network.rttSource['eu-west']!['ap-northeast']).toBe('measured');
  });

  it('applies spec overrides symmetrically, and a custom intra-region figure', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east', 'mars-north'],
        network: { rtt_ms: { 'mars-north': { 'us-east': 1200 } }, intra_region_ms: 2 },
        components: { api: { kind: 'service' } },
      }),
    );
    expect(m.network.rttMs['us-east']!['mars-north']).toBe(1200);
    expect(m.network.rttMs['mars-north']!['us-east']).toBe(1200);
    expect(m.network.rttSource['us-east']!['mars-north']).toBe('spec');
    expect(m.network.rttMs['us-east']!['us-east']).toBe(2);
  });

  it('covers every region the model can route through: users, origins, placements and standbys', () => {
    const m = resolveSpec(
      spec({
        regions: ['us-east'],
        users: { 'us-east': 0.5, 'eu-west': 0.5 },
        components: { db: { kind: 'database', failover: { mode: 'active-passive', standby: 'us-west' } } },
        flows: { f: { kind: 'read', path: ['db'], origins: ['ap-northeast'] } },
      }),
    );
    expect(Object.keys(m.network.rttMs).sort()).toEqual(['ap-northeast', 'eu-west', 'us-east', 'us-west']);
    expect(m.network.rttMs['us-west']!['ap-northeast']).toBe(106);
  });

  it('has no figure, rather than a bogus one, for regions named after Object.prototype properties', () => {
    const m = resolveSpec(spec({ regions: ['constructor', 'length'], components: { api: { kind: 'service' } } }));
    expect(m.network.rttMs.constructor.length).toBeUndefined();
    expect(m.network.rttMs.constructor.constructor).toBe(INTRA_REGION_RTT_MS);
  });
});
