// The region catalog: which regions sdcoach knows, their areas, and the RTT between them.
import { AREAS, COURSE_RTT_MS, INTRA_REGION_RTT_MS, KNOWN_REGIONS, MEASURED_RTT_MS } from '../data/figures.js';

export type RttSource = 'measured' | 'course' | 'spec';

export function isKnownRegion(region: string): boolean {
  return (KNOWN_REGIONS as readonly string[]).includes(region);
}

/** us-east -> us, eu-central -> eu. */
export function areaOf(region: string): string {
  // What split('-')[0] gives, without the array (residency and course RTTs ask for every region pair).
  const dash = region.indexOf('-');
  return dash < 0 ? region : region.slice(0, dash);
}

export function isArea(name: string): boolean {
  return (AREAS as readonly string[]).includes(name);
}

/** Expands areas (eu) into the known and declared regions of that area. */
export function expandResidency(allowed: readonly string[], declared: readonly string[]): string[] {
  const out = new Set<string>();
  for (const a of allowed) {
    if (isArea(a)) {
      for (const r of [...KNOWN_REGIONS, ...declared]) if (areaOf(r) === a) out.add(r);
    } else {
      out.add(a);
    }
  }
  return [...out];
}

/** table[a][b], own keys only: a region named "constructor" must not reach Object.prototype. */
function cell<T>(table: Record<string, Record<string, T> | undefined> | undefined, a: string, b: string): T | undefined {
  if (!table || !Object.hasOwn(table, a)) return undefined;
  const row = table[a];
  return row && Object.hasOwn(row, b) ? row[b] : undefined;
}

export function measuredRtt(a: string, b: string): number | undefined {
  if (a === b) return INTRA_REGION_RTT_MS;
  return cell(MEASURED_RTT_MS, a, b) ?? cell(MEASURED_RTT_MS, b, a);
}

export function courseRtt(a: string, b: string): number | undefined {
  if (a === b) return INTRA_REGION_RTT_MS;
  const key = [areaOf(a), areaOf(b)].sort().join('|');
  return Object.hasOwn(COURSE_RTT_MS, key) ? COURSE_RTT_MS[key] : undefined;
}

export interface RttLookup {
  ms: number;
  source: RttSource;
}

/** RTT between two regions: spec overrides first, then the chosen table, then measured. */
export function lookupRtt(
  a: string,
  b: string,
  table: 'measured' | 'course',
  overrides: Record<string, Record<string, number | undefined> | undefined> | undefined,
  intraRegionMs: number,
): RttLookup | undefined {
  const o = cell(overrides, a, b) ?? cell(overrides, b, a);
  if (o !== undefined) return { ms: o, source: 'spec' };
  if (a === b) return { ms: intraRegionMs, source: 'measured' };
  if (table === 'course') {
    const c = courseRtt(a, b);
    if (c !== undefined) return { ms: c, source: 'course' };
  }
  const m = measuredRtt(a, b);
  return m === undefined ? undefined : { ms: m, source: 'measured' };
}
