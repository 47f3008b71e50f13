// Which parts of a drawing a finding is about: its spec path ("components.orders-db.failover",
// "flows.checkout.path[2]", "patterns.cqrs.queries") mapped to components, flow hops,
// replication and feed edges, regions, or the design as a whole.
import type { SpecPath } from '../specfile/diagnostic.js';
import type { Model } from '../specfile/model.js';
import type { Report } from '../grading/report.js';

export type Mark = 'fail' | 'warn';

/** A failed or warned finding, as much of it as a drawing needs. */
export interface DiagramFinding {
  check: string;
  status: Mark;
  path: SpecPath;
  /** The finding's message and its place in the file, for the terminal preview's list. */
  message?: string;
  line?: number;
}

/** Worst status and the check ids behind it, in the order they were found. */
export interface Annotation {
  status: Mark;
  checks: string[];
}

export interface FindingTargets {
  components: Map<string, Annotation>;
  /** Key `flow\u0000index`; index -1 is the whole flow. */
  hops: Map<string, Annotation>;
  /** Replication and failover edges of a component. */
  replication: Map<string, Annotation>;
  /** Consumes/writes edges of a worker. */
  feeds: Map<string, Annotation>;
  regions: Map<string, Annotation>;
  /** Findings about the design as a whole (a declared strategy, a missing pattern). */
  global: Annotation | undefined;
}

export function hopKey(flow: string, index: number): string {
  return `${flow}\u0000${index}`;
}

/** Every fail and warn finding of a report (passes draw nothing); a failed assertion is about the whole design. */
export function findingsOf(report: Report): DiagramFinding[] {
  const out: DiagramFinding[] = [];
  for (const c of report.checks) {
    // A rubric assertion fails as a whole, with no finding to place: it is about the design.
    if ((c.status === 'fail' || c.status === 'warn') && !c.findings.some((f) => f.status !== 'pass')) {
      const d: DiagramFinding = { check: c.id, status: c.status, path: [], message: c.message };
      if (c.location?.line !== undefined) d.line = c.location.line;
      out.push(d);
      continue;
    }
    for (const f of c.findings) {
      if (f.status === 'pass') continue;
      const d: DiagramFinding = { check: c.id, status: f.status, path: f.specPath, message: f.message };
      if (f.location.line !== undefined) d.line = f.location.line;
      out.push(d);
    }
  }
  return out;
}

function note(map: Map<string, Annotation>, key: string, f: DiagramFinding): void {
  const a = map.get(key);
  if (!a) map.set(key, { status: f.status, checks: [f.check] });
  else {
    if (f.status === 'fail') a.status = 'fail';
    if (!a.checks.includes(f.check)) a.checks.push(f.check);
  }
}

function noteGlobal(t: FindingTargets, f: DiagramFinding): void {
  if (!t.global) t.global = { status: f.status, checks: [f.check] };
  else {
    if (f.status === 'fail') t.global.status = 'fail';
    if (!t.global.checks.includes(f.check)) t.global.checks.push(f.check);
  }
}

/** Component ids a pattern's field names: `patterns.cqrs.queries[1]`, `patterns.event_sourcing.store`. */
function patternComponents(model: Model, path: SpecPath): string[] | undefined {
  const [, pattern, field, index] = path;
  const p = model.patterns;
  const pick = (ids: (string | undefined)[]) => ids.filter((id): id is string => id !== undefined && Object.hasOwn(model.components, id));
  if (pattern === 'cqrs' && p.cqrs) {
    if (field === 'commands') return pick([p.cqrs.commands]);
    if (field === 'queries') return pick(typeof index === 'number' ? [p.cqrs.queries[index]] : p.cqrs.queries);
    if (field === 'projection' || field === 'sync') return pick([p.cqrs.projection]);
    return pick([p.cqrs.commands, ...p.cqrs.queries, p.cqrs.projection]);
  }
  if (pattern === 'event_sourcing' && p.eventSourcing) {
    if (field === 'state_stores') return pick(typeof index === 'number' ? [p.eventSourcing.stateStores[index]] : p.eventSourcing.stateStores);
    return pick([p.eventSourcing.store]);
  }
  if (pattern === 'bulkhead' && p.bulkhead) return pick(p.bulkhead.services);
  return undefined;
}

/** The hop (index in flow.path) a finding at flows.<name>.path[i]... points at: a step inside a parallel group has its own place. */
function hopIndexAt(flow: Model['flows'][string], at: readonly (string | number)[]): number {
  const index = at[3] as number;
  if (!flow.hops) return index;
  let best = -1;
  let bestLen = 0;
  flow.hops.forEach((h, i) => {
    const p = h.specPath;
    if (p.length > bestLen && p.length <= at.length && p.every((k, j) => k === at[j])) {
      best = i;
      bestLen = p.length;
    }
  });
  if (best >= 0) return best;
  // A finding on a whole parallel group: its first hop.
  const first = flow.hops.findIndex((h) => h.specPath[3] === index);
  return first >= 0 ? first : index;
}

export function targetsOf(model: Model, findings: readonly DiagramFinding[]): FindingTargets {
  const t: FindingTargets = { components: new Map(), hops: new Map(), replication: new Map(), feeds: new Map(), regions: new Map(), global: undefined };
  for (const f of findings) {
    const [top, key, field, index] = f.path;
    if (top === 'components' && typeof key === 'string' && Object.hasOwn(model.components, key)) {
      note(t.components, key, f);
      if (field === 'replication' || field === 'failover') note(t.replication, key, f);
      if (field === 'consumes' || field === 'writes') note(t.feeds, key, f);
    } else if (top === 'flows' && typeof key === 'string' && Object.hasOwn(model.flows, key)) {
      if (field === 'path' && typeof index === 'number') note(t.hops, hopKey(key, hopIndexAt(model.flows[key]!, f.path)), f);
      else note(t.hops, hopKey(key, -1), f);
    } else if (top === 'patterns') {
      const ids = patternComponents(model, f.path);
      if (ids?.length) for (const id of ids) note(t.components, id, f);
      else noteGlobal(t, f);
    } else if (top === 'workload' && key === 'data' && typeof field === 'string' && Object.hasOwn(model.workload.data, field)) {
      const stores = model.workload.data[field]!.stores.filter((s) => Object.hasOwn(model.components, s));
      if (stores.length) for (const s of stores) note(t.components, s, f);
      else noteGlobal(t, f);
    } else if (top === 'workload' && key === 'strong_reads' && typeof field === 'number' && Object.hasOwn(model.flows, model.workload.strongReads[field] ?? '')) {
      note(t.hops, hopKey(model.workload.strongReads[field]!, -1), f);
    } else if (top === 'regions' && typeof key === 'number' && model.regions[key] !== undefined) {
      note(t.regions, model.regions[key], f);
    } else if (top === 'users' && typeof key === 'string') {
      note(t.regions, key, f);
    } else {
      noteGlobal(t, f);
    }
  }
  return t;
}

/** Worst of several annotations (a flow's and its hop's), or undefined. */
export function combine(...as: (Annotation | undefined)[]): Annotation | undefined {
  let out: Annotation | undefined;
  for (const a of as) {
    if (!a) continue;
    if (!out) out = { status: a.status, checks: [...a.checks] };
    else {
      if (a.status === 'fail') out.status = 'fail';
      for (const c of a.checks) if (!out.checks.includes(c)) out.checks.push(c);
    }
  }
  return out;
}

export const MARK_ICON: Record<Mark, string> = { fail: '✗', warn: '⚠' };
