// Resolves a valid spec into the Model: applies the documented defaults per component kind,
// expands areas and "all", and builds the RTT matrix for every region the spec mentions.
import {
  DEFAULT_ASYNC_LAG_MS,
  DEFAULT_HIT_RATIO,
  MAX_PLAUSIBLE_HIT_RATIO,
  DEFAULT_THREADS,
  DEFAULT_WORKER_LAG_MS,
  EVENT_SOURCING_DEFAULTS,
  KIND_DEFAULTS,
  REGION_FATE_AVAILABILITY,
  REPLICA_AVAILABILITY,
} from '../data/figures.js';
import {
  DEPRECATED_STRATEGIES,
  type Latency,
  type Model,
  type ModelComponent,
  type ModelFanoutOnWrite,
  type ModelFigure,
  type ModelFlow,
  type ModelHop,
  type ModelPatterns,
  type ModelPool,
  type MultiRegionStrategy,
} from './model.js';
import { flattenPath } from './steps.js';
import type { SpecPath } from './diagnostic.js';
import type { CallStep } from './spec-types.js';
import { DEFAULT_SURGE_FACTOR, MESH_TECH, PLAUSIBLE } from '../data/tech.js';
import { kindNoun } from './kind-words.js';
import { classCeilings, figureClass, standInCeiling, stricter, type CeilingField, type ClassCeiling, type Givens } from './givens.js';
import { KEEPS_DATA, pathIds, standIns, type ReferencePlaces, type StandIn } from './places.js';
import { decide, givenLatency, givensFor, resolveComponentFigures } from './provenance.js';
import { resolveLagFigures, resolveMeshOverhead, resolveNetworkFigures, resolveWorkerLag } from './provenance-network.js';
import { expandResidency } from './regions.js';
import type { ComponentKind, Spec, SpecComponent } from './types.js';
import { holdPromptFlows, holdPromptRequirements, PROMPT_FROM } from './prompt-flows.js';
import { failoverTiming } from './failover-timings.js';
import { dict } from './dict.js';
import { resolveInterviewSections } from './interview-sections.js';

const MESHABLE: ReadonlySet<ComponentKind> = new Set(['service', 'gateway', 'worker']);
const RUNS_CODE = MESHABLE;
const ROLE_KINDS: ReadonlySet<ComponentKind> = new Set(['database', 'event-store', 'search', 'cache', 'object-store']);

export function resolveLatency(
  value: SpecComponent['latency_ms'],
  fallback: Latency,
  p99Factor = fallback.p50 > 0 ? fallback.p99 / fallback.p50 : 3,
): Latency {
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
    return new Set(
      Object.entries(comps)
        .filter(([, c]) => MESHABLE.has(c.kind))
        .map(([id]) => id),
    );
  }
  return new Set(mesh.services);
}

function resolveComponent(
  id: string,
  c: SpecComponent,
  spec: Spec,
  meshed: Set<string>,
  givens: Givens | undefined,
  figures: ModelFigure[],
  ceiling: ClassCeiling | undefined,
): ModelComponent {
  const d = KIND_DEFAULTS[c.kind]!;
  const fig = resolveComponentFigures(id, c, givens, ceiling);
  figures.push(...fig.figures);
  const regions = c.regions ? [...c.regions] : c.kind === 'external' ? [] : [...spec.regions];
  const m: ModelComponent = {
    id,
    kind: c.kind,
    regions: c.kind === 'external' ? regions.slice(0, 1) : regions,
    replicas: c.replicas ?? d.replicas,
    capacityRps: fig.capacityRps,
    latency: fig.latency,
    writeLatency: fig.writeLatency,
    availability: fig.availability,
    sidecar: c.sidecar ?? meshed.has(id),
    stateful: d.stateful,
    pools: [],
    writes: c.writes === undefined ? [] : Array.isArray(c.writes) ? [...c.writes] : [c.writes],
    explicit: Object.keys(c),
    path: ['components', id],
  };
  if (c.description !== undefined) m.description = c.description;
  // Availability: a figure decided by a given, the catalog or the spec is one region's deployment; with
  // none, replicas in one region are independent copies behind the region's shared fate (docs/spec.md, Availability).
  const availFigure = fig.figures.find((f) => f.field === 'availability');
  if (availFigure && availFigure.origin !== 'default') {
    m.availability = fig.availability;
    m.availabilityBasis = { kind: 'deployment' };
  } else if (c.kind !== 'client' && c.kind !== 'external') {
    const replica = c.replica_availability ?? REPLICA_AVAILABILITY;
    m.availability = REGION_FATE_AVAILABILITY * (1 - (1 - replica) ** m.replicas);
    m.availabilityBasis = { kind: 'replicas', replica, regionFate: REGION_FATE_AVAILABILITY };
    if (availFigure) {
      availFigure.value = m.availability;
      availFigure.from = `${m.replicas} replica(s) of ${replica} behind the region's ${REGION_FATE_AVAILABILITY}`;
    }
  }
  if (fig.techSize) {
    m.tech = fig.techSize.tech;
    m.size = fig.techSize.size;
  }
  if (fig.writeCapacityRps !== undefined) m.writeCapacityRps = fig.writeCapacityRps;
  if (ROLE_KINDS.has(c.kind)) m.role = c.role ?? 'both';
  if (d.stateful) {
    const fo = c.failover;
    const multiWriter = fo?.mode === 'active-active' || c.replication?.mode === 'consensus';
    if (!multiWriter) m.primary = c.primary ?? regions[0];
    // A consensus group still has one leader that orders every write (Raft leader, leaseholder).
    if (c.replication?.mode === 'consensus') m.leader = c.primary ?? regions[0];
    const needsReplication = regions.length > 1 || (fo?.mode === 'active-passive' && fo.standby !== undefined);
    m.replication = {
      mode: c.replication?.mode ?? (needsReplication ? 'async' : 'none'),
      lagMs: c.replication?.mode === 'async' || (!c.replication && needsReplication) ? (c.replication?.lag_ms ?? DEFAULT_ASYNC_LAG_MS) : 0,
    };
  }
  if (c.kind !== 'client' && c.kind !== 'external') {
    const fo = c.failover;
    // A stateless tier that fails over is found by name: DNS moves its users, or anycast (failover-timings.ts).
    const steering =
      d.stateful || (fo?.mode ?? 'none') === 'none' ? undefined : spec.patterns?.multi_region?.routing === 'anycast' ? 'anycast' : 'dns';
    m.failover = {
      mode: fo?.mode ?? 'none',
      detectS: failoverTiming(id, 'detect_s', fo?.detect_s, givens, figures),
      promoteS: failoverTiming(id, 'promote_s', fo?.promote_s, givens, figures),
      steerS: failoverTiming(id, 'steer_s', fo?.steer_s, givens, figures, steering),
      conflict: fo?.conflict ?? 'none',
    };
    if (fo?.standby !== undefined) m.failover.standby = fo.standby;
  }
  if (c.kind === 'cache' || c.kind === 'cdn') {
    // A hit ratio is a figure of the workload (key popularity, cache size): the problem's given, else the
    // spec's own up to the plausible bound, else the default (design/honest-figures names a claim above it).
    const given = givensFor(id, c.kind, givens).hit_ratio;
    // Against a problem, a cache it gives no hit ratio (neither this one, nor the one it stands in for, nor its kind)
    // answers nothing: the problem has not said that these reads repeat. A default 0.9 let a cache added in front of
    // live dashboards, free-text searches or seat maps take nine reads in ten off the store (review attack).
    const unGiven = givens !== undefined && given === undefined && !ceiling?.hit_ratio?.standIn;
    const fig = decide({
      subject: id,
      field: 'hit_ratio',
      path: ['components', id, 'hit_ratio'],
      given: given !== undefined ? { value: given, from: scopeOfHitRatio(id, c.kind, givens) } : undefined,
      spec: c.hit_ratio,
      range: { max: MAX_PLAUSIBLE_HIT_RATIO },
      fallback: unGiven
        ? { value: 0, from: `none: this problem gives no hit ratio for ${id} or any ${kindNoun(c.kind)}, so no read is known to repeat` }
        : { value: DEFAULT_HIT_RATIO, from: 'kind default' },
      ceiling: ceiling?.hit_ratio,
    });
    if (given !== undefined || c.hit_ratio !== undefined) figures.push(fig);
    m.hitRatio = fig.value;
    if (fig.origin === 'given' && fig.from?.startsWith('given for every ')) m.hitRatioOfKind = true;
  }
  if ((c.kind === 'gateway' || c.kind === 'load-balancer') && c.rate_limit)
    m.rateLimit = { rps: c.rate_limit.rps, per: c.rate_limit.per ?? 'region' };
  if (RUNS_CODE.has(c.kind)) {
    m.threads = fig.threads ?? DEFAULT_THREADS;
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
  if (c.partitions) {
    // A key that is one id (post_id) sends every write of a hot value to one partition: it cannot split the hot
    // key, whatever hot_key_split says. Splitting needs a key that adds a part to the hot id (post_id + bucket
    // 0-15, hash(follower_id) mod 16, a finer geohash cell): review attack, global-feed's likes keyed by post_id
    // alone and "split" 16 ways passed at 12.5 % per partition.
    const split = c.partitions.hot_key_split ?? 1;
    const oneId = split > 1 && !keyAddsPart(c.partitions.key);
    m.partitions = { count: c.partitions.count, key: c.partitions.key, hotKeySplit: oneId ? 1 : split };
    if (oneId) m.partitions.splitIgnored = split;
    if (c.partitions.hot_key_share !== undefined) m.partitions.hotKeyShare = c.partitions.hot_key_share;
  }
  if (c.kind === 'worker') {
    if (c.consumes !== undefined) m.consumes = c.consumes;
    m.lagMs = c.lag_ms ?? DEFAULT_WORKER_LAG_MS; // held to what the trip through the worker takes (resolveWorkerLag)
  }
  return m;
}

function scopeOfHitRatio(id: string, kind: string, givens: Givens | undefined): string {
  return givens?.components && Object.hasOwn(givens.components, id) && givens.components[id]?.hit_ratio !== undefined
    ? `given for ${id}`
    : `given for every ${kind}`;
}

function resolvePatterns(spec: Spec, meshed: Set<string>, givens: Givens | undefined, figures: ModelFigure[]): ModelPatterns {
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
    const tech = p.mesh.tech !== undefined && Object.hasOwn(MESH_TECH, p.mesh.tech) ? p.mesh.tech : undefined;
    const plane = p.mesh.data_plane ?? (tech ? MESH_TECH[tech]!.dataPlane : 'sidecar');
    const overhead = resolveMeshOverhead(plane, tech, p.mesh.overhead_ms, givens, figures);
    out.mesh = {
      services: [...meshed],
      dataPlane: plane,
      overheadMs: overhead.value,
      overheadSource: overhead.source,
      ...(tech ? { tech } : {}),
      mtls: p.mesh.mtls ?? false,
      reasons: [...(p.mesh.reasons ?? [])],
    };
  }
  if (p.bulkhead) out.bulkhead = { services: [...(p.bulkhead.services ?? [])] };
  if (p.multi_region) {
    const written = p.multi_region.strategy;
    const renamed = DEPRECATED_STRATEGIES[written];
    out.multiRegion = { strategy: renamed ?? (written as MultiRegionStrategy), routing: p.multi_region.routing ?? 'latency' };
    if (renamed) out.multiRegion.deprecated = written;
  }
  return out;
}

/** A call step's concurrency, idempotency key, retries and side effect, as the Model keeps them. */
function resolveCallGuards(step: CallStep | undefined): Partial<ModelHop> {
  if (!step) return {};
  const out: Partial<ModelHop> = {};
  const cc = step.concurrency;
  if (cc !== undefined) {
    out.concurrency = typeof cc === 'string' ? { mode: cc } : { mode: cc.mode, ...(cc.ttl_s !== undefined ? { ttlS: cc.ttl_s } : {}) };
  }
  const key = step.idempotency_key;
  if (key !== undefined && key !== false) {
    out.idempotencyKey =
      key === true ? { from: 'flow' } : { from: key.from ?? 'flow', ...(key.store !== undefined ? { store: key.store } : {}) };
  }
  if (step.retries !== undefined) out.retries = step.retries;
  if (step.side_effect !== undefined) out.sideEffect = step.side_effect;
  return out;
}

/**
 * A call step's latency overrides the component's processing time for one flow, but it is a figure the
 * spec states like any other: it may say this flow's work there is slower, not faster, than a given
 * figure (else any given could be bought back one step at a time), than the figure a stand-in or the
 * best of the kind holds it to, or than the plausible floor of the kind. A faster quantile is graded with
 * that figure and recorded for design/honest-figures.
 */
function stepLatency(
  comp: ModelComponent,
  stated: Latency,
  own: Latency,
  write: boolean,
  path: SpecPath,
  figures: ModelFigure[],
  ceiling: ClassCeiling | undefined,
): Latency {
  const id = comp.id;
  const field = write ? 'write_latency_ms' : 'latency_ms';
  const out = { ...stated };
  const range = PLAUSIBLE[comp.kind];
  const floor = (write ? range?.writeLatencyMs : range?.latencyMs)?.min;
  for (const q of ['p50', 'p99'] as const) {
    const given = figures.find(
      (g) => g.subject === id && g.field === `${field}.${q}` && g.origin === 'given' && g.verdict !== 'beyond-givens',
    );
    if (given) {
      if (stated[q] >= own[q]) continue;
      out[q] = own[q];
      figures.push({
        subject: id,
        field: `${field}.${q}`,
        value: own[q],
        origin: 'given',
        from: `${given.from ?? 'given'}; a call step cannot make it faster`,
        claimed: stated[q],
        verdict: 'contradicts-given',
        path,
      });
      continue;
    }
    const bar = ceiling?.[`${field}.${q}` as CeilingField];
    if (bar && stated[q] < bar.value && (floor === undefined || bar.value >= floor)) {
      out[q] = bar.value;
      figures.push({
        subject: id,
        field: `${field}.${q}`,
        value: bar.value,
        origin: 'given',
        from: bar.standIn ? `${bar.from}; a call step cannot make it faster` : bar.from,
        claimed: stated[q],
        verdict: bar.standIn ? 'contradicts-given' : 'beyond-givens',
        path,
      });
    } else if (floor !== undefined && stated[q] < floor) {
      out[q] = own[q] >= floor ? own[q] : floor;
      figures.push({
        subject: id,
        field: `${field}.${q}`,
        value: out[q],
        origin: 'default',
        from: "the kind's own figure",
        claimed: stated[q],
        verdict: 'out-of-range',
        range: { min: floor },
        path,
      });
    }
  }
  if (out.p99 < out.p50) out.p99 = out.p50;
  return out;
}

/**
 * The classes a rename could hide in: those with a named component the spec leaves out, or keeps on no flow
 * and consuming nothing. Only there is a component the givens do not name held to the best its class has
 * in the problem; a design that keeps the problem's components by name may add a lighter service of its own.
 */
function openCeilings(spec: Spec, givens: Givens | undefined, all: Map<string, ClassCeiling>): Map<string, ClassCeiling> {
  if (!all.size || !givens?.components) return all;
  const comps = spec.components as Record<string, SpecComponent>;
  const used = new Set<string>();
  for (const f of Object.values(spec.flows ?? {})) if (f) for (const id of pathIds(f.path)) used.add(id);
  const left: { id: string; kind: string }[] = [];
  for (const [id, g] of Object.entries(givens.components)) {
    if (g.kind === undefined) continue;
    const c = Object.hasOwn(comps, id) ? comps[id] : undefined;
    if (!c || (!used.has(id) && c.consumes === undefined)) left.push({ id, kind: g.kind });
  }
  // Left out is measured against the stage's own design: a component the stage's reference does not have
  // either (one its prompt replaces) is not a rename.
  const ref = left.length && givens.placesOf ? givens.placesOf() : undefined;
  const open = new Set<string>();
  for (const l of left) if (!ref || Object.hasOwn(ref.kinds, l.id)) open.add(figureClass(l.kind));
  const out = new Map<string, ClassCeiling>();
  for (const [cls, ceiling] of all) if (open.has(cls)) out.set(cls, ceiling);
  return out;
}

/**
 * Against a problem, the capacity any component, and the threads and processing time a service or worker,
 * may state where no given fixes them: the best the problem gives its class, or the kind's default where
 * that is better. A replica's concurrency, throughput and speed are facts of the machine the scenario runs,
 * not knobs: without this, an added or un-given worker stated 1,000 threads, 20,000 req/s or a 1 ms p50 and
 * needed a third of the replicas. A named technology (tech, size) still brings its catalogued figures.
 */
function scenarioCeiling(kind: string, byClass: ClassCeiling | undefined): ClassCeiling | undefined {
  const capacity = KIND_DEFAULTS[kind]?.capacityRps;
  if (capacity === undefined || !Number.isFinite(capacity)) return undefined;
  const cls = figureClass(kind);
  const words = cls === 'service' ? 'service or worker' : kindNoun(kind);
  // The best the problem gives the class, or the kind's default where that is better (lower, for a time).
  const bar = (given: ClassCeiling['threads'], fallback: number, what: string, lowerIsBetter = false) =>
    given !== undefined && (lowerIsBetter ? given.value <= fallback : given.value >= fallback)
      ? { value: given.value, from: given.from, stated: true }
      : { value: fallback, from: `the ${kindNoun(kind)} default, as this problem gives no ${words} ${what}`, stated: true };
  const out: ClassCeiling = { capacity_rps: bar(byClass?.capacity_rps, capacity, 'more capacity') };
  // A hit ratio is a figure of the workload (how skewed the keys are, how much fits): a cache or CDN the problem
  // does not give one states none, unless the problem gives its kind one (kinds.cache.hit_ratio: every cache of the
  // scenario). Another named cache's given is for that cache's reads, not these (a second tier of cache at 0.95
  // behind a given 0.9 bought a 99.5 % hit path on global-feed; a cache added on another flow took the named one's 0.9).
  if (kind === 'cache' || kind === 'cdn') {
    const ofKind = byClass?.hit_ratio?.from === `given for every ${kind}` ? byClass.hit_ratio : undefined;
    out.hit_ratio = ofKind
      ? { ...ofKind, stated: true }
      : { value: 0, from: `no hit ratio, as this problem gives none for any ${kindNoun(kind)}`, stated: true };
  }
  // A gateway's threads are as much the machine's as a service's: a scenario's gateway at 200 threads per replica
  // stated at 2,000 or 400 took the thread-exhaustion lesson out of concert-ticketing and insurance-claims (review attack).
  if (kind === 'gateway') out.threads = bar(byClass?.threads, DEFAULT_THREADS, 'more threads');
  if (cls === 'service') {
    out.threads = bar(byClass?.threads, DEFAULT_THREADS, 'more threads');
    // Processing time: no faster than the fastest the problem gives the class, or the kind's default where that is faster.
    const lat = KIND_DEFAULTS[kind]!.latency;
    out['latency_ms.p50'] = bar(byClass?.['latency_ms.p50'], lat.p50, 'a faster one', true);
    out['latency_ms.p99'] = bar(byClass?.['latency_ms.p99'], lat.p99, 'a faster one', true);
  }
  return out;
}

/**
 * Words that name a part added to the hot id: a bucket, suffix or salt, a shard number, sub-keys, a modulus, a finer
 * (child) cell. Matched on the key's words, so post_id_bucket, postIdBucket and "post id bucket" all name one.
 */
const PART_WORDS = /\b(buckets?|suffix(es)?|salt(ed|s)?|shards?|sub ?keys?|mod|modulo|child cells?|children|finer)\b/;
/** What joins a second field onto the hot id: post_id + bucket, post_id:bucket, (post_id, bucket), post id and bucket. */
const JOINERS = /[+:,;|#&]|\b(?:and|plus)\b/;

/**
 * Whether a partition key says what is added to the hot id, so a hot value can be written as sub-keys spread over the
 * partitions: a part word (post_id + bucket (0-15), a shard number, hash(follower_id) mod 16) or two different fields
 * joined (post_id:bucket, followee_id + follower hash). A key that is one id, however spelt (post_id, post id, post-id,
 * post.id, postId, hash of the post id), maps every write of a value to one partition: nothing to split it by.
 * Review attack: the rule was a bare-identifier regex, so `post id` and `post-id` (one id, spelt with a space or a
 * hyphen) passed global-feed's 16-way split where `post_id` was rejected.
 */
export function keyAddsPart(key: string): boolean {
  // One spelling: camelCase, underscores, hyphens and dots become spaces, so a word is a word however it is joined.
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/[-_.]+/g, ' ');
  if (PART_WORDS.test(words)) return true;
  // Two or more fields joined count only when they differ: "post_id, post-id" is the same id twice.
  const parts = new Set(
    words
      .split(JOINERS)
      .map((p) => p.replace(/[^a-z0-9]+/g, ''))
      .filter((p) => p !== ''),
  );
  return parts.size > 1;
}

/**
 * The workload's total reads or writes per second: the flows' sum, or a stated total. Against a problem the
 * prompt's traffic is its flows, so a stated total is held to their sum (review attack: leaderboard stated 3M
 * reads/s beside flows of 30,000 and cqrs/read-write-ratio read 500:1 where the design serves 5:1).
 */
function workloadTotal(
  stated: number | undefined,
  flows: number,
  field: string,
  givens: Givens | undefined,
  figures: ModelFigure[],
): number {
  if (stated === undefined) return flows;
  if (!givens) return stated;
  // The sum is what is graded; design/honest-figures names a total that flatters the read:write ratio by more
  // than an estimate's slack (reads above 1.5x the flows', writes below 1 / 1.5): a total written from the
  // prompt's rounded figures is not a claim.
  const flatters = field === 'reads_per_s' ? stated > flows * WORKLOAD_SLACK : stated < flows / WORKLOAD_SLACK;
  figures.push({
    subject: 'workload',
    field,
    value: flows,
    origin: 'given',
    from: "the sum of the flows' rates",
    ...(flatters ? { claimed: stated, verdict: 'contradicts-given' as const } : {}),
    path: ['workload', field],
  });
  return flows;
}

/** How far a stated workload total may sit from the flows' sum, towards a higher read:write ratio, before it is a claim. */
const WORKLOAD_SLACK = 1.5;

/**
 * Each component's ceiling: the best its class has in the problem where a rename could hide (openCeilings),
 * for a component in the place of a named one (specfile/places.ts), that one's givens, and against a problem
 * the scenario's bar on stated capacity, threads and processing time (scenarioCeiling); the stricter per field.
 */
function componentCeilings(spec: Spec, givens: Givens | undefined, found: Map<string, StandIn>): Map<string, ClassCeiling> {
  const out = new Map<string, ClassCeiling>();
  const all = classCeilings(givens);
  const byClass = openCeilings(spec, givens, all);
  for (const [id, c] of Object.entries(spec.components as Record<string, SpecComponent>)) {
    const st = found.get(id);
    const of = st && givens?.components && Object.hasOwn(givens.components, st.of) ? givens.components[st.of] : undefined;
    const own = of ? standInCeiling(of, `given for ${st!.of}, whose place ${id} takes ${st!.where}`) : undefined;
    const scenario = givens ? scenarioCeiling(c.kind, all.get(figureClass(c.kind))) : undefined;
    const ceiling = stricter(stricter(own, byClass.get(figureClass(c.kind))), scenario);
    // A cache in a named cache's place answers that one's reads: its given hit ratio is the figure (the scenario's 0
    // for caches it gives none, or another named cache's lower one, is not about these reads).
    if (ceiling && own?.hit_ratio) ceiling.hit_ratio = own.hit_ratio;
    if (ceiling) out.set(id, ceiling);
  }
  return out;
}

/**
 * A component's kind is a fact of the scenario, like its latency: a component the problem gives (under its own
 * name, or a stand-in in its place, specfile/places.ts) that the spec declares another kind is graded as the given
 * kind wherever the kind matters (its figures and their ceilings, its price, what it may call, its threads), and
 * design/honest-figures names the changed kind. Re-kinding bought a kind's figures: payments' gateway declared a
 * load balancer kept its given latency at a load balancer's price and passed $660 under what it costs; order-history's
 * orders-api declared a load balancer, calling databases, ran at a proxy's rates; a read model declared a cache took a
 * cache's 100,000 req/s per replica (review attacks). A stand-in keeps its own kind where another stand-in for the
 * same one has its given kind (a cache slipped in front of a renamed database, both next to the database's
 * neighbours): that one is the component, this one an addition in its place, which a stage may make of any kind. The
 * named one kept elsewhere under its own name does not make one in its place on a flow an addition: there, where the
 * named one is not, the stand-in does its work.
 */
function holdKinds(spec: Spec, givens: Givens | undefined, found: Map<string, StandIn>, figures: ModelFigure[]): Spec {
  const named = givens?.components;
  if (!named) return spec;
  const comps = spec.components as Record<string, SpecComponent>;
  const kindOf = (ref: string) => (Object.hasOwn(named, ref) ? named[ref]!.kind : undefined);
  // The given components with a stand-in of their given kind: another in the same place is an addition beside it.
  const kept = new Set<string>();
  for (const [id, st] of found) if (kindOf(st.of) === comps[id]!.kind) kept.add(st.of);
  let out: Record<string, SpecComponent> | undefined;
  for (const [id, c] of Object.entries(comps)) {
    const st = found.get(id);
    const ref = st?.of ?? id;
    const kind = kindOf(ref);
    if (kind === undefined || kind === c.kind || (st && kept.has(ref))) continue;
    // A service whose work the design moves behind a queue, done by a worker consuming it, is still that work at that
    // price, in the one kind that consumes: the move a write's tiers allow (specfile/prompt-flows.ts). Graded as a
    // service, order-router kept as a worker on route-queue lost its consumption and was merged into order-service.
    if (kind === 'service' && c.kind === 'worker' && c.consumes !== undefined) continue;
    out ??= dict<SpecComponent>();
    out[id] = { ...c, kind: kind as ComponentKind };
    figures.push({
      subject: id,
      field: 'kind',
      value: 0,
      origin: 'given',
      from: st ? `given for ${ref}, whose place ${id} takes ${st.where}` : `given for ${id}`,
      claimed: 0,
      verdict: 'contradicts-given',
      words: { used: kind, claimed: c.kind },
      path: ['components', id, 'kind'],
    });
  }
  if (!out) return spec;
  const components = dict<SpecComponent>();
  for (const [id, c] of Object.entries(comps)) components[id] = out[id] ?? c;
  return { ...spec, components };
}

/**
 * Against a problem, its third parties are the ones it names: an external the givens do not name (nor one
 * standing in for a named one) has no figure the problem stands behind, so its default or stated latency
 * and its unbounded capacity would be invented. Recorded as a figure design/honest-figures fails.
 */
function unknownExternals(spec: Spec, givens: Givens | undefined, found: Map<string, StandIn>, figures: ModelFigure[]): void {
  if (!givens?.components) return;
  const named = Object.keys(givens.components).filter((n) => givens.components![n]!.kind === 'external');
  for (const [id, c] of Object.entries(spec.components as Record<string, SpecComponent>)) {
    if (c.kind !== 'external' || Object.hasOwn(givens.components, id) || found.has(id)) continue;
    figures.push({
      subject: id,
      field: 'kind',
      value: 0,
      origin: 'default',
      from: named.length ? named.join(', ') : 'none',
      claimed: 0,
      verdict: 'unknown-external',
      path: ['components', id, 'kind'],
    });
  }
}

/** Kinds whose writes wait for a worker: a message on a queue or stream, an event for its projections. */
const MESSAGE_KINDS = new Set(['queue', 'stream', 'event-store']);

/**
 * The workers of the stage's reference that the spec does not run, under their name or in their place: one
 * the problem's givens name (a transcoder), or any whose input is in the spec with nothing consuming it (a
 * queue filled and never emptied). A worker is off every flow: without this, deleting one deletes its load
 * and its given figures, and no latency or capacity check notices that the work is never done.
 */
function missingWorkers(spec: Spec, givens: Givens | undefined, found: Map<string, StandIn>): NonNullable<Model['missingWorkers']> {
  const named = givens?.components;
  if (!named || !givens.placesOf) return [];
  const out: NonNullable<Model['missingWorkers']> = [];
  const ref = givens.placesOf();
  const stoodIn = new Set([...found.values()].map((s) => s.of));
  const present = (refId: string) => Object.hasOwn(spec.components, refId) || stoodIn.has(refId);
  // The spec's id of a reference component: its own name, else the component standing in its place.
  const specIdOf = (refId: string): string | undefined => {
    if (Object.hasOwn(spec.components, refId)) return refId;
    for (const [id, st] of found) if (st.of === refId) return id;
    return undefined;
  };
  const kindInSpec = (refId: string): string | undefined => {
    const id = specIdOf(refId);
    return id === undefined ? undefined : (spec.components as Record<string, SpecComponent>)[id]!.kind;
  };
  // What the spec's workers consume, under the reference's names too (a renamed queue is its stand-in).
  const consumed = new Set<string>();
  for (const c of Object.values(spec.components as Record<string, SpecComponent>)) {
    if (typeof c.consumes !== 'string') continue;
    consumed.add(c.consumes);
    const of = found.get(c.consumes)?.of;
    if (of !== undefined) consumed.add(of);
  }
  const onFlows = new Set<string>();
  for (const f of Object.values(spec.flows ?? {})) if (f) for (const c of pathIds(f.path)) onFlows.add(c);
  const idle = (specId: string): boolean => {
    const c = (spec.components as Record<string, SpecComponent>)[specId]!;
    return c.kind === 'worker' && c.consumes === undefined && !onFlows.has(specId);
  };
  const reported = new Set<string>();
  for (const id of Object.keys(ref.kinds)) {
    if (ref.kinds[id] !== 'worker') continue;
    const consumes = ref.places[id]?.find((p): p is { consumes: string } => 'consumes' in p)?.consumes;
    const g = Object.hasOwn(named, id) ? named[id]! : undefined;
    // Its input kept, a message store (one exists to be consumed; a database does not), and consumed by nothing:
    // whether the worker is gone, kept idle or pointed at another queue, what is written there is never processed.
    const unconsumed =
      consumes !== undefined && present(consumes) && !consumed.has(consumes) && MESSAGE_KINDS.has(kindInSpec(consumes) ?? '');
    const here = specIdOf(id);
    if (here !== undefined && consumes !== undefined && idle(here)) {
      // Kept under its name (or in its place) but doing nothing: it consumes nothing and runs on no flow.
      out.push({ id: here, kind: 'worker', named: g !== undefined, consumes, idle: true });
      reported.add(consumes);
      continue;
    }
    if (present(id) || !g) {
      // Present, or not named (it may be merged into another worker or redesigned away): only an input left
      // unconsumed makes it missing, once per input.
      if (!unconsumed || reported.has(consumes)) continue;
      reported.add(consumes);
      out.push({ id, kind: 'worker', named: false, consumes });
      continue;
    }
    if (consumes !== undefined) reported.add(consumes);
    const lat = g.latency_ms;
    out.push({
      id,
      kind: 'worker',
      named: true,
      ...(consumes !== undefined ? { consumes } : {}),
      ...(lat !== undefined ? { latencyMs: { ...givenLatency(lat) } } : {}),
      ...(g.threads !== undefined ? { threads: g.threads } : {}),
      ...(g.capacity_rps !== undefined ? { capacityRps: g.capacity_rps } : {}),
    });
  }
  return out;
}

/** Resolves a spec; with a problem's givens, the givens are the figures used whatever the spec claims. */
export function resolveSpec(spec: Spec, givens?: Givens): Model {
  const found =
    givens?.placesOf && givens.components
      ? standIns(spec.components as Record<string, SpecComponent>, spec.flows, givens)
      : new Map<string, StandIn>();
  const figures: ModelFigure[] = [];
  // From here on the spec is read with each given component's kind, whatever it declares (holdKinds).
  spec = holdKinds(spec, givens, found, figures);
  const meshed = meshedIds(spec);
  const compsIn = spec.components as Record<string, SpecComponent>;
  const components: Record<string, ModelComponent> = dict();
  const ceilings = componentCeilings(spec, givens, found);
  for (const [id, c] of Object.entries(compsIn)) {
    components[id] = resolveComponent(id, c, spec, meshed, givens, figures, ceilings.get(id));
  }
  unknownExternals(spec, givens, found, figures);
  // A hit ratio given for a named cache is a figure of the keys it caches there, the stores behind it in the
  // reference: keeping the name in front of another store kept the ratio (a cache squatting a given one's name).
  const behind = givens?.components && givens.placesOf ? givens.placesOf().behind : undefined;
  if (behind)
    for (const id of Object.keys(components)) {
      const m = components[id]!;
      if (m.hitRatio === undefined || m.hitRatioOfKind) continue;
      const ref = found.get(id)?.of ?? id;
      const named = Object.hasOwn(givens!.components!, ref) ? givens!.components![ref]?.hit_ratio : undefined;
      const keys = Object.hasOwn(behind, ref) ? behind[ref] : undefined;
      if (named !== undefined && m.hitRatio === named && keys?.length) m.hitRatioBehind = [...keys];
    }
  // A store listed as a CQRS query store is a read model unless its role says otherwise.
  const queries = spec.patterns?.cqrs?.queries;
  for (const q of queries === undefined ? [] : Array.isArray(queries) ? queries : [queries]) {
    const c = components[q];
    if (c && c.role !== undefined && compsIn[q]?.role === undefined && q !== spec.patterns?.cqrs?.commands) c.role = 'read-model';
  }

  const users: Record<string, number> = dict();
  if (givens?.users) {
    // Where the users are is a fact of the problem: a share the spec restates differently is not used.
    for (const [r, s] of Object.entries(givens.users)) users[r] = s;
    for (const r of new Set([...Object.keys(givens.users), ...Object.keys(spec.users ?? {})])) {
      const claimed = spec.users?.[r];
      const given = givens.users[r] ?? 0;
      if (claimed === undefined || Math.abs(claimed - given) <= 1e-9) continue;
      figures.push({
        subject: 'users',
        field: r,
        value: given,
        origin: 'given',
        from: 'given for this problem',
        claimed,
        verdict: 'contradicts-given',
        path: ['users', r],
      });
    }
  } else if (spec.users) for (const [r, s] of Object.entries(spec.users)) users[r] = s ?? 0;
  else for (const r of spec.regions) users[r] = 1 / spec.regions.length;

  // Where a flow's requests come from when neither the spec nor (against a problem) the reference says.
  const userRegions = Object.keys(users).filter((r) => (users[r] ?? 0) > 0);
  const strong = new Set(spec.workload?.strong_reads ?? []);
  const flows: Record<string, ModelFlow> = dict();
  for (const [name, f] of Object.entries(spec.flows ?? {})) {
    if (!f) continue;
    const flow: ModelFlow = {
      name,
      kind: f.kind,
      rate: f.rate ?? 0,
      origins: f.throughput ? [f.throughput.runs_in ?? spec.regions[0]] : f.origins ? [...f.origins] : [...userRegions],
      path: [],
      budget: { ...(f.budget_ms ?? {}) },
      ...(f.miss_budget_ms ? { missBudget: { ...f.miss_budget_ms } } : {}),
      consistency: f.consistency ?? (strong.has(name) ? 'strong' : 'eventual'),
      specPath: ['flows', name],
    };
    const calls = flattenPath(f.path);
    flow.path = calls.map((c) => c.component);
    if (calls.some((c) => c.at.length > 2 || c.idAt.length > 2)) {
      flow.hops = calls.map((c) => {
        const comp = components[c.component];
        const own = comp ? (f.kind === 'write' && comp.stateful ? comp.writeLatency : comp.latency) : { p50: 0, p99: 0 };
        return {
          component: c.component,
          fanout: c.fanout,
          specPath: ['flows', name, ...c.at],
          ...(c.latency !== undefined
            ? {
                latency: comp
                  ? stepLatency(
                      comp,
                      resolveLatency(c.latency, own),
                      own,
                      f.kind === 'write' && comp.stateful,
                      ['flows', name, ...c.at, 'latency_ms'],
                      figures,
                      ceilings.get(c.component),
                    )
                  : resolveLatency(c.latency, own),
              }
            : {}),
          ...(c.group ? { group: c.group } : {}),
          ...resolveCallGuards(c.call),
          ...(c.call?.fanout_on_write
            ? {
                fanoutOnWrite: resolveFanoutOnWrite(c.call.fanout_on_write, c.publish?.stream ?? c.component, [
                  'flows',
                  name,
                  ...c.at,
                  'fanout_on_write',
                ]),
              }
            : {}),
        };
      });
    }
    const publishes = calls.flatMap((c, i) =>
      c.publish
        ? [
            {
              hop: i,
              store: c.component,
              via: c.publish.via,
              specPath: ['flows', name, ...c.at, 'publish'],
              ...(c.publish.stream !== undefined ? { stream: c.publish.stream } : {}),
              ...(c.publish.relay !== undefined ? { relay: c.publish.relay } : {}),
            },
          ]
        : [],
    );
    if (publishes.length) flow.publishes = publishes;
    if (f.throughput) {
      const t = f.throughput;
      const targetPerS = t.items_per_s ?? (t.items ?? 0) / (t.window_s ?? 1);
      flow.batch = {
        targetPerS,
        runsIn: flow.origins[0]!,
        item: t.item ?? 'item',
        paced: f.rate !== undefined,
        specPath: ['flows', name, 'throughput'],
        ...(t.items !== undefined ? { items: t.items } : {}),
        ...(t.window_s !== undefined ? { windowS: t.window_s } : {}),
      };
      // The job runs at its target unless the spec paces it (rate): that is the load it puts on what it shares.
      if (f.rate === undefined) flow.rate = targetPerS;
    }
    if (strong.has(name)) flow.consistency = 'strong';
    if (f.description !== undefined) flow.description = f.description;
    if (f.availability !== undefined) flow.availability = f.availability;
    if (f.max_staleness_ms !== undefined && flow.consistency !== 'strong') flow.maxStalenessMs = f.max_staleness_ms;
    if (f.retries !== undefined) flow.retries = f.retries;
    if (f.invariant) {
      const protects = Array.isArray(f.invariant.protects) ? [...f.invariant.protects] : [f.invariant.protects];
      const dataClasses = spec.workload?.data ?? {};
      const stores = protects.flatMap((n) => (Object.hasOwn(compsIn, n) ? [n] : [...(dataClasses[n]?.stores ?? [])]));
      flow.invariant = { kind: f.invariant.kind, protects, stores: [...new Set(stores)], path: ['flows', name, 'invariant'] };
      if (f.invariant.description !== undefined) flow.invariant.description = f.invariant.description;
    }
    flows[name] = flow;
  }
  // Against a problem, the flows the stage's prompt fixes are held to it (rate, budget, origins, targets).
  const reference = givens?.placesOf?.();
  const prompt = holdPromptFlows(flows, reference?.flows, userRegions, figures, {
    keepsData: (id) => KEEPS_DATA.has(components[id]?.kind ?? ''),
    asReference: (id) => found.get(id)?.of ?? id,
    consumersOf: (refId) =>
      Object.keys(components).flatMap((id) => {
        const input = components[id]!.consumes;
        return (id === refId || found.get(id)?.of === refId) && input !== undefined ? [input] : [];
      }),
    newWorkersOn: (input) =>
      Object.keys(components).filter((id) => {
        const c = components[id]!;
        const of = found.get(id)?.of ?? id;
        return c.kind === 'worker' && c.consumes === input && !(reference !== undefined && Object.hasOwn(reference.kinds, of));
      }),
    kindOf: (id) => components[id]?.kind,
    latencyOf: (refId, specId) => {
      const given = givens?.components?.[refId]?.latency_ms;
      if (given && typeof given === 'object' && typeof given.p50 === 'number' && typeof given.p99 === 'number')
        return { p50: given.p50, p99: given.p99 };
      return components[specId ?? refId]?.latency;
    },
    capacityOf: (refId, specId) => {
      const given = givens?.components?.[refId]?.capacity_rps;
      if (typeof given === 'number') return given;
      return components[specId ?? refId]?.capacityRps ?? KIND_DEFAULTS[reference?.kinds[refId] ?? '']?.capacityRps;
    },
    known: (refId) => reference !== undefined && Object.hasOwn(reference.kinds, refId),
    partitionsOf: (id) => components[id]?.partitions,
    ...(givens?.users ? { users } : {}),
  });
  const flowList = Object.values(flows);
  // User requests only: a batch job's items are not reads or writes of the read:write ratio.
  const sum = (kind: 'read' | 'write') => flowList.filter((f) => f.kind === kind && !f.batch).reduce((a, f) => a + f.rate, 0);
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
  const { table, intra, rttMs, rttSource } = resolveNetworkFigures(spec, regionSet, givens, figures);
  // Async lag is decided once the network is known: it cannot beat half the round trip to the farthest copy.
  for (const id of Object.keys(components)) resolveLagFigures(components[id]!, compsIn[id]!, rttMs, givens, figures);
  // A worker's lag cannot beat the trip through it, known once the network and every store's write latency are.
  for (const id of Object.keys(components)) resolveWorkerLag(components[id]!, compsIn[id]!, components, rttMs, figures);

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
      readsPerS: workloadTotal(wl.reads_per_s, sum('read'), 'reads_per_s', givens, figures),
      writesPerS: workloadTotal(wl.writes_per_s, sum('write'), 'writes_per_s', givens, figures),
      derived: {
        reads: wl.reads_per_s === undefined || givens !== undefined,
        writes: wl.writes_per_s === undefined || givens !== undefined,
      },
      data,
      strongReads: [...strong],
    },
    patterns: resolvePatterns(spec, meshed, givens, figures),
  };
  model.figures = figures;
  if (found.size) {
    model.standIns = dict();
    for (const [id, st] of found) model.standIns[id] = st.of;
  }
  const missing = missingWorkers(spec, givens, found);
  if (missing.length) model.missingWorkers = missing;
  model.surgeFactor = givens?.surge_factor ?? DEFAULT_SURGE_FACTOR;
  if (givens) model.givens = true;
  figures.push({
    subject: 'capacity',
    field: 'surge_factor',
    path: [],
    value: model.surgeFactor,
    origin: givens?.surge_factor !== undefined ? 'given' : 'default',
    from: givens?.surge_factor !== undefined ? 'given for this problem' : 'sdcoach convention',
  });
  if (spec.name !== undefined) model.name = spec.name;
  if (spec.problem !== undefined) model.problem = spec.problem;
  if (spec.stage !== undefined) model.stage = spec.stage;
  const req = spec.requirements ?? {};
  if (req.availability !== undefined) model.requirements.availability = req.availability;
  if (req.rto_s !== undefined) model.requirements.rtoS = req.rto_s;
  if (req.rpo_s !== undefined) model.requirements.rpoS = req.rpo_s;
  if (req.max_staleness_ms !== undefined) model.requirements.maxStalenessMs = req.max_staleness_ms;
  holdPromptRequirements(model.requirements, reference?.requirements, figures);
  holdWorkloadFacts(model, reference?.facts, found, figures, spec.patterns?.event_sourcing?.max_events_per_aggregate !== undefined);
  if (prompt.held.length) model.promptHeld = prompt.held;
  if (prompt.missing.length) model.missingFlows = prompt.missing;
  storeWriters(model);
  resolveInterviewSections(spec, model);
  return model;
}

/**
 * What a store is follows from who writes it, not from its label. A store a write flow writes holds data of record:
 * a read-model label on it is not believed (the event store of ride-dispatch called a read model skipped its
 * standby and RPO checks). A store only workers write, each consuming something, is a projection behind its source
 * whatever it is called (order-history's payment status read strongly from a second store the projector writes passed
 * as "the write model"). Caches and CDNs are copies by kind and are left out.
 */
function storeWriters(model: Model): void {
  const stores = model.componentOrder.filter((id) => {
    const c = model.components[id]!;
    return c.stateful && c.kind !== 'cache' && c.kind !== 'cdn';
  });
  const byFlows = new Map<string, string[]>();
  const byWorkers = new Map<string, string[]>();
  const add = (m: Map<string, string[]>, store: string, who: string) => {
    const list = m.get(store) ?? [];
    if (!list.includes(who)) list.push(who);
    m.set(store, list);
  };
  for (const name of model.flowOrder) {
    const f = model.flows[name]!;
    if (f.kind !== 'write') continue;
    for (const id of f.path) if (model.components[id]?.stateful) add(byFlows, id, name);
    for (const h of f.hops ?? []) if (h.idempotencyKey?.store !== undefined) add(byFlows, h.idempotencyKey.store, name);
  }
  for (const id of model.componentOrder) {
    const w = model.components[id]!;
    if (w.kind === 'worker') for (const t of w.writes) add(byWorkers, t, id);
  }
  for (const id of stores) {
    const c = model.components[id]!;
    const flows = byFlows.get(id) ?? [];
    const workers = byWorkers.get(id) ?? [];
    c.writtenBy = { flows, workers };
    if (c.role !== undefined) {
      c.roleLabel = c.role;
      if (flows.length && c.role === 'read-model') c.role = 'write';
    }
    const fed = workers.filter((w) => model.components[w]!.consumes !== undefined);
    if (!flows.length && fed.length && fed.length === workers.length && ROLE_KINDS.has(c.kind))
      c.projection = { workers: fed, sources: [...new Set(fed.map((w) => model.components[w]!.consumes!))] };
  }
}

/**
 * Facts of the workload the stage's reference states are the prompt's: a partitioned store's hottest key carries no
 * less of its traffic, and an aggregate's longest history is no shorter, whatever the spec says. bank-ledger's
 * merchant accounts "already hold 50,000 events": stated as 400 with no snapshots, replay passed (review attack).
 */
function holdWorkloadFacts(
  model: Model,
  facts: ReferencePlaces['facts'],
  found: Map<string, StandIn>,
  figures: ModelFigure[],
  eventsStated: boolean,
): void {
  if (!facts) return;
  for (const [id, m] of Object.entries(model.components)) {
    const ref = found.get(id)?.of ?? id;
    const want = facts.hotKeyShare && Object.hasOwn(facts.hotKeyShare, ref) ? facts.hotKeyShare[ref]! : undefined;
    if (want === undefined || !m.partitions || (m.partitions.hotKeyShare ?? 0) >= want) continue;
    figures.push({
      subject: id,
      field: 'partitions.hot_key_share',
      value: want,
      origin: 'given',
      from: PROMPT_FROM,
      ...(m.partitions.hotKeyShare !== undefined ? { claimed: m.partitions.hotKeyShare, verdict: 'contradicts-given' as const } : {}),
      path: [...m.path, 'partitions', 'hot_key_share'],
    });
    m.partitions.hotKeyShare = want;
  }
  const es = model.patterns.eventSourcing;
  const events = facts.maxEventsPerAggregate;
  if (es && events !== undefined && es.maxEventsPerAggregate < events) {
    figures.push({
      subject: 'event sourcing',
      field: 'max_events_per_aggregate',
      value: events,
      origin: 'given',
      from: PROMPT_FROM,
      ...(eventsStated ? { claimed: es.maxEventsPerAggregate, verdict: 'contradicts-given' as const } : {}),
      path: ['patterns', 'event_sourcing', 'max_events_per_aggregate'],
    });
    es.maxEventsPerAggregate = events;
  }
}

function resolveFanoutOnWrite(f: NonNullable<CallStep['fanout_on_write']>, queue: string, specPath: SpecPath): ModelFanoutOnWrite {
  return {
    queue,
    followers: { mean: f.followers.mean, max: f.followers.max, ...(f.followers.p99 !== undefined ? { p99: f.followers.p99 } : {}) },
    celebritiesFollowed: f.celebrities_followed ?? 1,
    specPath,
    ...(f.threshold !== undefined ? { threshold: f.threshold } : {}),
    ...(f.pull_from !== undefined ? { pullFrom: f.pull_from } : {}),
    ...(f.deliver_within_s !== undefined ? { deliverWithinS: f.deliver_within_s } : {}),
  };
}
