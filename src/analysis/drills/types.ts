// What a drill computes: a timeline of phases, each with the ordinary Metrics of the transformed Model
// (so checks and CEL assertions read a phase like any design) plus what the drill adds: which share of
// each flow fails and why, the p99 of what is still served, overloaded tiers, exhausted pools.
import type { Metrics } from '../metrics.js';
import type { Scenario } from './scenario.js';

export type DrillFailureReason =
  /** Users of a lost region still resolve to it until health checks and the DNS TTL move them. */
  | 'not-steered'
  /** No surviving copy of the component. */
  | 'no-copy'
  /** The store's primary or leader is in the lost region and has not been promoted (or never will be). */
  | 'not-promoted'
  /** A network partition separates the caller from the copy it needs (or a sync replica / quorum). */
  | 'partitioned'
  /** The component is down (down:<component>). */
  | 'down'
  /** The call takes longer than its timeout and fails at it. */
  | 'timeout'
  /** The caller's pool (or its shared threads) is exhausted: calls are rejected. */
  | 'pool-exhausted';

export interface DrillFailure {
  origin: string;
  /** Share of the flow's requests (all origins) failing this way. */
  share: number;
  reason: DrillFailureReason;
  component?: string;
  /** In words, for messages. */
  why: string;
}

export interface DrillFlow {
  name: string;
  kind: 'read' | 'write';
  /** Share of the flow's requests that fail in this phase, 0 to 1. */
  errorShare: number;
  /** Worst p99 of the origins still served, ms; Infinity = unbounded (a tier on its route at or over 100 %); null = nothing served. */
  p99: number | null;
  budgetP99?: number;
  /** p99 / budget (Infinity when unbounded). */
  budgetRatio?: number;
  /** A tier on the route at or over 100 % (the latency is then unbounded). */
  overloadedBy?: { component: string; region: string; utilization: number };
  failures: DrillFailure[];
  /** Share of the flow's requests a rate limit rejects (HTTP 429) in this phase: shed by design, not counted in errorShare. */
  rejectedShare?: number;
}

/** A rate-limited gateway or load balancer rejecting requests in one region (HTTP 429). */
export interface DrillRejection {
  component: string;
  region: string;
  rejectedRps: number;
  arrivingRps: number;
  limitRps: number;
  per: 'region' | 'global';
}

export interface DrillOverload {
  component: string;
  region: string;
  utilization: number;
  stateful: boolean;
}

export interface DrillPoolExhaustion {
  service: string;
  /** The pool that ran out; absent when the service's shared threads did. */
  pool?: string;
  dependency?: string;
  demand: number;
  size: number;
}

export interface DrillDataLoss {
  store: string;
  region: string;
  replication: string;
  /** Seconds of acknowledged writes lost; null = everything since the last backup (no copy elsewhere). */
  rpoS: number | null;
  /** At most this many writes (write rate there x rpoS); null when unbounded. */
  writesLost: number | null;
  /** The design's RPO requirement, when stated. */
  targetS?: number;
}

export interface DrillDivergence {
  store: string;
  /** What happens to the copies on each side. */
  how: 'both-write' | 'stale-reads' | 'writes-blocked' | 'minority-read-only';
  conflict?: string;
  why: string;
}

export type DrillPhaseName = 'detection' | 'steering' | 'promotion' | 'steady-state';

export interface DrillPhase {
  name: DrillPhaseName;
  /** Seconds after the fault began; `toS` null for the last phase (it lasts). */
  fromS: number;
  toS: number | null;
  /** What changed at the start of this phase, in words. */
  events: string[];
  /** Regions lost. */
  down: string[];
  /** The ordinary metrics of the design as it runs in this phase (what checks and CEL read). */
  metrics: Metrics;
  flows: Record<string, DrillFlow>;
  overloaded: DrillOverload[];
  /** Requests rejected by rate limits (surviving regions), most first. */
  rejected: DrillRejection[];
  exhausted: DrillPoolExhaustion[];
  /** The busiest component (any region) and the busiest store. */
  busiest?: DrillOverload;
  busiestStore?: DrillOverload;
  /** Stores that accept no writes in this phase. */
  readOnly: string[];
  diverging: DrillDivergence[];
  /** Every flow served in full, within 2x its p99 budget, no tier at or over 100 %. */
  healthy: boolean;
}

export interface DrillResult {
  scenarios: Scenario[];
  /** The scenarios as written. */
  titles: string[];
  /** Retries per timed-out call (each retry is one more call and one more thread held until the timeout). */
  retries: number;
  phases: DrillPhase[];
  /** Acknowledged writes lost with a region. */
  dataLoss: DrillDataLoss[];
  /**
   * Surge drills: what runs out first as the whole load grows, and at what multiple of the normal peak
   * (per-flow surges held as drilled): a tier at 100 % ('capacity', with its region), a pool ('pool') or
   * a service's shared threads ('threads'), both by Little's law.
   */
  breakingPoint?: {
    kind: 'capacity' | 'pool' | 'threads';
    component: string;
    region?: string;
    pool?: string;
    factor: number;
    /**
     * What `factor` multiplies: every flow's peak, or (when a surge names a flow) the drilled load, each flow at what the
     * drill made it. A surge of one flow leaves the others at their peak, so no single multiple of "the peak" fits.
     */
    of: 'peak' | 'drilled';
  };
  /** The last phase: where the design settles. */
  final: DrillPhase;
}

export interface DrillOptions {
  /** Retries per call that times out (default 0). */
  retries?: number;
}
