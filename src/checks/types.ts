// What a check is: metadata (id, title, the concept it teaches, options with a JSON Schema, messages
// by id, hints) plus a pure function from the Model and Metrics to findings. ESLint-rule style.
import type { SourceId } from '../data/figures.js';
import type { TechSourceId } from '../data/tech.js';
import type { Metrics } from '../analysis/metrics.js';
import type { SpecPath } from '../specfile/diagnostic.js';
import type { Model } from '../specfile/model.js';

export type Status = 'pass' | 'warn' | 'fail';

export const TOPICS = [
  'latency',
  'cqrs',
  'event-sourcing',
  'geo',
  'failover',
  'bulkhead',
  'mesh',
  'availability',
  'scalability',
  'design',
  'estimation',
  'cost',
  'consistency',
  'reliability',
  'drill',
  'interview',
] as const;
export type Topic = (typeof TOPICS)[number];

/** The six seed topics of the course, each mapped to the check topics that teach it. */
export const SEED_TOPICS: Record<string, Topic[]> = {
  cqrs: ['cqrs'],
  'event-sourcing': ['event-sourcing'],
  'geo-distribution': ['geo', 'latency'],
  'active-active-vs-passive': ['failover', 'availability'],
  bulkhead: ['bulkhead'],
  'service-mesh': ['mesh'],
};

/**
 * Every topic a problem may name (problem.yaml `topics`, `problem new --topic`, docs/authoring.md):
 * the seed topics plus the cross-cutting ones, each mapped to the check topics that grade it.
 * The problem schema's enum and the docs' list are tested against this one list.
 */
export const PROBLEM_TOPICS: Record<string, Topic[]> = {
  ...SEED_TOPICS,
  latency: ['latency'],
  availability: ['availability', 'failover'],
  scalability: ['scalability'],
  consistency: ['consistency'],
  reliability: ['reliability'],
};

export type FindingData = Record<string, string | number>;

export interface Finding {
  status: Status;
  messageId: string;
  data: FindingData;
  /** Where in the spec the finding is about; the grader turns it into file:line:column. */
  path: SpecPath;
  /** The numbers behind the verdict, for JSON output and the TUI. */
  evidence?: Record<string, unknown>;
  /**
   * For a passing finding measured against a limit: the room left, as a fraction of the limit
   * (0.4 = 40 % left, 0 = at the limit). The report shows the tightest passing finding first.
   */
  slack?: number;
}

export interface CheckMeta<O> {
  id: string;
  topic: Topic;
  /** One imperative line: what a good design does. */
  title: string;
  /** The idea the check teaches, 2-4 sentences. */
  concept: string;
  /** How the numbers are computed. */
  computes: string;
  sources: (SourceId | TechSourceId)[];
  /** JSON Schema of the options object. */
  optionsSchema: Record<string, unknown>;
  defaults: O;
  /** Message templates by id; {{name}} placeholders are filled from a finding's data. */
  messages: Record<string, string>;
  /** Hints by message id: teach the idea without writing the answer. */
  hints: Record<string, string>;
}

export interface CheckContext<O> {
  model: Model;
  metrics: Metrics;
  options: O;
}

export interface Check<O = Record<string, unknown>> {
  meta: CheckMeta<O>;
  /** Returns no findings when the check does not apply to this design. */
  run(ctx: CheckContext<O>): Finding[];
}

export function defineCheck<O>(check: Check<O>): Check<O> {
  return check;
}

/** Fills {{placeholders}}; unknown ones stay visible so a missing datum is noticed in tests. */
const compiledTemplates = new Map<string, string[]>();

/** A template split once into [literal, key, literal, key, ..., literal]; grading fills hundreds per spec. */
function compileTemplate(template: string): string[] {
  let parts = compiledTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{\{\s*(\w+)\s*\}\}/);
    compiledTemplates.set(template, parts);
  }
  return parts;
}

export function fillTemplate(template: string, data: FindingData): string {
  const parts = compileTemplate(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    const value = key in data ? String(data[key]) : `{{${key}}}`;
    // "unbounded" (a latency or demand behind a queue that grows without bound) takes no unit: not "unbounded ms".
    out += value + (value === 'unbounded' ? parts[i + 1]!.replace(/^ (?:ms|s)\b/, '') : parts[i + 1]!);
  }
  return out;
}

/** Formats ms for messages: 156, 12.5, 0.5. */
export function ms(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  return String(Math.round(n * 10) / 10);
}

/** Rates and counts for messages: 34000 -> "34,000"; small values keep one decimal. */
export function count(n: number): string {
  if (!Number.isFinite(n)) return 'unbounded';
  // Grouped by hand: toLocaleString would load ICU data, ~15 ms of start-up for a comma.
  return Math.abs(n) >= 100 ? String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',') : String(Math.round(n * 10) / 10);
}

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12];

/**
 * Number(x.toFixed(digits)), without the string where the answer is certain (messages format hundreds
 * of figures per grade). toFixed rounds the exact value of x x 10^digits to an integer n (halves away
 * from zero) and the string reads back as the double nearest n / 10^digits, which is n / 10^digits
 * divided in floating point (both exact integers, division correctly rounded). The product below is off
 * the exact one by at most half a unit in its last place, so its nearest integer is n unless it lies
 * within that of a half: those (and numbers too large for exact integers) take toFixed.
 */
export function fixedNumber(x: number, digits: number): number {
  const scale = POWERS_OF_TEN[digits];
  if (scale !== undefined) {
    const t = x * scale;
    if (t === 0) return 0; // toFixed writes -0 as "0"
    const a = Math.abs(t);
    if (a < 2 ** 50) {
      const frac = a - Math.floor(a);
      if (Math.abs(frac - 0.5) > 1e-9 * (1 + a)) return Math.round(t) / scale;
    }
  }
  return Number(x.toFixed(digits));
}

export function pct(fraction: number, digits = 3): string {
  if (!Number.isFinite(fraction)) return 'unbounded';
  return `${fixedNumber(fraction * 100, digits)}%`;
}
