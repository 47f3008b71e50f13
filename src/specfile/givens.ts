// A problem's givens: the figures of its scenario (per component id, per kind, the RTT table, the
// mesh's overhead, replication lag floors, availability of one deployment, the surge factor). When a
// spec is graded against the problem, these are the numbers used, whatever the spec claims.
// Written in problem.yaml (and per stage, for what changes); shape in schemas/problem.schema.json.

import type { ReferencePlaces } from './places.js';

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

/** A named component's givens: its kind (what it is in the scenario) and its figures. */
export interface ComponentGivens extends FigureGivens {
  /**
   * The kind the problem's own designs give it. Required once per named component (problem check): a
   * component a learner adds or renames is held to the best its kind has here (classCeilings below).
   */
  kind?: string;
}

export interface Givens {
  components?: Record<string, ComponentGivens>;
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
  /** The scenario's measured failover timings, s: a spec states none faster (failover-timings.ts). */
  failover?: { detect_s?: number; promote_s?: number; steer_s?: number };
  /** Each region's share of the users: a fact of the traffic, used whatever the spec's `users` says. */
  users?: Record<string, number>;
  /**
   * Derived, never written in problem.yaml: where each component stands in the stage's reference design
   * (problems/stage-rubric.ts), so that a renamed one in its place takes its givens. A function, so the
   * reference is read only for a spec that could rename (and never serialised with the givens).
   */
  placesOf?: () => ReferencePlaces;
}

function mergeFigures<T extends FigureGivens>(
  a: Record<string, T> | undefined,
  b: Record<string, T> | undefined,
): Record<string, T> | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: Record<string, T> = { ...a };
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
  if (base.failover || next.failover) out.failover = { ...(base.failover ?? {}), ...(next.failover ?? {}) };
  if (base.mesh_overhead_ms || next.mesh_overhead_ms)
    out.mesh_overhead_ms = { ...(base.mesh_overhead_ms ?? {}), ...(next.mesh_overhead_ms ?? {}) };
  return out;
}

/**
 * Kinds held to one bar: services and workers both run the team's code on the problem's fleet, so a
 * service renamed a worker is still held to what the problem's services do.
 */
export function figureClass(kind: string): string {
  return kind === 'worker' ? 'service' : kind;
}

/** A figure one of the problem's components has: the value and who has it. */
export interface CeilingFigure {
  value: number;
  /** The named component (or "every <kind>") whose given it is. */
  from: string;
  /**
   * The figure of the named component this one stands in for (specfile/places.ts): a better figure, stated,
   * catalogued or defaulted, is graded with it as a contradicted given.
   */
  standIn?: boolean;
  /**
   * The scenario's bar for a figure no given fixes (resolve.ts scenarioCeiling): it holds a figure the spec
   * states, not one a named technology brings from the catalog.
   */
  stated?: boolean;
}

/** Per field, the most favourable figure the problem gives any component of one class. */
export interface ClassCeiling {
  'latency_ms.p50'?: CeilingFigure;
  'latency_ms.p99'?: CeilingFigure;
  'write_latency_ms.p50'?: CeilingFigure;
  'write_latency_ms.p99'?: CeilingFigure;
  capacity_rps?: CeilingFigure;
  threads?: CeilingFigure;
  availability?: CeilingFigure;
  hit_ratio?: CeilingFigure;
}

export type CeilingField = keyof ClassCeiling;

/** Latency is better lower; capacity, threads, availability and hit ratio are better higher. */
export function lowerIsBetter(field: CeilingField): boolean {
  return field.startsWith('latency_ms') || field.startsWith('write_latency_ms');
}

function offer(ceiling: ClassCeiling, field: CeilingField, value: number | undefined, from: string): void {
  if (value === undefined) return;
  const cur = ceiling[field];
  if (!cur || (lowerIsBetter(field) ? value < cur.value : value > cur.value)) ceiling[field] = { value, from };
}

function offerAll(ceiling: ClassCeiling, g: FigureGivens, from: string): void {
  const lat = g.latency_ms;
  if (lat !== undefined) {
    offer(ceiling, 'latency_ms.p50', typeof lat === 'number' ? lat : lat.p50, from);
    offer(ceiling, 'latency_ms.p99', typeof lat === 'number' ? lat : lat.p99, from);
  }
  const w = g.write_latency_ms;
  if (w !== undefined) {
    offer(ceiling, 'write_latency_ms.p50', typeof w === 'number' ? w : w.p50, from);
    offer(ceiling, 'write_latency_ms.p99', typeof w === 'number' ? w : w.p99, from);
  }
  offer(ceiling, 'capacity_rps', g.capacity_rps, from);
  offer(ceiling, 'threads', g.threads, from);
  offer(ceiling, 'availability', g.availability, from);
  offer(ceiling, 'hit_ratio', g.hit_ratio, from);
}

/**
 * The scenario's figures belong to what a component is, not to its name. A component the givens do not
 * name (one the learner adds, or a named one renamed) states no figure better than the best the problem
 * gives any component of its class: a purchase service renamed to escape its 5,000 req/s is held to the
 * best service figure the scenario has, not to what the spec writes. Classes with no given have no
 * ceiling (the plausible range for the kind still applies).
 */
export function classCeilings(givens: Givens | undefined): Map<string, ClassCeiling> {
  const out = new Map<string, ClassCeiling>();
  if (!givens) return out;
  const of = (kind: string): ClassCeiling => {
    const cls = figureClass(kind);
    let c = out.get(cls);
    if (!c) out.set(cls, (c = {}));
    return c;
  };
  if (givens.components)
    for (const id of Object.keys(givens.components)) {
      const g = givens.components[id]!;
      if (g.kind !== undefined) offerAll(of(g.kind), g, `given for ${id}`);
    }
  if (givens.kinds) for (const kind of Object.keys(givens.kinds)) offerAll(of(kind), givens.kinds[kind]!, `given for every ${kind}`);
  return out;
}

/** A stand-in's ceiling: every figure the named component it replaces is given (`from` names both). */
export function standInCeiling(g: FigureGivens, from: string): ClassCeiling {
  const c: ClassCeiling = {};
  offerAll(c, g, from);
  for (const f of Object.keys(c) as CeilingField[]) c[f]!.standIn = true;
  return c;
}

/** Per field the less favourable of two ceilings (a stand-in is held to the stricter of its own and its class's). */
export function stricter(a: ClassCeiling | undefined, b: ClassCeiling | undefined): ClassCeiling | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: ClassCeiling = { ...a };
  for (const f of Object.keys(b) as CeilingField[]) {
    const x = out[f];
    const y = b[f]!;
    if (!x || (lowerIsBetter(f) ? y.value > x.value : y.value < x.value)) out[f] = y;
  }
  return out;
}
