// The resolved Model: the spec with every default applied and every reference checked.
// Plain data (JSON-serialisable), consumed by analysis, checks, diagrams and the TUI.
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
  availability: number;
  sidecar: boolean;
  stateful: boolean;
  /** Stores: write model, read model or both. */
  role?: 'write' | 'read-model' | 'both';
  /** Stores: region of the single write primary (undefined for multi-primary or consensus). */
  primary?: string;
  replication?: ModelReplication;
  failover?: ModelFailover;
  hitRatio?: number;
  threads?: number;
  pools: ModelPool[];
  timeoutMs?: number;
  consumes?: string;
  writes: string[];
  lagMs?: number;
  /** Which fields the learner wrote (others are defaults), for feedback that says "default". */
  explicit: string[];
  path: SpecPath;
}

export interface ModelFlow {
  name: string;
  kind: 'read' | 'write';
  description?: string;
  rate: number;
  origins: string[];
  path: string[];
  budget: { p50?: number; p99?: number };
  availability?: number;
  consistency: 'strong' | 'eventual';
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
    commands: string; queries: string[]; projection?: string; sync: boolean;
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
    overheadSource: 'spec' | 'measured';
    mtls: boolean;
    reasons: string[];
  };
  bulkhead?: { services: string[] };
  multiRegion?: { strategy: 'single-region' | 'active-passive' | 'data-locality' | 'async-replication' | 'global-consensus'; routing: 'latency' | 'geo' | 'failover' };
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
}
