// Quick-fire estimation drills: short generated questions (powers of two, latency numbers, QPS from
// DAU, storage from object size and retention, servers from QPS), seeded so the same seed gives the
// same questions, graded with the estimate stages' tolerance rules and shown with their worked answer.
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { judgeEstimate, type EstimateJudgement, type EstimateReference } from '../analysis/estimates.js';
import { ESTIMATE_TOLERANCE, LATENCY_NUMBERS_S, UTILIZATION_LIMIT } from '../data/figures.js';
import { figure } from '../checks/estimation/reference-schema.js';
import { parseQuantity } from '../specfile/units.js';
import type { Difficulty } from './problem.js';

export const DRILL_SETS = ['estimation'] as const;
export type DrillSet = (typeof DRILL_SETS)[number];

export const DRILL_KINDS = ['powers-of-two', 'latency', 'qps', 'storage', 'servers'] as const;
export type DrillKind = (typeof DRILL_KINDS)[number];

export interface DrillQuestion {
  kind: DrillKind;
  text: string;
  /** What to answer in, as a hint to the learner ("req/s", "TB"). */
  unit: string;
  reference: EstimateReference;
}

type Rng = ReturnType<typeof xoroshiro128plus>;
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[uniformInt(rng, 0, xs.length - 1)]!;

const SECONDS_PER_DAY = 86_400;
const DAYS_PER_YEAR = 365;

function reference(unit: string, value: number, dims: number[], tolerance: number, derivation: string, worked: string, factors: Record<string, number> = {}): EstimateReference {
  const one = parseQuantity(`1 ${unit}`);
  const shown = one.ok ? value / one.quantity.value : value;
  return { label: derivation, unit, value, dims, shown, tolerance, derivation, worked, factors };
}

const RATE = [0, 0, -1];
const BITS = [0, 0, 0, 0, 0, 0, 0, 0, 1];
const TIME = [0, 0, 1];

function powersOfTwo(rng: Rng, tol: number): DrillQuestion {
  const [exp, unit, name] = pick(rng, [[10, 'kB', 'a thousand'], [20, 'MB', 'a million'], [30, 'GB', 'a billion'], [40, 'TB', 'a trillion']] as const);
  const k = uniformInt(rng, 1, 8);
  const bytes = k * 2 ** exp;
  return {
    kind: 'powers-of-two',
    text: `${k} × 2^${exp} bytes: how much is that, in ${unit}?`,
    unit,
    reference: reference(unit, bytes * 8, BITS, tol, `2^${exp} ≈ ${name}, so ${k} × 2^${exp} B ≈ ${k} ${unit}`, `${k} × ${figure(2 ** exp)} B = ${figure(bytes)} B ≈ ${figure(bytes / 10 ** (exp / 10 * 3))} ${unit}`),
  };
}

function latency(rng: Rng, tol: number): DrillQuestion {
  const item = pick(rng, LATENCY_NUMBERS_S);
  const unit = item.seconds < 1e-6 ? 'ns' : item.seconds < 1e-3 ? 'us' : 'ms';
  const scale = unit === 'ns' ? 1e9 : unit === 'us' ? 1e6 : 1e3;
  return {
    kind: 'latency',
    text: `About how long does ${item.label} take? (answer with a unit: ns, us, ms)`,
    unit,
    reference: reference(unit, item.seconds, TIME, tol, `${item.label}: about ${figure(item.seconds * scale)} ${unit} (latency numbers every programmer should know)`, `${figure(item.seconds * scale)} ${unit}`),
  };
}

function qps(rng: Rng, tol: number): DrillQuestion {
  const dauM = pick(rng, [1, 2, 5, 10, 20, 50, 100, 200]);
  const perUser = pick(rng, [2, 5, 10, 20, 50]);
  const peak = pick(rng, [2, 3, 4, 5, 10]);
  const avg = (dauM * 1e6 * perUser) / SECONDS_PER_DAY;
  const value = avg * peak;
  return {
    kind: 'qps',
    text: `${dauM}M daily users each make ${perUser} requests a day; the busiest second is ${peak}× the average. Peak requests per second?`,
    unit: 'req/s',
    reference: reference('req/s', value, RATE, tol, `${dauM}M × ${perUser} / 86,400 s ≈ ${figure(avg)}/s on average; × ${peak} at peak ≈ ${figure(value)}/s`, `${dauM}M × ${perUser} / 86,400 × ${peak} ≈ ${figure(value)} req/s`, { 'the peak factor': peak }),
  };
}

function storage(rng: Rng, tol: number): DrillQuestion {
  const perDayM = pick(rng, [1, 2, 5, 10, 50, 100]);
  const [size, sizeBytes] = pick(rng, [['500 B', 500], ['1 KB', 1e3], ['2 KB', 2e3], ['10 KB', 1e4], ['100 KB', 1e5], ['1 MB', 1e6]] as const);
  const years = pick(rng, [1, 2, 3, 5]);
  const bytes = perDayM * 1e6 * DAYS_PER_YEAR * years * sizeBytes;
  return {
    kind: 'storage',
    text: `${perDayM}M new objects a day, ${size} each, kept ${years} year${years > 1 ? 's' : ''}. Storage needed (one copy), in TB?`,
    unit: 'TB',
    reference: reference('TB', bytes * 8, BITS, tol, `${perDayM}M × 365 days × ${years} ≈ ${figure(perDayM * DAYS_PER_YEAR * years)}M objects; × ${size} ≈ ${figure(bytes / 1e12)} TB`, `${perDayM}M × 365 × ${years} × ${size} ≈ ${figure(bytes / 1e12)} TB`, years > 1 ? { 'the years kept': years } : {}),
  };
}

function servers(rng: Rng, tol: number): DrillQuestion {
  const peakK = pick(rng, [5, 10, 20, 40, 80, 150]);
  const perServer = pick(rng, [1000, 2000, 5000, 10000]);
  const busy = (peakK * 1000) / perServer;
  const value = Math.ceil(busy / UTILIZATION_LIMIT - 1e-9);
  return {
    kind: 'servers',
    text: `${peakK}k req/s at peak; one server handles ${figure(perServer)} req/s and should run at most ${UTILIZATION_LIMIT * 100}% busy. How many servers?`,
    unit: 'servers',
    reference: reference('servers', value, [], tol, `${figure(peakK * 1000)} / ${figure(perServer)} = ${figure(busy)} busy; / ${UTILIZATION_LIMIT} ≈ ${figure(busy / UTILIZATION_LIMIT)}, so ${value}`, `ceil(${figure(peakK * 1000)} / ${figure(perServer)} / ${UTILIZATION_LIMIT}) = ${value} servers`),
  };
}

const MAKERS: Record<DrillKind, (rng: Rng, tol: number) => DrillQuestion> = { 'powers-of-two': powersOfTwo, latency, qps, storage, servers };

/** `count` questions from `seed`: the same seed always gives the same questions, cycling through the kinds. */
export function generateDrills(seed: number, count: number, level: Difficulty = 'warm-up'): DrillQuestion[] {
  const rng = xoroshiro128plus(seed);
  const tol = ESTIMATE_TOLERANCE[level];
  const start = uniformInt(rng, 0, DRILL_KINDS.length - 1);
  return Array.from({ length: count }, (_, i) => MAKERS[DRILL_KINDS[(start + i) % DRILL_KINDS.length]!](rng, tol));
}

export type DrillAnswer = { ok: true; correct: boolean; judgement: EstimateJudgement } | { ok: false; message: string };

/** Grades one answer with the estimate stages' rules (parse with units, within the tolerance). */
export function gradeDrill(q: DrillQuestion, answer: string): DrillAnswer {
  // A bare number is read in the question's unit: "13" servers, "40" ms.
  const text = /^\s*[\d.,_]+\s*[kKM]?\s*$/.test(answer) && q.unit !== 'servers' ? `${answer.trim()} ${q.unit}` : answer;
  const parsed = parseQuantity(text);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  const judgement = judgeEstimate(q.reference, parsed.quantity);
  return { ok: true, correct: judgement.verdict === 'in-range', judgement };
}

/** One line on what went wrong, in the estimate check's words. */
export function drillVerdict(j: EstimateJudgement, tolerance: number): string {
  switch (j.verdict) {
    case 'in-range': return `within ${tolerance}×`;
    case 'wrong-dimension': return 'not the kind of quantity asked (check the unit)';
    case 'bits-bytes': return 'off by about 8×: bits and bytes mixed up?';
    case 'per-day': return `off by about ${figure(j.factor!.value)}×: per day vs per second?`;
    case 'missing-factor': return `off by about ${figure(j.factor!.value)}×: ${j.factor!.name} left out?`;
    case 'too-high': return `more than ${tolerance}× too high`;
    case 'too-low': return `more than ${tolerance}× too low`;
    default: return 'no answer';
  }
}
