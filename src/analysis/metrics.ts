// The Metrics type: every number the checks judge, computed once from the Model by analyse().
import type { Latency } from '../specfile/model.js';
import type { QueueWait } from './queueing.js';
export type { QueueWait } from './queueing.js';
import type { BatchThroughput } from './throughput.js';
import type { FanoutOnWriteMetrics } from './fanout.js';
export type { BatchThroughput, ThroughputLimit } from './throughput.js';
export type { FanoutOnWriteMetrics } from './fanout.js';

export interface HopLatency {
  index: number;
  component: string;
  region?: string;
  from: string;
  reason: 'origin' | 'nearest' | 'primary' | 'leader' | 'external' | 'same-region' | 'written';
  /** Share of the flow's requests that reach this hop (caches before it absorb the rest). */
  reach: number;
  /** A cache's share of this flow's reads it answers, where not its own hit ratio (a second tier of a kind-given cache: 0). */
  hitRatio?: number;
  /** Share of what reaches this hop that rate limits before it admitted; absent = all. */
  admitted?: number;
  /** Index of the hop that calls this one; absent for the first hop (called by the user). */
  caller?: number;
  networkMs: number;
  processing: Latency;
  /** Extra wait for synchronous replicas or a consensus quorum on a write, or for a global rate limit's counter in another region. */
  replicationMs: number;
  /** sync/quorum: a write waiting for replicas; counter: a request waiting for a global rate limit's counter in another region (analysis/latency.ts limitCounterWait). */
  replicationKind?: 'sync' | 'quorum' | 'counter';
  mesh: Latency;
  /** The external call's p99 is above its timeout: that share of calls fails at the timeout. */
  cappedByTimeout?: boolean;
  /** Identical parallel calls (fan-out): `total` is then the slowest of them, `single` one call. */
  fanout?: number;
  single?: Latency;
  /** The parallel group and branch this hop is in. */
  group?: { step: number; branch: number };
  /** In a parallel group, on a branch other than the slowest (at p99): its time overlaps the slowest's. */
  offCriticalPath?: boolean;
  /** Event-sourcing store: replaying the aggregate's events since its last snapshot (p50 half the worst case, p99 the worst). */
  replay?: Latency;
  /**
   * The wait in front of the component's replicas in its region (M/M/c, analysis/queueing.ts), as the hop
   * adds it: the mean wait at p50, the wait's p99 (at least the mean) at p99; included in `total`. The
   * model's figures (replicas, utilization, Erlang C) are in capacity[component][region].queue. +Infinity at
   * or above 100 % utilization, making `total` and the flow unbounded ("unbounded" in every output).
   */
  queueWait?: Latency;
  total: Latency;
}

/** Calls made at the same time, of which the flow waits for the slowest: a parallel group or a fan-out. */
export interface ParallelLatency {
  kind: 'parallel' | 'fanout';
  /** Position of the step in the spec's path. */
  step: number;
  /** Each branch: its hops and its own latency (for a fan-out, one call's), with how many identical copies run. */
  branches: { hops: number[]; p50: number; p99: number; fanout: number }[];
  /** The branch with the highest own p99. */
  slowest: number;
  /** What the flow pays: the quantiles of the slowest of all the calls (log-normal fit, see analysis/tail.ts). */
  p50: number;
  p99: number;
}

/** One way a read through caches ends: at a cache that hits, or (the miss path) at the end of the path. */
export interface CachePath {
  /** The cache or CDN that answers (hit paths only) and its position on the path. */
  cache?: string;
  index?: number;
  /** Its hit ratio (hit paths only). */
  hitRatio?: number;
  /** Share of the flow's requests that take this path. */
  share: number;
  /** The path's own latency: its hops in sequence, ms. */
  p50: number;
  p99: number;
}

/** A read's hit and miss paths; the origin's p50/p99 are the quantiles of their mixture. */
export interface CacheLatency {
  /** One per cache on the critical path, in path order: the requests that cache answers. */
  hits: CachePath[];
  /** The requests that miss every cache and take the whole path. */
  miss: CachePath;
  /** Share answered by some cache: 1 - miss.share. */
  hitShare: number;
}

export interface OriginLatency extends Latency {
  origin: string;
  hops: HopLatency[];
  networkMs: number;
  meshMs: Latency;
  /** Parallel groups and fan-outs on the path (absent for a plain chain). */
  parallel?: ParallelLatency[];
  /** Reads through a cache or CDN: the hit and miss paths (p50/p99 above are their mixture's). */
  cache?: CacheLatency;
}

/** Which of a hop's regional copies a request needs: one (the copy that holds the data), any, all (sync write), a majority (consensus). */
export type CopyRule = 'one' | 'any' | 'all' | 'majority';

export interface FlowAvailabilityHop {
  component: string;
  /** Availability of one region's deployment. */
  perRegion: number;
  /** Independent regional copies counted for this hop. */
  copies: number;
  /** Which of them the request needs. */
  rule?: CopyRule;
  /** Why, in words (for messages). */
  why?: string;
  /** When the region's figure comes from its replicas: regionFate x (1 - (1 - each)^count). */
  replicas?: { count: number; each: number; regionFate: number };
  /** Share of healthy calls failed by a timeout below this hop's latency (log-normal estimate, src/analysis/tail.ts). */
  timeoutCutOff?: number;
  value: number;
}

export interface FlowMetrics {
  name: string;
  kind: 'read' | 'write';
  rate: number;
  /** Reads: must they see the latest write? (for rubric assertions) */
  consistency: 'strong' | 'eventual';
  /** The hops, in order. */
  path: string[];
  budget: { p50?: number; p99?: number };
  /** Reads through a cache or CDN: the miss path's own budget, when the spec gives one. */
  missBudget?: { p50?: number; p99?: number };
  /** Requests rejected by rate limits on the path at this load (absent when none are). */
  rejected?: FlowRejection;
  /** Latency from each origin region. */
  origins: Record<string, OriginLatency>;
  /** The slowest origin by p99. */
  worst: OriginLatency;
  availability: { value: number; target?: number; hops: FlowAvailabilityHop[] };
}

/** Requests a flow loses to rate limits (analysis/rate-limit.ts). */
export interface FlowRejection {
  /** Share of the flow's requests (all origins) rejected, 0 to 1. */
  share: number;
  /** Rejected requests/s: share x the flow's rate. */
  rps: number;
  /** Where: the limited component, its region, the users' origin, and that origin's part of `share`. */
  by: { component: string; region: string; origin: string; share: number }[];
}

/** A rate-limited gateway or load balancer in one region: what arrives, what it admits, what it rejects (HTTP 429). */
export interface RateLimitLoad {
  component: string;
  region: string;
  per: 'region' | 'global';
  limitRps: number;
  arrivingRps: number;
  /** per: global: arrivals in every region together (the counter the limit is held to). */
  globalArrivingRps?: number;
  admittedRps: number;
  rejectedRps: number;
  /** Share of the arrivals rejected: 1 - limit / arrivals when arrivals exceed the limit, else 0. */
  rejectedShare: number;
}

export interface StoreFailover {
  component: string;
  kind: string;
  mode: 'none' | 'active-passive' | 'active-active';
  replication: 'none' | 'sync' | 'async' | 'consensus';
  regions: string[];
  standby?: string;
  /** Seconds unavailable after losing the primary's region; null = no automatic recovery (restore from backup). */
  rtoS: number | null;
  /** Seconds of committed writes that can be lost; null = everything since the last backup. */
  rpoS: number | null;
  conflict: string;
  writable: boolean;
  /** Consensus stores: the leader's region. */
  leader?: string;
  /** Consensus over 3+ voters: the election that replaces a lost leader (RTO = timeout + vote round trip). */
  election?: { timeoutS: number; voteRttMs: number; candidate: string };
}

/**
 * How the users of a lost region reach a surviving one through a tier they enter by (analysis/steering.ts):
 * health checks notice the region is down, then resolvers keep its address until the DNS TTL runs out.
 */
export interface UserSteering {
  /** The component users enter by (the first hop of their flows). */
  component: string;
  /** Regions it runs in where those flows' users are: losing any of them strands its users until steered. */
  regions: string[];
  flows: string[];
  detectS: number;
  /** DNS TTL (at least the time clients keep an address), s; 0 by default with anycast routing. */
  steerS: number;
  /** Where steerS is from: the entry tier's own failover.steer_s, else anycast routing (0), else the default DNS TTL. */
  steerFrom: 'entry' | 'anycast' | 'default';
  /** Users reach the entry tier by anycast (patterns.multi_region.routing), not a DNS record. */
  anycast?: true;
  /** A detect_s faster than one health-check interval, graded at the interval. */
  detectClaimed?: number;
  /** A steer_s shorter than clients keep a looked-up address (DNS routing), graded at that floor. */
  steerClaimed?: number;
  /** detectS + steerS: how long those users are down, whatever the stores behind it do. */
  rtoS: number;
}

export interface PoolCall {
  dependency: string;
  /** Calls per second reaching one replica of the caller, in its busiest region. */
  ratePerReplica: number;
  region: string;
  /** Time a thread is held per call at p99: network + processing (+ mesh), ms; a call to a service holds it
   *  until that service's own calls return. Several flows: their rate-weighted mean, so rate x p99Ms = demand,
   *  except for a consumer's writes (messages taken from a queue), whose demand counts their mean time over
   *  the utilization limit instead (analysis/pools.ts addConsumers). */
  p99Ms: number;
  /** The timeout that bounds a slow call, ms (pool's own, else the dependency's). */
  timeoutMs?: number;
  /** Threads needed by Little's law: rate x p99 latency (a consumer's write: rate x mean / the utilization limit). */
  demand: number;
  /** Threads needed when the dependency slows to its timeout (Infinity without one). */
  worstDemand: number;
  pool?: string;
  external: boolean;
}

export interface PoolMetrics {
  name: string;
  dependency?: string;
  size: number;
  timeoutMs?: number;
  /** Little's law demand of the calls this pool serves. */
  demand: number;
  worstDemand: number;
}

export interface ServicePools {
  service: string;
  threads: number;
  pooledThreads: number;
  pools: PoolMetrics[];
  calls: PoolCall[];
  /**
   * Requests per second reaching one replica in the busiest region (the one whose threads are most in demand), and
   * the threads they hold there at p99: its own work plus its calls made from that region (`calls`).
   */
  ratePerReplica: number;
  demand: number;
  /** The busiest region: where `ratePerReplica` and `demand` are measured (`calls` holds each dependency at its own busiest). */
  region?: string;
  /**
   * For a worker no flow runs through: the queue or stream it consumes, whose messages are its requests
   * (their rate is what it takes from there; its calls are its writes). Its demand counts each message's
   * mean time over the utilization limit: the threads that keep it at most that busy.
   */
  consumes?: string;
}

export interface ReplayMetrics {
  store: string;
  /** The longest event history of one aggregate, as declared. */
  maxEventsPerAggregate: number;
  eventsToReplay: number;
  applyMs: number;
  replayMs: number;
  loadBudgetMs: number;
  snapshotEvery?: number;
}

/** How far behind its source a store written by workers (a projection, read model or state store) can be. */
export interface StoreStaleness {
  store: string;
  /** Workers that write this store. */
  workers: string[];
  /** The slowest chain of workers from the original write to this store, upstream first. */
  chain: string[];
  /** Sum of lag_ms along that chain. */
  projectionLagMs: number;
  /**
   * The mean waits of messages in front of the chain's workers (M/M/c at their load, staleness.ts workerQueueMs),
   * summed: +Infinity when a worker takes messages faster than it processes them (it falls behind without bound).
   */
  queueMs: number;
  /** Those waits by worker, where above 0. */
  queued: Record<string, number>;
  /** Async replication lag, counted when the store serves reads from more than one region; else 0. */
  replicationLagMs: number;
  /** Oldest a read from this store can be: projection (lag and queueing) + replication. */
  totalMs: number;
}

export interface ResidencyViolation {
  dataClass: string;
  store: string;
  region: string;
  allowed: string[];
  /** A store the class's data is carried into, not one of its own: from which of its stores, through what (store, worker, ..., this store). */
  via?: string[];
}

export interface RegionLoad {
  component: string;
  region: string;
  rate: number;
  replicas: number;
  capacity: number;
  utilization: number;
  surgeUtilization: number;
  /** Of `rate`, the writes (including replicated writes applied here). */
  writeRate: number;
  /**
   * Of `rate`, the work of services merged into this one on a prompt's flow (`from`), counted in this component's own
   * requests: a call that also does order-router's work at 5,000/s per replica takes 4,000 / 5,000 = 0.8 more of
   * order-service's 4,000/s. Absent where nothing was merged.
   */
  merged?: { rate: number; from: string[] };
  /** Requests/s on one node: rate / replicas, or for a replicated store every write plus its share of the reads. */
  perNodeRate: number;
  /** True when each of several replicas applies every write (so replicas divide only the reads). */
  everyReplicaWrites: boolean;
  /** The M/M/c wait in front of the replicas there (ms; +Infinity at or above 100 %). */
  queue?: QueueWait;
  /** Partitioned store: the partition count, and the busiest partition's share of the traffic (its ceil(split / count) hot sub-keys plus 1 / count of the rest). */
  partitions?: number;
  hottestShare?: number;
  /** Partitioned store: the hottest key's share as stated (0 when not), and the sub-keys it is split into. */
  hotKeyShare?: number;
  hotKeySplit?: number;
}

export interface MeshMetrics {
  dataPlane: 'sidecar' | 'ambient';
  mtls: boolean;
  reasons: string[];
  /** Components with a sidecar (or in the ambient mesh). */
  services: string[];
  /** Added per call between two meshed components. */
  overheadMs: { p50: number; p99: number };
}

/** One component's cost in one region. */
export interface RegionCost {
  region: string;
  replicas: number;
  /** Requests/s that reach it there (metrics.capacity), which per-request prices bill. */
  requestsPerS: number;
  /** replicas x price per replica-hour. */
  replicaUsdPerHour: number;
  /** requestsPerS x 3,600 / 1e6 x price per million requests. */
  requestUsdPerHour: number;
  /** replicas x price per mesh proxy-hour, for a component with a sidecar when the mesh names its product. */
  meshUsdPerHour: number;
  usdPerHour: number;
  usdPerMonth: number;
}

export interface ComponentCost {
  component: string;
  kind: string;
  /** The catalog entry that prices it: the spec's own tech ('spec') or its kind's representative; absent for clients and externals ('free'). */
  tech?: string;
  size?: string;
  instance?: string;
  basis: 'spec' | 'representative' | 'free';
  regions: Record<string, RegionCost>;
  usdPerHour: number;
  usdPerMonth: number;
}

/** On-demand cost of running the design (src/analysis/cost.ts). */
export interface CostMetrics {
  hoursPerMonth: number;
  usdPerHour: number;
  usdPerMonth: number;
  components: Record<string, ComponentCost>;
  regions: Record<string, { usdPerHour: number; usdPerMonth: number }>;
  /** Price of one mesh proxy per hour, when the mesh names its product. */
  meshProxyUsdPerHour?: number;
  mostExpensiveComponent?: string;
  mostExpensiveRegion?: string;
}

export interface Metrics {
  flows: Record<string, FlowMetrics>;
  /** The declared service mesh, when there is one (for rubric assertions). */
  mesh?: MeshMetrics;
  workload: { readsPerS: number; writesPerS: number; readWriteRatio: number; derived: { reads: boolean; writes: boolean } };
  stores: Record<string, StoreFailover>;
  /** Users of a lost region, by the multi-region tier they enter by (absent: no such tier). */
  steering?: Record<string, UserSteering>;
  pools: Record<string, ServicePools>;
  replay?: ReplayMetrics;
  /** Stores written by workers, by id. */
  staleness: Record<string, StoreStaleness>;
  residency: { violations: ResidencyViolation[]; classes: Record<string, { allowed?: string[]; regions: string[] }> };
  capacity: Record<string, Record<string, RegionLoad>>;
  /** Rate-limited gateways and load balancers, per region (absent when the design has none). */
  rateLimits?: Record<string, Record<string, RateLimitLoad>>;
  /** What the design costs to run, per component and region. */
  cost: CostMetrics;
  /** The spec's estimates, in base units (seconds, bits, counts), when it has any. */
  estimates?: Record<string, EstimateValue>;
  /** Batch flows (`throughput`): what each hop lets them sustain, by flow name. */
  throughput?: Record<string, BatchThroughput>;
  /** Fan-out on write steps: the timeline's write load and the celebrity's delivery time, by flow name. */
  fanout?: FanoutOnWriteMetrics[];
}

export interface EstimateValue {
  /** As written: "12k/s". */
  text: string;
  value: number;
  dims: number[];
  /** "a rate (per second)", "a size (bytes)"... */
  kind: string;
}
