// Decides each figure of a component once, in order: the problem's givens, the technology catalog
// (tech/size), the spec's own figure (inside the plausible range for its kind), the kind's default;
// and records which one it was, with the claim it overrode. Used by resolve.ts.
import { DEFAULT_THREADS, KIND_DEFAULTS, type LatencyFigure } from '../data/figures.js';
import { PLAUSIBLE, TECH, type Range, type TechSize } from '../data/tech.js';
import type { SpecPath } from './diagnostic.js';
import type { CeilingField, CeilingFigure, ClassCeiling, FigureGivens, GivenLatency, Givens } from './givens.js';
import type { Latency, ModelFigure } from './model.js';
import type { SpecComponent } from './types.js';

const RUNS_CODE = new Set(['service', 'gateway', 'worker']);

export function inRange(v: number, r: Range | undefined): boolean {
  return !r || ((r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max));
}

export interface Candidate {
  value: number;
  from: string;
}

/** Absent and undefined are the same: a figure with no given, no catalog entry or no claim. */
export interface DecideInput {
  subject: string;
  field: string;
  path: SpecPath;
  given?: Candidate;
  catalog?: Candidate;
  spec?: number;
  range?: Range;
  fallback: Candidate;
  /**
   * The figure this one is held to, and which way is better: the best the problem gives its class (verdict
   * beyond-givens) or, for a stand-in, the named component's (contradicts-given). A stated or catalogued
   * figure beyond it is not used; a stand-in's default is capped too.
   */
  ceiling?: CeilingFigure;
  lowerIsBetter?: boolean;
}

/** The one rule: given, else catalog, else the spec's figure if plausible, else the default. */
export function decide(d: DecideInput): ModelFigure {
  // Built field by field (no object spread): resolve decides every figure of every component, and
  // `{ ...base, value }` costs microseconds apiece on Node 20's V8. Key order is the documented one.
  const source = d.given
    ? { candidate: d.given, origin: 'given' as const, verdict: 'contradicts-given' as const }
    : d.catalog
      ? { candidate: d.catalog, origin: 'catalog' as const, verdict: 'catalog' as const }
      : undefined;
  const c = d.ceiling;
  const better = (v: number) => c !== undefined && (d.lowerIsBetter ? v < c.value : v > c.value);
  const held = (claimed: number): ModelFigure => ({
    subject: d.subject,
    field: d.field,
    path: d.path,
    value: c!.value,
    origin: 'given',
    from: c!.from,
    claimed,
    verdict: c!.standIn ? 'contradicts-given' : 'beyond-givens',
  });
  // A technology named on a component that could be a renamed one brings no better figure than its kind has here.
  // The claim is the catalog's, whatever the spec states beside it (the catalog would have been used).
  if (source?.origin === 'catalog' && !c?.stated && better(source.candidate.value)) {
    const fig = held(source.candidate.value);
    fig.claimedFrom = source.candidate.from;
    return fig;
  }
  if (source) {
    const fig: ModelFigure = {
      subject: d.subject,
      field: d.field,
      path: d.path,
      value: source.candidate.value,
      origin: source.origin,
      from: source.candidate.from,
    };
    if (d.spec !== undefined && d.spec !== source.candidate.value) {
      fig.claimed = d.spec;
      fig.verdict = source.verdict;
    }
    return fig;
  }
  if (d.spec !== undefined && inRange(d.spec, d.range)) {
    if (better(d.spec)) return held(d.spec);
    return { subject: d.subject, field: d.field, path: d.path, value: d.spec, origin: 'spec' };
  }
  // A stand-in that states nothing (or nothing plausible) is still the component it stands for.
  const capped = c?.standIn === true && better(d.fallback.value);
  const fig: ModelFigure = {
    subject: d.subject,
    field: d.field,
    path: d.path,
    value: capped ? c.value : d.fallback.value,
    origin: capped ? 'given' : 'default',
    from: capped ? c.from : d.fallback.from,
  };
  if (d.spec !== undefined) {
    fig.claimed = d.spec;
    fig.verdict = 'out-of-range';
    if (d.range) fig.range = d.range;
  }
  return fig;
}

/** A given latency as p50/p99 (a number is both). */
export function givenLatency(g: GivenLatency | undefined): Partial<Latency> | undefined {
  if (g === undefined) return undefined;
  return typeof g === 'number' ? { p50: g, p99: g } : g;
}

/** The percentiles a spec states explicitly. */
function statedLatency(v: SpecComponent['latency_ms']): Partial<Latency> {
  if (v === undefined) return {};
  return typeof v === 'number' ? { p50: v, p99: v } : v;
}

function deriveLatency(stated: Partial<Latency>, fallback: Latency): Latency {
  const factor = fallback.p50 > 0 ? fallback.p99 / fallback.p50 : 3;
  const p50 = stated.p50 ?? Math.min(fallback.p50, stated.p99 ?? fallback.p50);
  const p99 = stated.p99 ?? Math.max(p50 * factor, p50);
  return { p50, p99 };
}

/** The givens that apply to a component: its own, then its kind's, then the problem-wide availability. */
export function givensFor(id: string, kind: string, givens: Givens | undefined): FigureGivens {
  if (!givens) return {};
  const own = givens.components && Object.hasOwn(givens.components, id) ? givens.components[id] : undefined;
  const byKind = givens.kinds && Object.hasOwn(givens.kinds, kind) ? givens.kinds[kind] : undefined;
  const out: FigureGivens = { ...(byKind ?? {}), ...(own ?? {}) };
  if (out.availability === undefined && givens.availability !== undefined && kind !== 'client' && kind !== 'external')
    out.availability = givens.availability;
  return out;
}

function scopeOf(id: string, kind: string, givens: Givens | undefined, field: keyof FigureGivens): string {
  if (givens?.components && Object.hasOwn(givens.components, id) && givens.components[id]?.[field] !== undefined) return `given for ${id}`;
  if (givens?.kinds && Object.hasOwn(givens.kinds, kind) && givens.kinds[kind]?.[field] !== undefined) return `given for every ${kind}`;
  return 'given for every component';
}

export interface ResolvedFigures {
  latency: Latency;
  writeLatency: Latency;
  capacityRps: number;
  writeCapacityRps?: number;
  threads?: number;
  availability: number;
  figures: ModelFigure[];
  techSize?: { tech: string; size: string; figures: TechSize };
}

/** Latency decided percentile by percentile, so a claimed p99 is named on its own. */
function resolveLatencyFigures(
  id: string,
  field: string,
  path: SpecPath,
  stated: Partial<Latency>,
  given: Partial<Latency> | undefined,
  givenFrom: string,
  catalog: LatencyFigure | undefined,
  catalogFrom: string,
  fallback: Latency,
  floor: Range,
  out: ModelFigure[],
  ceiling: ClassCeiling | undefined,
): Latency {
  const derived = deriveLatency(stated, fallback);
  const result = { ...derived };
  for (const q of ['p50', 'p99'] as const) {
    const g = given?.[q] ?? (given ? deriveLatency(given, fallback)[q] : undefined);
    const fig = decide({
      subject: id,
      field: `${field}.${q}`,
      path: [...path, field],
      given: g !== undefined ? { value: g, from: givenFrom } : undefined,
      catalog: catalog ? { value: catalog[q], from: catalogFrom } : undefined,
      spec: stated[q],
      range: floor,
      ceiling: ceiling?.[`${field}.${q}` as CeilingField],
      lowerIsBetter: true,
      fallback: {
        value: stated[q] === undefined && (stated.p50 !== undefined || stated.p99 !== undefined) ? derived[q] : fallback[q],
        from: 'kind default',
      },
    });
    // A percentile the spec left out but derived from the one it gave is the spec's figure.
    if (
      fig.origin === 'default' &&
      stated[q] === undefined &&
      (stated.p50 !== undefined || stated.p99 !== undefined) &&
      inRange(derived[q], floor)
    ) {
      fig.origin = 'spec';
      // ...and, derived, it is held to the same ceiling as a stated one (no verdict: nothing was claimed).
      const c = ceiling?.[`${field}.${q}` as CeilingField];
      if (c && fig.value < c.value) {
        fig.value = c.value;
        fig.origin = 'given';
        fig.from = c.from;
      }
    }
    result[q] = fig.value;
    out.push(fig);
  }
  if (result.p99 < result.p50) result.p99 = result.p50;
  return result;
}

/**
 * Every figure of one component: latency, write latency, capacity, threads, availability. `ceiling`
 * (resolve.ts componentCeilings) is what each figure is held to, where a rename could hide.
 */
export function resolveComponentFigures(id: string, c: SpecComponent, givens: Givens | undefined, ceiling?: ClassCeiling): ResolvedFigures {
  const d = KIND_DEFAULTS[c.kind]!;
  const range = PLAUSIBLE[c.kind]!;
  const path: SpecPath = ['components', id];
  const g = givensFor(id, c.kind, givens);
  const figures: ModelFigure[] = [];
  let techSize: ResolvedFigures['techSize'];
  if (c.tech !== undefined && Object.hasOwn(TECH, c.tech)) {
    const t = TECH[c.tech]!;
    const size = c.size !== undefined && Object.hasOwn(t.sizes, c.size) ? c.size : t.defaultSize;
    techSize = { tech: c.tech, size, figures: t.sizes[size]! };
  }
  const cat = techSize?.figures;
  const catFrom = techSize ? `${techSize.tech} ${techSize.size} (${techSize.figures.instance})` : '';
  const latency = resolveLatencyFigures(
    id,
    'latency_ms',
    path,
    statedLatency(c.latency_ms),
    givenLatency(g.latency_ms),
    scopeOf(id, c.kind, givens, 'latency_ms'),
    cat?.read,
    catFrom,
    d.latency,
    range.latencyMs,
    figures,
    ceiling,
  );
  let writeLatency: Latency;
  if (d.stateful) {
    writeLatency = resolveLatencyFigures(
      id,
      'write_latency_ms',
      path,
      statedLatency(c.write_latency_ms),
      givenLatency(g.write_latency_ms),
      scopeOf(id, c.kind, givens, 'write_latency_ms'),
      cat?.write,
      catFrom,
      d.writeLatency,
      range.writeLatencyMs,
      figures,
      ceiling,
    );
  } else {
    writeLatency = { ...latency };
  }
  const capacity = decide({
    subject: id,
    field: 'capacity_rps',
    path: [...path, 'capacity_rps'],
    given: g.capacity_rps !== undefined ? { value: g.capacity_rps, from: scopeOf(id, c.kind, givens, 'capacity_rps') } : undefined,
    catalog: cat ? { value: cat.readRps, from: catFrom } : undefined,
    spec: c.capacity_rps,
    range: range.capacityRps,
    fallback: { value: d.capacityRps, from: 'kind default' },
    ceiling: ceiling?.capacity_rps,
  });
  figures.push(capacity);
  const out: ResolvedFigures = { latency, writeLatency, capacityRps: capacity.value, availability: d.availability, figures };
  const writeCap = g.write_capacity_rps ?? (cat && cat.writeRps !== cat.readRps ? cat.writeRps : undefined);
  if (writeCap !== undefined && writeCap !== capacity.value) {
    out.writeCapacityRps = writeCap;
    figures.push({
      subject: id,
      field: 'write_capacity_rps',
      path: [...path, 'capacity_rps'],
      value: writeCap,
      origin: g.write_capacity_rps !== undefined ? 'given' : 'catalog',
      from: g.write_capacity_rps !== undefined ? scopeOf(id, c.kind, givens, 'write_capacity_rps') : catFrom,
    });
  }
  if (RUNS_CODE.has(c.kind)) {
    const threads = decide({
      subject: id,
      field: 'threads',
      path: [...path, 'threads'],
      given: g.threads !== undefined ? { value: g.threads, from: scopeOf(id, c.kind, givens, 'threads') } : undefined,
      catalog: cat?.connections !== undefined ? { value: cat.connections, from: catFrom } : undefined,
      spec: c.threads,
      range: range.threads,
      fallback: { value: DEFAULT_THREADS, from: 'kind default' },
      ceiling: ceiling?.threads,
    });
    figures.push(threads);
    out.threads = threads.value;
  }
  const avail = decide({
    subject: id,
    field: 'availability',
    path: [...path, 'availability'],
    given: g.availability !== undefined ? { value: g.availability, from: scopeOf(id, c.kind, givens, 'availability') } : undefined,
    catalog: techSize ? { value: TECH[techSize.tech]!.availability, from: catFrom } : undefined,
    spec: c.availability,
    range: range.availability,
    fallback: { value: d.availability, from: 'kind default' },
    ceiling: ceiling?.availability,
  });
  figures.push(avail);
  out.availability = avail.value;
  if (techSize) out.techSize = techSize;
  return out;
}
