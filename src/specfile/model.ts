// The resolved Model: the spec with every default applied and every reference checked.
// Plain data (JSON-serialisable), consumed by analysis, checks, diagrams and the TUI.
import type { PromptHeld, PromptMissing } from './prompt-flows.js';
import type { SpecPath } from './diagnostic.js';
import type { ComponentKind } from './types.js';

export interface Latency {
  p50: number;
  p99: number;
}

export interface ModelPool {
  /** Key in the spec's `pools` map. */
  name: string;
  /** The component it isolates, when the key names one. */
  dependency?: string;
  size: number;
  timeoutMs?: number;
}

export interface ModelReplication {
  mode: 'none' | 'sync' | 'async' | 'consensus';
  lagMs: number;
}

export interface ModelFailover {
  mode: 'none' | 'active-passive' | 'active-active';
  standby?: string;
  detectS: number;
  promoteS: number;
  /** active-active: seconds to steer the failed region's users elsewhere once detected (DNS TTL). */
  steerS: number;
  conflict: 'none' | 'last-writer-wins' | 'crdt' | 'home-region' | 'application';
}

export interface ModelComponent {
  id: string;
  kind: ComponentKind;
  description?: string;
  /** Regions with a deployment; empty for an external dependency with no stated region. */
  regions: string[];
  replicas: number;
  capacityRps: number;
  latency: Latency;
  writeLatency: Latency;
  /** Availability of its deployment in one region (replicas included). */
  availability: number;
  /** How `availability` was found: stated for the region ('deployment'), or regionFate x (1 - (1 - replica)^replicas) ('replicas'). */
  availabilityBasis?: { kind: 'deployment' } | { kind: 'replicas'; replica: number; regionFate: number };
  sidecar: boolean;
  stateful: boolean;
  /**
   * Stores: write model, read model or both, as its writers make it. The label (`roleLabel`) is believed unless a
   * write flow writes the store: then it holds data of record whatever it is called, and a read-model label is
   * 'write' here (its copies and failover are judged like any write model's).
   */
  role?: 'write' | 'read-model' | 'both';
  /** Stores: the role as the spec states it (`role`, else 'read-model' for a CQRS query store, else 'both'). */
  roleLabel?: 'write' | 'read-model' | 'both';
  /**
   * Stateful components other than caches and CDNs: who writes them. `flows`: the write flows that reach them (a
   * stateful step of the path, or where a step keeps its idempotency keys); `workers`: the workers whose `writes`
   * list them.
   */
  writtenBy?: { flows: string[]; workers: string[] };
  /**
   * Stores that only workers write, fed from elsewhere (each worker consumes a queue, stream or store): a projection
   * whatever its label, behind its source by the workers' lag (analysis/staleness.ts), so never the answer to a read
   * that must be exact. `workers` write it; `sources` are what they consume.
   */
  projection?: { workers: string[]; sources: string[] };
  /** Stores: region of the single write primary (undefined for multi-primary or consensus). */
  primary?: string;
  /** Consensus stores: the leader's region (Raft leader, leaseholder): `primary`, else the first region. */
  leader?: string;
  replication?: ModelReplication;
  failover?: ModelFailover;
  hitRatio?: number;
  /** The hit ratio is the problem's given for every component of the kind (not this one's own). */
  hitRatioOfKind?: boolean;
  /**
   * Against a problem, a cache or CDN whose hit ratio is given for it by name (or for the one it stands in for): the
   * stores behind it in the stage's reference, by the reference's ids. The ratio is a figure of those keys: on a flow
   * where it fronts none of them (only other stores) it answers nothing (analysis/route.ts).
   */
  hitRatioBehind?: string[];
  /** Gateways and load balancers: requests/s admitted, per region's deployment or for all regions together; the rest are rejected (HTTP 429). */
  rateLimit?: { rps: number; per: 'region' | 'global' };
  threads?: number;
  pools: ModelPool[];
  timeoutMs?: number;
  consumes?: string;
  writes: string[];
  lagMs?: number;
  /** Which fields the learner wrote (others are defaults), for feedback that says "default". */
  explicit: string[];
  /** Catalog technology and size, when the spec names one (src/data/tech.ts). */
  tech?: string;
  size?: string;
  /** Writes/s one replica serves, where it differs from capacityRps (reads). */
  writeCapacityRps?: number;
  /** Stores split by key into partitions (shards), each `replicas` nodes per region with its own write primary. */
  partitions?: ModelPartitions;
  path: SpecPath;
}

/** How a write stays correct when two requests race for the same data (a call step's `concurrency`). */
export interface ModelWriteConcurrency {
  mode: 'conditional' | 'atomic-hold' | 'none';
  /** atomic-hold: seconds until an unconfirmed hold expires by itself. */
  ttlS?: number;
}

/** What a flow promises never to let happen, and the stores holding the data it is about. */
export interface ModelInvariant {
  kind: 'no-double-booking' | 'no-double-approval' | 'no-overdraft' | 'no-double-charge';
  /** The names as written: store ids or data class names. */
  protects: string[];
  /** The stores those names stand for (a data class expanded to its stores). */
  stores: string[];
  description?: string;
  path: SpecPath;
}

export interface ModelPartitions {
  count: number;
  key: string;
  /** Share of the store's traffic on its hottest key (absent: spread evenly). */
  hotKeyShare?: number;
  /** Sub-keys the hot key is split into (suffixes merged on read); 1 = kept whole. */
  hotKeySplit: number;
  /** The hot_key_split the spec states, not used: its key is one id, which maps a hot value to one partition. */
  splitIgnored?: number;
}

/** A write step whose change must also reach a stream, and how it gets there (spec: a call step's `publish`). */
export interface ModelPublish {
  /** Index in ModelFlow.path of the write step. */
  hop: number;
  /** The store the step writes. */
  store: string;
  via: 'outbox' | 'cdc' | 'event-sourced';
  stream?: string;
  relay?: string;
  /** Where the declaration is written: flows.<name>.path[i].publish. */
  specPath: SpecPath;
}

/** One call on a flow's path, in the order of `ModelFlow.path`. */
export interface ModelHop {
  component: string;
  /** Identical calls made in parallel (fan-out to shards); 1 for a plain call. */
  fanout: number;
  /** Processing time this flow spends in the component, when the step states it (else the component's own). */
  latency?: Latency;
  /**
   * Services of the stage's reference merged into this one on this flow (specfile/prompt-flows.ts): each request also
   * does their work here, `work` of this component's own requests each (its capacity per replica over theirs).
   */
  merged?: { component: string; work: number }[];
  /** Set when the hop is inside a parallel group: which group (its position in the spec's path) and branch. */
  group?: { step: number; branch: number };
  /** Where the step is written: flows.<name>.path[i], path[i].parallel[j] or path[i].parallel[j][k]. */
  specPath: SpecPath;
  /** Writes: how the write stays correct under concurrency, when the step states it. */
  concurrency?: ModelWriteConcurrency;
  /** The call carries an idempotency key; `store` is where it is kept (absent: kept nowhere); `from` who makes it. */
  idempotencyKey?: { store?: string; from: 'flow' | 'client' };
  /** Retries of this call after a failure or a timeout. */
  retries?: number;
  /** Whether the call has an effect that cannot be taken back, when the step states it (else by kind). */
  sideEffect?: boolean;
  /** A step to a queue or stream whose consumer copies each item into every follower's timeline. */
  fanoutOnWrite?: ModelFanoutOnWrite;
}

/** Fan-out on write (spec: a call step's `fanout_on_write`): followers per author and the hybrid threshold. */
export interface ModelFanoutOnWrite {
  /** The queue or stream the post is handed to: the step's component, or its publish stream (outbox, CDC). */
  queue: string;
  followers: { mean: number; p99?: number; max: number };
  /** Hybrid: authors above this many followers are not pushed; readers pull their posts from `pullFrom`. */
  threshold?: number;
  pullFrom?: string;
  /** Above-threshold authors a reader follows (p99): the fanout the read's call to pullFrom needs. */
  celebritiesFollowed: number;
  deliverWithinS?: number;
  specPath: SpecPath;
}

/** A batch flow's target (spec: a flow's `throughput`): it has no user origin and starts in `runsIn`. */
export interface ModelBatch {
  /** Items per second needed: items_per_s, or items / window_s. */
  targetPerS: number;
  items?: number;
  windowS?: number;
  runsIn: string;
  /** What one item is, for messages. */
  item: string;
  /** The spec states `rate`: the job is paced there rather than run at its target. */
  paced: boolean;
  specPath: SpecPath;
}

export interface ModelFlow {
  name: string;
  kind: 'read' | 'write';
  description?: string;
  rate: number;
  origins: string[];
  /** Component ids visited, in order (a parallel group's branches listed one after another). */
  path: string[];
  /** The same calls with their step details, aligned with `path`; absent means a plain chain. */
  hops?: ModelHop[];
  budget: { p50?: number; p99?: number };
  /** Reads through a cache or CDN: budget of the miss path alone (`budget` grades the hit/miss mixture). */
  missBudget?: { p50?: number; p99?: number };
  availability?: number;
  consistency: 'strong' | 'eventual';
  /** Reads: the flow accepts data this old (bounded staleness), so consensus followers may answer. */
  maxStalenessMs?: number;
  /** The invariant the flow guards, when the spec marks it. */
  invariant?: ModelInvariant;
  /** Retries of the whole request by its caller after a failure or a timeout. */
  retries?: number;
  /** Write steps that declare how their change reaches a stream (outbox, CDC, event-sourced). */
  publishes?: ModelPublish[];
  /** Set on a batch flow (a crawler, an aggregation job): its throughput target; `origins` is then [runsIn]. */
  batch?: ModelBatch;
  specPath: SpecPath;
}

export interface ModelDataClass {
  name: string;
  description?: string;
  stores: string[];
  /** Allowed regions, areas expanded; undefined = anywhere. */
  allowedRegions?: string[];
  residency?: string[];
  path: SpecPath;
}

export interface ModelNetwork {
  table: 'measured' | 'course';
  intraRegionMs: number;
  /** Symmetric RTT (ms) between every pair of regions the spec mentions. */
  rttMs: Record<string, Record<string, number>>;
  /** Where each pair's figure came from: measured, course or spec. */
  rttSource: Record<string, Record<string, 'measured' | 'course' | 'spec'>>;
}

export interface ModelPatterns {
  cqrs?: {
    commands: string;
    queries: string[];
    projection?: string;
    sync: boolean;
    /** The reasons the learner states for CQRS (`reason`), when any. */
    reasons?: Array<'read-write-ratio' | 'scaling' | 'complex-writes' | 'read-models'>;
  };
  eventSourcing?: {
    store: string;
    stateStores: string[];
    maxEventsPerAggregate: number;
    snapshotEvery?: number;
    applyMs: number;
    loadBudgetMs: number;
    versioning: 'none' | 'versioned-events' | 'upcasting';
  };
  mesh?: {
    services: string[];
    dataPlane: 'sidecar' | 'ambient';
    overheadMs: Latency;
    overheadSource: 'spec' | 'measured' | 'given' | 'catalog';
    tech?: string;
    mtls: boolean;
    reasons: string[];
  };
  bulkhead?: { services: string[] };
  /** `strategy` is the current name; `deprecated` keeps the old name the spec wrote (async-replication -> multi-primary). */
  multiRegion?: { strategy: MultiRegionStrategy; routing: 'latency' | 'geo' | 'failover' | 'anycast'; deprecated?: string };
}

export type MultiRegionStrategy =
  'single-region' | 'single-primary' | 'active-passive' | 'multi-primary' | 'data-locality' | 'global-consensus';

/** Old strategy names and the names that say what they are. */
export const DEPRECATED_STRATEGIES: Record<string, MultiRegionStrategy> = { 'async-replication': 'multi-primary' };

/** Where a figure the analysis uses came from: problem givens, the technology catalog, the spec, or the kind's default. */
export type FigureOrigin = 'given' | 'catalog' | 'spec' | 'default';

/**
 * Why the spec's own figure was not used: it contradicts a problem given, it is outside the plausible
 * range for its kind, the problem fixes the RTT table, the named technology's catalog figure wins, or it
 * is better than any component of its class has in the problem (beyond-givens), or the component is a third
 * party the problem does not have (unknown-external, field "kind").
 */
export type FigureVerdict = 'contradicts-given' | 'out-of-range' | 'rtt-fixed' | 'catalog' | 'beyond-givens' | 'unknown-external';

/** One number the analysis uses, decided once at resolution, with its provenance. */
export interface ModelFigure {
  /** Component id, or "network" / "mesh" / "capacity". */
  subject: string;
  /** Spec field name, e.g. latency_ms.p99, capacity_rps, replication.lag_ms, rtt_ms.us-east.eu-west. */
  field: string;
  value: number;
  origin: FigureOrigin;
  /** What the value is from: a catalog entry ("postgres large"), a given's scope, a source id. */
  from?: string;
  /** The spec's own figure, when it was not the one used. */
  claimed?: number;
  /**
   * Where the claim comes from when the spec does not state the figure itself: the catalog entry its
   * `tech` (and size) names ("redis large"). Absent: the spec states it.
   */
  claimedFrom?: string;
  verdict?: FigureVerdict;
  /** The plausible range the claim was held to. */
  range?: { min?: number; max?: number };
  /** Where the range's lower bound is computed from the design: what it is made of ("1.2 ms from orders-log + 20 ms processing + ..."). */
  floor?: string;
  /** Where the spec states it (or would). */
  path: SpecPath;
  /**
   * A figure that is a word, not a number (field "kind": the kind the problem gives a component, and the
   * one the spec declares); `value` and `claimed` are then 0.
   */
  words?: { used: string; claimed: string };
}

export interface Model {
  name?: string;
  problem?: string;
  stage?: number;
  regions: string[];
  users: Record<string, number>;
  network: ModelNetwork;
  requirements: { availability?: number; rtoS?: number; rpoS?: number; maxStalenessMs?: number };
  components: Record<string, ModelComponent>;
  /** Component ids in the order the spec lists them. */
  componentOrder: string[];
  flows: Record<string, ModelFlow>;
  flowOrder: string[];
  workload: {
    readsPerS: number;
    writesPerS: number;
    /** True when reads/writes were summed from flows rather than stated. */
    derived: { reads: boolean; writes: boolean };
    data: Record<string, ModelDataClass>;
    strongReads: string[];
  };
  patterns: ModelPatterns;
  /** The spec's `estimates`, parsed with their units (absent when the spec has none). */
  estimates?: Record<string, ModelEstimate>;
  /** Every figure resolution decided, with where it came from (for metrics and design/honest-figures). */
  figures?: ModelFigure[];
  /**
   * Against a problem: the components that take the place of one in the stage's reference (renamed, or
   * declared another kind), and whose: they are held to its givens, and rubric options naming it reach them.
   */
  standIns?: Record<string, string>;
  /**
   * Against a problem: workers the stage's reference runs that the spec has neither under their name nor in
   * their place: one the givens name (named), or one whose input the spec keeps with nothing consuming it
   * (specfile/resolve.ts missingWorkers). Their work is not done, and their load and figures not graded.
   */
  missingWorkers?: {
    id: string;
    kind: string;
    named: boolean;
    consumes?: string;
    /** Kept (by name or in its place) but consuming nothing and on no flow: the reference one consumes `consumes`. */
    idle?: boolean;
    latencyMs?: { p50?: number; p99?: number };
    threads?: number;
    capacityRps?: number;
  }[];
  /** Against a problem: a flow's origins or consistency the spec set looser than the stage's prompt (held to it). */
  promptHeld?: PromptHeld[];
  /** Against a problem: requests the stage's prompt makes (reference flows with a budget) the spec has no flow for. */
  missingFlows?: PromptMissing[];
  /** Multiplier on peak load for the surge utilization (a problem may give it). Default 2. */
  surgeFactor?: number;
  /** True when a problem's givens were applied. */
  givens?: boolean;
  /** The spec's `api`: endpoints mapped to flows, with the fields each looks its data up by. */
  api?: ModelEndpoint[];
  /** The spec's `data`: entities by name, where each is kept and how it is keyed. */
  data?: Record<string, ModelEntity>;
  /** The spec's `decisions`: each major choice with its alternatives, reason and risk. */
  decisions?: ModelDecision[];
}

export interface ModelEndpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The URL path as written, e.g. /v1/users/{user_id}/orders. */
  route: string;
  flow: string;
  /** Fields the request looks its data up by: `by`, else the path's {parameters}. */
  by: string[];
  /** `by` is written (`by: []`: a listing that is the same for everyone, not a lookup left unsaid). */
  byStated: boolean;
  /** Fields the request carries in its body. */
  body: string[];
  idempotencyKey: boolean;
  path: SpecPath;
}

export interface ModelEntity {
  name: string;
  store: string;
  key: string[];
  partitionKey: string;
  indexes: string[];
  /** Other fields a row holds that later hops look up by (`holds`). */
  holds: string[];
  path: SpecPath;
}

export interface ModelDecision {
  choice: string;
  pattern?: string;
  alternatives: string[];
  /** The spec writes `alternatives` (possibly empty), so a finding can point at it. */
  hasAlternatives: boolean;
  reason: string;
  risk?: string;
  path: SpecPath;
}

/** One estimate: its value in base units (seconds, bits, counts) and its dimension. */
export interface ModelEstimate {
  text: string;
  value: number;
  dims: number[];
  bytes?: boolean;
  path: SpecPath;
}
