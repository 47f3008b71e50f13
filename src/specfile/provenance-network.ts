// Provenance for the figures that are not one component's own: the RTT matrix, async replication
// lag (which depends on the network), and the mesh's per-call overhead. Same rule as provenance.ts:
// given, catalog, the spec's figure if plausible, default.
import { DEFAULT_ASYNC_LAG_MS, DEFAULT_WORKER_LAG_MS, INTRA_REGION_RTT_MS, LIMITS, MESH_OVERHEAD_MS } from '../data/figures.js';
import { INTRA_REGION_FLOOR_MS, MESH_OVERHEAD_RANGE, MESH_TECH, MIN_ASYNC_LAG_MS, RTT_OVERRIDE_FLOOR_SHARE, TECH } from '../data/tech.js';
import type { Givens } from './givens.js';
import type { Latency, ModelComponent, ModelFigure } from './model.js';
import { decide, givenLatency, givensFor, inRange } from './provenance.js';
import { courseRtt, lookupRtt, measuredRtt, type RttSource } from './regions.js';
import type { Spec, SpecComponent } from './types.js';

type Overrides = Record<string, Record<string, number | undefined> | undefined> | undefined;

function overrideOf(o: Overrides, a: string, b: string): { value: number; path: string[] } | undefined {
  const at = (x: string, y: string) => (o && Object.hasOwn(o, x) && o[x] && Object.hasOwn(o[x], y) ? o[x][y] : undefined);
  const ab = at(a, b);
  if (ab !== undefined) return { value: ab, path: ['network', 'rtt_ms', a, b] };
  const ba = at(b, a);
  return ba === undefined ? undefined : { value: ba, path: ['network', 'rtt_ms', b, a] };
}

/** The lowest published figure for a pair, below which an override is not a network anyone measured. */
function rttFloor(a: string, b: string): number | undefined {
  const known = [measuredRtt(a, b), courseRtt(a, b)].filter((x): x is number => x !== undefined);
  return known.length ? Math.min(...known) * RTT_OVERRIDE_FLOOR_SHARE : undefined;
}

export interface ResolvedNetwork {
  table: 'measured' | 'course';
  intra: number;
  rttMs: Record<string, Record<string, number>>;
  rttSource: Record<string, Record<string, RttSource>>;
}

/**
 * The RTT matrix. Without givens, the spec's table and overrides are used where plausible. With a
 * problem's network givens, the problem's table is in force and spec overrides count only if the
 * problem allows them.
 */
export function resolveNetworkFigures(
  spec: Spec,
  regions: Set<string>,
  givens: Givens | undefined,
  figures: ModelFigure[],
): ResolvedNetwork {
  const gn = givens?.network;
  const fixed = gn !== undefined && gn.overrides !== true;
  const specTable = spec.network?.rtt_table;
  const table = gn?.rtt_table ?? (fixed ? 'measured' : (specTable ?? 'measured'));
  const specIntra = spec.network?.intra_region_ms;
  const intraFig = decide({
    subject: 'network',
    field: 'intra_region_ms',
    path: ['network', 'intra_region_ms'],
    given:
      gn?.intra_region_ms !== undefined
        ? { value: gn.intra_region_ms, from: 'given for this problem' }
        : fixed
          ? { value: INTRA_REGION_RTT_MS, from: 'given for this problem (the measured table)' }
          : undefined,
    spec: specIntra,
    range: { min: INTRA_REGION_FLOOR_MS },
    fallback: { value: INTRA_REGION_RTT_MS, from: 'Dean/Norvig' },
  });
  if (fixed && intraFig.verdict === 'contradicts-given') intraFig.verdict = 'rtt-fixed';
  figures.push(intraFig);
  const intra = intraFig.value;
  const specOverrides = spec.network?.rtt_ms;
  const givenOverrides = gn?.rtt_ms as Overrides;
  const rttMs: Record<string, Record<string, number>> = {};
  const rttSource: Record<string, Record<string, RttSource>> = {};
  const list = [...regions];
  for (const a of list) {
    rttMs[a] = {};
    rttSource[a] = {};
  }
  // Round trips the spec states for a pair no table knows (a region sdcoach does not know): held to the triangle below.
  const unchecked: { a: string; b: string; fig: ModelFigure }[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i; j < list.length; j++) {
      const a = list[i]!;
      const b = list[j]!;
      const base = a === b ? { ms: intra, source: 'measured' as RttSource } : lookupRtt(a, b, table, givenOverrides, intra);
      const claim = a === b ? undefined : overrideOf(specOverrides, a, b);
      let hit = base;
      if (claim) {
        const floor = rttFloor(a, b);
        const fig = decide({
          subject: 'network',
          field: `rtt_ms.${a}.${b}`,
          path: claim.path,
          ...(fixed && base ? { given: { value: base.ms, from: `${table} table, given for this problem` } } : {}),
          spec: claim.value,
          ...(floor !== undefined ? { range: { min: floor } } : {}),
          fallback: { value: base?.ms ?? claim.value, from: `${table} table` },
        });
        if (fixed && fig.verdict === 'contradicts-given') fig.verdict = 'rtt-fixed';
        figures.push(fig);
        hit = fig.origin === 'spec' ? { ms: claim.value, source: 'spec' } : base;
        if (fig.origin === 'spec' && floor === undefined) unchecked.push({ a, b, fig });
      } else if (fixed && base && a !== b && specTable !== undefined && specTable !== table) {
        // The spec picked another table than the one the problem fixes.
        const alt = lookupRtt(a, b, specTable, undefined, intra);
        if (alt && alt.ms !== base.ms)
          figures.push({
            subject: 'network',
            field: `rtt_ms.${a}.${b}`,
            path: ['network', 'rtt_table'],
            value: base.ms,
            origin: 'given',
            from: `${table} table, given for this problem`,
            claimed: alt.ms,
            verdict: 'rtt-fixed',
          });
      }
      if (hit) {
        rttMs[a]![b] = hit.ms;
        rttMs[b]![a] = hit.ms;
        rttSource[a]![b] = hit.source;
        rttSource[b]![a] = hit.source;
      }
    }
  }
  holdTriangle(unchecked, rttMs);
  return { table, intra, rttMs, rttSource };
}

/**
 * A region no table knows is still somewhere: it cannot be nearer both ends of a known pair than the pair's own
 * round trip (rtt(x, a) + rtt(x, b) >= rtt(a, b)). A hub stated 1 ms from us-east and 1 ms from ap-southeast, 223 ms
 * apart, served every continent from one place (review attack). Claims that break it are raised together, in the
 * proportion stated, until the sum reaches the pair's round trip; design/honest-figures fails each raised claim.
 */
function holdTriangle(unchecked: { a: string; b: string; fig: ModelFigure }[], rttMs: Record<string, Record<string, number>>): void {
  if (!unchecked.length) return;
  const claimed = new Map<string, { x: string; to: string; fig: ModelFigure }[]>();
  for (const u of unchecked)
    for (const [x, to] of [
      [u.a, u.b],
      [u.b, u.a],
    ] as const)
      claimed.set(x, [...(claimed.get(x) ?? []), { x, to, fig: u.fig }]);
  const isClaim = (p: string, q: string) => unchecked.some((u) => (u.a === p && u.b === q) || (u.a === q && u.b === p));
  const why = new Map<ModelFigure, string>();
  for (let pass = 0; pass < 8; pass++) {
    let raised = false;
    for (const [x, links] of claimed)
      for (let i = 0; i < links.length; i++)
        for (let j = i + 1; j < links.length; j++) {
          const p = links[i]!;
          const q = links[j]!;
          const far = rttMs[p.to]?.[q.to];
          if (far === undefined || isClaim(p.to, q.to)) continue;
          const sum = rttMs[x]![p.to]! + rttMs[x]![q.to]!;
          if (sum >= far - 1e-9) continue;
          const k = sum > 0 ? far / sum : 0;
          for (const l of [p, q]) {
            const v = sum > 0 ? rttMs[x]![l.to]! * k : far / 2;
            rttMs[x]![l.to] = v;
            rttMs[l.to]![x] = v;
            why.set(l.fig, `${p.to} <-> ${q.to} is ${Math.round(far * 10) / 10} ms, and no place is nearer both ends than that`);
          }
          raised = true;
        }
    if (!raised) break;
  }
  for (const [fig, text] of why) {
    const [, a, b] = fig.field.split('.');
    const value = Math.round(rttMs[a!]![b!]! * 10) / 10;
    fig.claimed = fig.value;
    fig.value = value;
    fig.origin = 'default';
    fig.from = 'the triangle inequality';
    fig.verdict = 'out-of-range';
    fig.range = { min: value };
    fig.floor = text;
  }
}

/** Async replication lag: at least the problem's floor, and at least half the round trip to the farthest copy. */
export function resolveLagFigures(
  m: ModelComponent,
  c: SpecComponent,
  rttMs: Record<string, Record<string, number>>,
  givens: Givens | undefined,
  figures: ModelFigure[],
): void {
  if (m.replication?.mode !== 'async') return;
  const from = m.primary ?? m.regions[0];
  const copies = [...m.regions, ...(m.failover?.standby ? [m.failover.standby] : [])];
  let physical = MIN_ASYNC_LAG_MS;
  for (const r of copies) if (from !== undefined && r !== from) physical = Math.max(physical, (rttMs[from]?.[r] ?? 0) / 2);
  const givenFloor = givens?.replication_lag_floor_ms;
  const floor = Math.max(physical, givenFloor ?? 0);
  const g = givensFor(m.id, m.kind, givens);
  const stated = c.replication?.lag_ms;
  const techLag = m.tech !== undefined ? TECH[m.tech]?.replicationLagMs?.async : undefined;
  let given = g.replication_lag_ms !== undefined ? { value: g.replication_lag_ms, from: `given for ${m.id}` } : undefined;
  // A claim under the problem's floor contradicts a given: graded with the floor.
  if (!given && givenFloor !== undefined && stated !== undefined && stated < floor)
    given = { value: floor, from: "the problem's async lag floor" };
  const fig = decide({
    subject: m.id,
    field: 'replication.lag_ms',
    path: ['components', m.id, 'replication', stated !== undefined ? 'lag_ms' : 'mode'],
    given,
    catalog: techLag !== undefined ? { value: Math.max(techLag, floor), from: `${m.tech} async replication` } : undefined,
    spec: stated,
    range: { min: floor, max: LIMITS.maxLatencyMs },
    fallback: { value: Math.max(DEFAULT_ASYNC_LAG_MS, floor), from: 'AWS DR whitepaper: typically under 1 s' },
  });
  figures.push(fig);
  m.replication.lagMs = fig.value;
}

/** What a worker's lag is at least, and what that floor is made of as a learner reads it. */
export interface WorkerLagFloor {
  ms: number;
  parts: string;
}

/**
 * The least time an event takes from the log a worker consumes to the store it writes, through the worker: the
 * trip from the log's nearest copy to the worker, the worker's processing (its latency p50), then the trip to the
 * store's write copy (its primary, its consensus leader, or any copy of a multi-primary store) and the store's
 * write (its write latency p50). A trip is half the round trip between the regions. Where the worker runs in
 * several regions or writes several stores, the most favourable of them: a floor no placement in the design beats.
 * The write that put the event in the log is not counted: the request that made it waited for it.
 */
export function workerLagFloor(
  m: ModelComponent,
  components: Record<string, ModelComponent>,
  rttMs: Record<string, Record<string, number>>,
): WorkerLagFloor {
  const trip = (a: string, b: string) => (rttMs[a]?.[b] ?? 0) / 2;
  const source = m.consumes !== undefined && Object.hasOwn(components, m.consumes) ? components[m.consumes] : undefined;
  const stores = m.writes.flatMap((id) => (Object.hasOwn(components, id) && components[id]!.stateful ? [components[id]!] : []));
  let best: { ms: number; inMs: number; outMs: number; store?: ModelComponent } | undefined;
  for (const r of m.regions) {
    const inMs = source ? Math.min(...source.regions.map((s) => trip(s, r))) : 0;
    const outs = stores.map((st) => {
      const at = st.primary !== undefined ? [st.primary] : st.leader !== undefined ? [st.leader] : st.regions;
      return { store: st, ms: Math.min(...at.map((w) => trip(r, w))) + st.writeLatency.p50 };
    });
    const out = outs.reduce<(typeof outs)[number] | undefined>((a, o) => (a === undefined || o.ms < a.ms ? o : a), undefined);
    const ms = inMs + m.latency.p50 + (out?.ms ?? 0);
    if (!best || ms < best.ms) best = { ms, inMs, outMs: out?.ms ?? 0, ...(out ? { store: out.store } : {}) };
  }
  if (!best) return { ms: 0, parts: '' };
  const round = (x: number) => Math.round(x * 10) / 10;
  const parts = [
    ...(source ? [`${round(best.inMs)} ms from ${source.id}`] : []),
    `${round(m.latency.p50)} ms processing`,
    ...(best.store ? [`${round(best.outMs)} ms to write ${best.store.id}`] : []),
  ];
  return { ms: round(best.ms), parts: parts.join(' + ') };
}

/**
 * A worker's lag (how long after the write it consumes its own write lands): the spec's lag_ms, else the default;
 * never below workerLagFloor. A stated lag under the floor is graded with the floor (design/honest-figures fails it).
 */
export function resolveWorkerLag(
  m: ModelComponent,
  c: SpecComponent,
  components: Record<string, ModelComponent>,
  rttMs: Record<string, Record<string, number>>,
  figures: ModelFigure[],
): void {
  if (m.kind !== 'worker') return;
  const floor = workerLagFloor(m, components, rttMs);
  const stated = c.lag_ms;
  const path = ['components', m.id, 'lag_ms'];
  if (stated !== undefined && stated < floor.ms) {
    figures.push({
      subject: m.id,
      field: 'lag_ms',
      path,
      value: floor.ms,
      origin: 'default',
      from: floor.parts,
      claimed: stated,
      verdict: 'out-of-range',
      range: { min: floor.ms },
      floor: floor.parts,
    });
    m.lagMs = floor.ms;
    return;
  }
  const value = stated ?? Math.max(DEFAULT_WORKER_LAG_MS, floor.ms);
  figures.push(
    stated !== undefined
      ? { subject: m.id, field: 'lag_ms', path, value, origin: 'spec' }
      : { subject: m.id, field: 'lag_ms', path, value, origin: 'default', from: 'sdcoach convention: half the default staleness limit' },
  );
  m.lagMs = value;
}

/** The mesh's per-call overhead: given for the data plane, else the named mesh product, else the spec's (if plausible for the plane), else measured. */
export function resolveMeshOverhead(
  plane: 'sidecar' | 'ambient',
  tech: string | undefined,
  stated: number | { p50?: number; p99?: number } | undefined,
  givens: Givens | undefined,
  figures: ModelFigure[],
): { value: Latency; source: 'spec' | 'measured' | 'given' | 'catalog' } {
  const measured = MESH_OVERHEAD_MS[plane];
  const given = givenLatency(givens?.mesh_overhead_ms?.[plane]);
  const cat = tech ? MESH_TECH[tech]!.overheadMs : undefined;
  const claim = stated === undefined ? {} : typeof stated === 'number' ? { p50: stated, p99: stated } : stated;
  const value: Latency = { p50: measured.p50, p99: measured.p99 };
  let source: 'spec' | 'measured' | 'given' | 'catalog' = 'measured';
  for (const q of ['p50', 'p99'] as const) {
    const g = given?.[q];
    const fig = decide({
      subject: 'mesh',
      field: `overhead_ms.${q}`,
      path: ['patterns', 'mesh', 'overhead_ms'],
      given: g !== undefined ? { value: g, from: `given for a ${plane} mesh` } : undefined,
      catalog: cat ? { value: cat[q], from: tech! } : undefined,
      spec: claim[q],
      range: MESH_OVERHEAD_RANGE[plane][q],
      fallback: {
        value:
          claim[q] === undefined && claim.p50 !== undefined && q === 'p99' && inRange(claim.p50, MESH_OVERHEAD_RANGE[plane].p50)
            ? Math.max(claim.p50 * (measured.p99 / measured.p50), claim.p50)
            : measured[q],
        from: plane === 'ambient' ? 'Istio ambient, measured' : 'Istio sidecar pair, measured',
      },
    });
    value[q] = fig.value;
    figures.push(fig);
    if (fig.origin === 'given') source = 'given';
    else if (fig.origin === 'catalog' && source !== 'given') source = 'catalog';
    else if (fig.origin === 'spec' && source === 'measured') source = 'spec';
  }
  if (value.p99 < value.p50) value.p99 = value.p50;
  return { value, source };
}
