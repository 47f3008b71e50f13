// A problem's givens: the figures of its scenario (per component id, per kind, the RTT table, the
// mesh's overhead, replication lag floors, availability of one deployment, the surge factor). When a
// spec is graded against the problem, these are the numbers used, whatever the spec claims.
// Written in problem.yaml (and per stage, for what changes); shape in schemas/problem.schema.json.

export type GivenLatency = number | { p50?: number; p99?: number };

export interface FigureGivens {
  latency_ms?: GivenLatency;
  write_latency_ms?: GivenLatency;
  capacity_rps?: number;
  write_capacity_rps?: number;
  threads?: number;
  availability?: number;
  /** Async replication lag of this store, ms. */
  replication_lag_ms?: number;
  /** Caches and CDNs: share of reads answered without going further. */
  hit_ratio?: number;
}

export interface Givens {
  components?: Record<string, FigureGivens>;
  kinds?: Record<string, FigureGivens>;
  network?: {
    rtt_table?: 'measured' | 'course';
    intra_region_ms?: number;
    rtt_ms?: Record<string, Record<string, number>>;
    /** May a spec override RTTs (network.rtt_ms, rtt_table, intra_region_ms)? Default false: the problem fixes the table. */
    overrides?: boolean;
  };
  mesh_overhead_ms?: { sidecar?: GivenLatency; ambient?: GivenLatency };
  /** Async replication lag is at least this, ms. */
  replication_lag_floor_ms?: number;
  /** Availability of one region's deployment of every component the problem runs (not clients, not third parties). */
  availability?: number;
  /** Multiplier on peak load for the surge utilization. */
  surge_factor?: number;
  /** Each region's share of the users: a fact of the traffic, used whatever the spec's `users` says. */
  users?: Record<string, number>;
}

function mergeFigures(
  a: Record<string, FigureGivens> | undefined,
  b: Record<string, FigureGivens> | undefined,
): Record<string, FigureGivens> | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: Record<string, FigureGivens> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = { ...(out[k] ?? {}), ...v };
  return out;
}

/** Later givens (a stage's) override earlier ones (the problem's) field by field. */
export function mergeGivens(base: Givens | undefined, next: Givens | undefined): Givens | undefined {
  if (!base) return next;
  if (!next) return base;
  const out: Givens = { ...base, ...next };
  const components = mergeFigures(base.components, next.components);
  const kinds = mergeFigures(base.kinds, next.kinds);
  if (components) out.components = components;
  if (kinds) out.kinds = kinds;
  if (base.network || next.network) out.network = { ...(base.network ?? {}), ...(next.network ?? {}) };
  if (base.mesh_overhead_ms || next.mesh_overhead_ms)
    out.mesh_overhead_ms = { ...(base.mesh_overhead_ms ?? {}), ...(next.mesh_overhead_ms ?? {}) };
  return out;
}
