// Turns the figures resolution did not take from the spec into warnings at the spec's file:line:col,
// naming the claimed and the used figure ("payment-api latency_ms.p99 is 400 ms in this problem
// (given); your spec says 4 ms: graded with 400 ms").
import type { SpecPath } from './diagnostic.js';
import type { ModelFigure } from './model.js';
import { aKind } from './kind-words.js';

export interface FigureNote {
  path: SpecPath;
  message: string;
  code: string;
  severity: 'warning';
}

function num(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  const r = Math.round(n * 10000) / 10000;
  return Math.abs(r) >= 10000 ? String(Math.round(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(r);
}

/** The unit a field is stated in, for messages. */
export function unitOf(field: string): string {
  if (
    field.includes('latency') ||
    field.includes('lag') ||
    field.startsWith('rtt_ms') ||
    field.includes('overhead') ||
    field === 'intra_region_ms' ||
    field.startsWith('budget_ms') ||
    field.endsWith('_ms')
  )
    return ' ms';
  if (field.endsWith('_per_s')) return ' req/s';
  if (field.endsWith('_s')) return ' s';
  if (field.includes('capacity') || field === 'rate') return ' req/s';
  if (field === 'threads') return ' threads';
  return '';
}

export function describeRange(r: ModelFigure['range']): string {
  if (!r) return 'the plausible range';
  if (r.min !== undefined && r.max !== undefined) return `between ${num(r.min)} and ${num(r.max)}`;
  if (r.max !== undefined) return `at most ${num(r.max)}`;
  return `at least ${num(r.min!)}`;
}

/** The subject and field as a learner reads them: "payment-api latency_ms.p99", "RTT us-east <-> eu-west". */
export function figureName(f: ModelFigure): string {
  if (f.field.startsWith('rtt_ms.')) {
    const [, a, b] = f.field.split('.');
    return `the round trip ${a} <-> ${b}`;
  }
  if (f.subject === 'network') return `network ${f.field}`;
  if (f.subject === 'mesh') return `the mesh's ${f.field}`;
  return `${f.subject} ${f.field}`;
}

/** Who claims the figure: the spec, or the catalog entry its `tech` names ("the catalog's redis large gives 0.2 ms"). */
export function saysText(f: ModelFigure): string {
  const u = unitOf(f.field);
  return f.claimedFrom !== undefined
    ? `the catalog's ${f.claimedFrom} gives ${num(f.claimed!)}${u}`
    : `your spec says ${num(f.claimed!)}${u}`;
}

/** A kind the problem gives a component, which the spec declares another: graded as the given one. */
export function kindHeldNote(f: ModelFigure): string {
  const w = f.words!;
  return `${f.subject} is ${aKind(w.used)} in this problem (${f.from ?? 'given'}); your spec declares it ${aKind(w.claimed)}: graded as ${aKind(w.used)}, with its figures, its price and what it may call`;
}

/** One sentence naming the claimed and the used figure, or undefined when the spec's figure was used. */
export function figureNote(f: ModelFigure): string | undefined {
  if (f.claimed === undefined || f.verdict === undefined) return undefined;
  const u = unitOf(f.field);
  const name = figureName(f);
  const says = saysText(f);
  const used = `graded with ${num(f.value)}${u}`;
  if (f.words) return kindHeldNote(f);
  switch (f.verdict) {
    case 'contradicts-given':
      return `${name} is ${num(f.value)}${u} in this problem (${f.from ?? 'given'}); ${says}: ${used}`;
    case 'rtt-fixed':
      return `${name} is ${num(f.value)}${u} in this problem (${f.from ?? 'the problem fixes the RTT table'}); ${says}: ${used}`;
    case 'catalog':
      return `${name} comes from the technology catalog (${f.from}: ${num(f.value)}${u}); ${says}: ${used}`;
    case 'unknown-external':
      return `${f.subject} is a third party this problem does not have (its third parties: ${f.from ?? 'none'}): nothing it is graded with is a figure the problem gives`;
    case 'beyond-givens':
      return `${name} of ${num(f.claimed)}${u} is better than this problem gives any component of its kind (the best is ${num(f.value)}${u}, ${f.from ?? 'given'}): ${used}`;
    case 'out-of-range':
      if (f.floor !== undefined && f.field.startsWith('rtt_ms.'))
        return `${name} of ${num(f.claimed)}${u} is less than the triangle allows (${f.floor}): ${used}`;
      if (f.floor !== undefined)
        return `${name} of ${num(f.claimed)}${u} is less than an event takes to go through ${f.subject} (${f.floor}): ${used}`;
      return `${name} of ${num(f.claimed)}${u} is outside the plausible range (${describeRange(f.range)}${u}): ${used} (${f.from ?? 'default'})`;
  }
}

export function figureNotes(figures: readonly ModelFigure[] | undefined): FigureNote[] {
  const out: FigureNote[] = [];
  for (const f of figures ?? []) {
    const message = figureNote(f);
    if (message) out.push({ path: f.path, message, code: `figure-${f.verdict}`, severity: 'warning' });
  }
  return out;
}
