// Resolves a valid spec into the Model: applies the documented defaults per component kind,
// expands areas and "all", and builds the RTT matrix for every region the spec mentions.
import {
  DEFAULT_ASYNC_LAG_MS, DEFAULT_FAILOVER, DEFAULT_HIT_RATIO, DEFAULT_THREADS, DEFAULT_WORKER_LAG_MS,
  EVENT_SOURCING_DEFAULTS, INTRA_REGION_RTT_MS, KIND_DEFAULTS, MESH_OVERHEAD_MS,
} from '../data/figures.js';
import type { Latency, Model, ModelComponent, ModelFlow, ModelPatterns, ModelPool } from './model.js';
import { expandResidency, lookupRtt, type RttSource } from './regions.js';
import type { ComponentKind, Spec, SpecComponent } from './types.js';

const MESHABLE: ReadonlySet<ComponentKind> = new Set(['service', 'gateway', 'worker']);
const RUNS_CODE = MESHABLE;
const ROLE_KINDS: ReadonlySet<ComponentKind> = new Set(['database', 'event-store', 'search', 'cache', 'object-store']);

export function resolveLatency(value: SpecComponent['latency_ms'], fallback: Latency, p99Factor = fallback.p50 > 0 ? fallback.p99 / fallback.p50 : 3): Latency {
  if (value === undefined) return { ...fallback };
  if (typeof value === 'number') return { p50: value, p99: value };
  const p50 = value.p50 ?? Math.min(fallback.p50, value.p99 ?? fallback.p50);
  const p99 = value.p99 ?? Math.max(p50 * p99Factor, p50);
  return { p50, p99 };
}

function meshedIds(spec: Spec): Set<string> {
  const mesh = spec.patterns?.mesh;
  if (!mesh) return new Set();
  const comps = spec.components as Record<string, SpecComponent>;
  if (mesh.services === undefined || mesh.services === 'all') {
    return new Set(Object.entries(comps).filter(([, c]) => MESHABLE.has(c.kind)).map(([id]) => id));
  }
  return new Set(mesh.services);
}

function resolveComponent(id: string, c: SpecComponent, spec: Spec, meshed: Set<string>): ModelComponent {
  const d = KIND_DEFAULTS[c.kind]!;
  const regions = c.regions ? [...c.regions] : c.kind === 'external' ? [] : [...spec.regions];
  const m: ModelComponent = {
    id,
    kind: c.kind,
    regions: c.kind === 'external' ? regions.slice(0, 1) : regions,
    replicas: c.replicas ?? d.replicas,
    capacityRps: c.capacity_rps ?? d.capacityRps,
    latency: resolveLatency(c.latency_ms, d.latency),
    writeLatency: resolveLatency(c.write_latency_ms ?? (d.stateful ? undefined : c.latency_ms), d.writeLatency),
    availability: c.availability ?? d.availability,
    sidecar: c.sidecar ?? meshed.has(id),
    stateful: d.stateful,
    pools: [],
    writes: c.writes === undefined ? [] : Array.isArray(c.writes) ? [...c.writes] : [c.writes],
    explicit: Object.keys(c),
    path: ['components', id],
  };
  if (c.description !== undefined) m.description = c.description;
  if (ROLE_KINDS.has(c.kind)) m.role = c.role ?? 'both';
  if (d.stateful) {
    const fo = c.failover;
    const multiWriter = fo?.mode === 'active-active' || c.replication?.mode === 'consensus';
    if (!multiWriter) m.primary = c.primary ?? regions[0];
    const needsReplication = regions.length > 1 || (fo?.mode === 'active-passive' && fo.standby !== undefined);
    m.replication = {
      mode: c.replication?.mode ?? (needsReplication ? 'async' : 'none'),
      lagMs: c.replication?.mode === 'async' || (!c.replication && needsReplication) ? (c.replication?.lag_ms ?? DEFAULT_ASYNC_LAG_MS) : 0,
    };
  }
  if (c.kind !== 'client' && c.kind !== 'external') {
    const fo = c.failover;
    m.failover = {
      mode: fo?.mode ?? 'none',
      detectS: fo?.detect_s ?? DEFAULT_FAILOVER.detectS,
      promoteS: fo?.promote_s ?? DEFAULT_FAILOVER.promoteS,
      conflict: fo?.conflict ?? 'none',
    };
    if (fo?.standby !== undefined) m.failover.standby = fo.standby;
  }
  if (c.kind === 'cache' || c.kind === 'cdn') m.hitRatio = c.hit_ratio ?? DEFAULT_HIT_RATIO;
  if (RUNS_CODE.has(c.kind)) {
    m.threads = c.threads ?? DEFAULT_THREADS;
    const comps = spec.components as Record<string, SpecComponent>;
    m.pools = Object.entries(c.pools ?? {}).map(([name, p]): ModelPool => {
      // `queue` is deprecated and ignored (validate warns): waiting for a thread is not modelled.
      const pool: ModelPool = typeof p === 'number' ? { name, size: p } : { name, size: p!.size };
      if (typeof p === 'object' && p.timeout_ms !== undefined) pool.timeoutMs = p.timeout_ms;
      if (Object.hasOwn(comps, name)) pool.dependency = name;
      return pool;
    });
  }
  if (c.timeout_ms !== undefined) m.timeoutMs = c.timeout_ms;
  if (c.kind === 'worker') {
    if (c.consumes !== undefined) m.consumes = c.consumes;
    m.lagMs = c.lag_ms ?? DEFAULT_WORKER_LAG_MS;
  }
  return m;
}

function resolvePatterns(spec: Spec, meshed: Set<string>): ModelPatterns {
  const p = spec.patterns ?? {};
  const out: ModelPatterns = {};
  if (p.cqrs) {
    out.cqrs = {
      commands: p.cqrs.commands,
      queries: Array.isArray(p.cqrs.queries) ? [...p.cqrs.queries] : [p.cqrs.queries],
      sync: p.cqrs.sync ?? false,
    };
    if (p.cqrs.projection !== undefined) out.cqrs.projection = p.cqrs.projection;
    if (p.cqrs.reason !== undefined) out.cqrs.reasons = Array.isArray(p.cqrs.reason) ? [...p.cqrs.reason] : [p.cqrs.reason];
  }
  if (p.event_sourcing) {
    const es = p.event_sourcing;
    out.eventSourcing = {
      store: es.store,
      stateStores: [...(es.state_stores ?? [])],
      maxEventsPerAggregate: es.max_events_per_aggregate ?? EVENT_SOURCING_DEFAULTS.maxEventsPerAggregate,
      applyMs: es.apply_ms ?? EVENT_SOURCING_DEFAULTS.applyMs,
      loadBudgetMs: es.load_budget_ms ?? EVENT_SOURCING_DEFAULTS.loadBudgetMs,
      versioning: es.versioning ?? 'none',
    };
    if (es.snapshot_every !== undefined) out.eventSourcing.snapshotEvery = es.snapshot_every;
  }
  if (p.mesh) {
    const plane = p.mesh.data_plane ?? 'sidecar';
    const fig = MESH_OVERHEAD_MS[plane];
    out.mesh = {
      services: [...meshed],
      dataPlane: plane,
      overheadMs: resolveLatency(p.mesh.overhead_ms, { p50: fig.p50, p99: fig.p99 }),
      overheadSource: p.mesh.overhead_ms === undefined ? 'measured' : 'spec',
      mtls: p.mesh.mtls ?? false,
      reasons: [...(p.mesh.reasons ?? [])],
    };
  }
  if (p.bulkhead) out.bulkhead = { services: [...(p.bulkhead.services ?? [])] };
  if (p.multi_region) out.multiRegion = { strategy: p.multi_region.strategy, routing: p.multi_region.routing ?? 'latency' };
  return out;
}

export function resolveSpec(spec: Spec): Model {
  const meshed = meshedIds(spec);
  const compsIn = spec.components as Record<string, SpecComponent>;
  const components: Record<string, ModelComponent> = {};
  for (const [id, c] of Object.entries(compsIn)) components[id] = resolveComponent(id, c, spec, meshed);
  // A store listed as a CQRS query store is a read model unless its role says otherwise.
  const queries = spec.patterns?.cqrs?.queries;
  for (const q of queries === undefined ? [] : Array.isArray(queries) ? queries : [queries]) {
    const c = components[q];
    if (c && c.role !== undefined && compsIn[q]?.role === undefined && q !== spec.patterns?.cqrs?.commands) c.role = 'read-model';
  }

  const users: Record<string, number> = {};
  if (spec.users) for (const [r, s] of Object.entries(spec.users)) users[r] = s ?? 0;
  else for (const r of spec.regions) users[r] = 1 / spec.regions.length;

  const strong = new Set(spec.workload?.strong_reads ?? []);
  const flows: Record<string, ModelFlow> = {};
  for (const [name, f] of Object.entries(spec.flows ?? {})) {
    if (!f) continue;
    const flow: ModelFlow = {
      name,
      kind: f.kind,
      rate: f.rate ?? 0,
      origins: f.origins ? [...f.origins] : Object.keys(users).filter((r) => (users[r] ?? 0) > 0),
      path: [...f.path],
      budget: { ...(f.budget_ms ?? {}) },
      consistency: f.consistency ?? (strong.has(name) ? 'strong' : 'eventual'),
      specPath: ['flows', name],
    };
    if (strong.has(name)) flow.consistency = 'strong';
    if (f.description !== undefined) flow.description = f.description;
    if (f.availability !== undefined) flow.availability = f.availability;
    flows[name] = flow;
  }
  const flowList = Object.values(flows);
  const sum = (kind: 'read' | 'write') => flowList.filter((f) => f.kind === kind).reduce((a, f) => a + f.rate, 0);
  const wl = spec.workload ?? {};

  const data: Model['workload']['data'] = {};
  for (const [name, dc] of Object.entries(wl.data ?? {})) {
    if (!dc) continue;
    data[name] = { name, stores: [...dc.stores], path: ['workload', 'data', name] };
    if (dc.description !== undefined) data[name].description = dc.description;
    if (dc.residency) {
      data[name].residency = [...dc.residency];
      data[name].allowedRegions = expandResidency(dc.residency, spec.regions);
    }
  }

  // Every region the model can route through, for the RTT matrix.
  const regionSet = new Set<string>(spec.regions);
  Object.keys(users).forEach((r) => regionSet.add(r));
  flowList.forEach((f) => f.origins.forEach((r) => regionSet.add(r)));
  Object.values(components).forEach((c) => {
    c.regions.forEach((r) => regionSet.add(r));
    if (c.failover?.standby) regionSet.add(c.failover.standby);
  });
  const table = spec.network?.rtt_table ?? 'measured';
  const intra = spec.network?.intra_region_ms ?? INTRA_REGION_RTT_MS;
  const rttMs: Record<string, Record<string, number>> = {};
  const rttSource: Record<string, Record<string, RttSource>> = {};
  for (const a of regionSet) {
    rttMs[a] = {};
    rttSource[a] = {};
    for (const b of regionSet) {
      const hit = lookupRtt(a, b, table, spec.network?.rtt_ms, intra);
      if (hit) {
        rttMs[a][b] = hit.ms;
        rttSource[a][b] = hit.source;
      }
    }
  }

  const model: Model = {
    regions: [...spec.regions],
    users,
    network: { table, intraRegionMs: intra, rttMs, rttSource },
    requirements: {},
    components,
    componentOrder: Object.keys(components),
    flows,
    flowOrder: Object.keys(flows),
    workload: {
      readsPerS: wl.reads_per_s ?? sum('read'),
      writesPerS: wl.writes_per_s ?? sum('write'),
      derived: { reads: wl.reads_per_s === undefined, writes: wl.writes_per_s === undefined },
      data,
      strongReads: [...strong],
    },
    patterns: resolvePatterns(spec, meshed),
  };
  if (spec.name !== undefined) model.name = spec.name;
  if (spec.problem !== undefined) model.problem = spec.problem;
  if (spec.stage !== undefined) model.stage = spec.stage;
  const req = spec.requirements ?? {};
  if (req.availability !== undefined) model.requirements.availability = req.availability;
  if (req.rto_s !== undefined) model.requirements.rtoS = req.rto_s;
  if (req.rpo_s !== undefined) model.requirements.rpoS = req.rpo_s;
  if (req.max_staleness_ms !== undefined) model.requirements.maxStalenessMs = req.max_staleness_ms;
  return model;
}
