// A learner's progress as data: per problem, the stage they are on and, per stage, whether it has
// passed, the best and latest score, hints revealed and time spent. Pure functions only; file.ts
// reads and writes it.
import { PROBLEM_ID } from '../problems/problem.js';
import { dict } from '../specfile/dict.js';

/**
 * 2: entries record the ids of the problem's stages (`stageIds`), so inserting a stage (estimate stages
 * were put first in ten problems) does not make an old pass show on the wrong stage. Version 1 files are
 * read and their entries marked `numbering: "v1"`: numbers that count only the problem's design stages.
 */
export const PROGRESS_VERSION = 2;
const READABLE_VERSIONS = [1, 2];

export interface StageProgress {
  passed: boolean;
  /** ISO time of the first pass. */
  passedAt?: string;
  bestScore?: number;
  lastScore?: number;
  /** How many of the stage's hints have been revealed (they are revealed in order). */
  hintsUsed: number;
  timeSpentMs: number;
}

export interface ProblemProgress {
  /** The stage the learner is on (1-based). */
  stage: number;
  /** The spec file last practised with (absolute path). */
  spec?: string;
  /** Keyed by stage number. */
  stages: Record<string, StageProgress>;
  /** The ids of the problem's stages when the numbers above were written (stage n is stageIds[n - 1]). */
  stageIds?: string[];
  /** "v1": written before stage ids, when no problem had an estimate stage; alignProgress renumbers it. */
  numbering?: 'v1';
  startedAt: string;
  updatedAt: string;
}

export interface Progress {
  version: number;
  problems: Record<string, ProblemProgress>;
  /** Quick-fire drills by set (estimation): answers, streaks, when last practised. */
  drills?: Record<string, DrillProgress>;
  /** Mock interviews (`sdcoach interview`), oldest first, at most MAX_INTERVIEWS. */
  interviews?: InterviewRecord[];
}

export interface InterviewRecord {
  problem: string;
  /** ISO time the interview ended. */
  at: string;
  /** Overall score, 0-100. */
  overall: number;
  /** The hire signal (no hire ... strong hire). */
  signal: string;
  /** The session folder (absolute), to score or export it again. */
  session?: string;
}

/** How many interviews the history keeps (the oldest are dropped). */
export const MAX_INTERVIEWS = 100;

function parseInterview(v: unknown): InterviewRecord | string {
  if (!isObject(v)) return 'an interview entry is not an object';
  if (typeof v.problem !== 'string' || !PROBLEM_ID.test(v.problem)) return 'an interview entry has no problem id';
  if (!isTime(v.at)) return 'an interview entry has a bad "at"';
  if (!isScore(v.overall)) return 'an interview entry has a bad "overall"';
  if (typeof v.signal !== 'string' || v.signal.length > 32) return 'an interview entry has a bad "signal"';
  if (v.session !== undefined && (typeof v.session !== 'string' || v.session.length > 4096))
    return 'an interview entry has a bad "session"';
  return {
    problem: v.problem,
    at: v.at,
    overall: v.overall,
    signal: v.signal,
    ...(typeof v.session === 'string' ? { session: v.session } : {}),
  };
}

/** Adds an interview to the history (the oldest beyond MAX_INTERVIEWS are dropped). */
export function recordInterview(p: Progress, r: InterviewRecord): Progress {
  return { ...p, interviews: [...(p.interviews ?? []), r].slice(-MAX_INTERVIEWS) };
}

export interface DrillProgress {
  answered: number;
  correct: number;
  /** Correct answers in a row, up to the last one. */
  streak: number;
  bestStreak: number;
  /** The seed of the last run, to repeat it (--seed). */
  lastSeed: number;
  updatedAt: string;
}

function parseDrill(v: unknown): DrillProgress | string {
  if (!isObject(v)) return 'a drill entry is not an object';
  for (const k of ['answered', 'correct', 'streak', 'bestStreak', 'lastSeed'] as const) {
    if (!isCount(v[k]) || !Number.isInteger(v[k])) return `a drill entry has no whole-number "${k}"`;
  }
  if (!isTime(v.updatedAt)) return 'a drill entry has a bad "updatedAt"';
  return {
    answered: v.answered as number,
    correct: v.correct as number,
    streak: v.streak as number,
    bestStreak: v.bestStreak as number,
    lastSeed: v.lastSeed as number,
    updatedAt: v.updatedAt,
  };
}

/** Records one drill answer: counts, and the streak of correct answers in a row. */
export function recordDrill(p: Progress, set: string, correct: boolean, seed: number, now: number): Progress {
  const d = p.drills?.[set] ?? { answered: 0, correct: 0, streak: 0, bestStreak: 0, lastSeed: seed, updatedAt: iso(now) };
  const streak = correct ? d.streak + 1 : 0;
  const next: DrillProgress = {
    answered: d.answered + 1,
    correct: d.correct + (correct ? 1 : 0),
    streak,
    bestStreak: Math.max(d.bestStreak, streak),
    lastSeed: seed,
    updatedAt: iso(now),
  };
  return { ...p, drills: { ...(p.drills ?? {}), [set]: next } };
}

export type ParseResult = { ok: true; progress: Progress } | { ok: false; reason: 'corrupt' | 'future'; detail: string };

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, problems: dict() };
}

export const EMPTY_STAGE: StageProgress = Object.freeze({ passed: false, hintsUsed: 0, timeSpentMs: 0 });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isScore = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100;
const isTime = (v: unknown): v is string => typeof v === 'string' && v.length < 64 && !Number.isNaN(Date.parse(v));

function parseStage(v: unknown): StageProgress | string {
  if (!isObject(v)) return 'a stage entry is not an object';
  if (typeof v.passed !== 'boolean') return 'a stage entry has no boolean "passed"';
  if (!isCount(v.hintsUsed) || !Number.isInteger(v.hintsUsed)) return 'a stage entry has no whole-number "hintsUsed"';
  if (!isCount(v.timeSpentMs)) return 'a stage entry has no "timeSpentMs"';
  const s: StageProgress = { passed: v.passed, hintsUsed: v.hintsUsed, timeSpentMs: v.timeSpentMs };
  if (v.passedAt !== undefined) {
    if (!isTime(v.passedAt)) return 'a stage entry has a bad "passedAt"';
    s.passedAt = v.passedAt;
  }
  for (const k of ['bestScore', 'lastScore'] as const) {
    if (v[k] === undefined) continue;
    if (!isScore(v[k])) return `a stage entry has a bad "${k}"`;
    s[k] = v[k];
  }
  return s;
}

function parseProblem(v: unknown, version: number): ProblemProgress | string {
  if (!isObject(v)) return 'a problem entry is not an object';
  if (!isCount(v.stage) || !Number.isInteger(v.stage) || v.stage < 1) return 'a problem entry has no stage number';
  if (!isTime(v.startedAt) || !isTime(v.updatedAt)) return 'a problem entry has bad times';
  if (v.spec !== undefined && (typeof v.spec !== 'string' || v.spec.length > 4096)) return 'a problem entry has a bad "spec"';
  if (!isObject(v.stages)) return 'a problem entry has no "stages" object';
  const stages: Record<string, StageProgress> = dict();
  for (const [k, raw] of Object.entries(v.stages)) {
    if (!/^[1-9][0-9]{0,2}$/.test(k)) return `stage key "${k.slice(0, 20)}" is not a stage number`;
    const s = parseStage(raw);
    if (typeof s === 'string') return s;
    stages[k] = s;
  }
  const p: ProblemProgress = { stage: v.stage, stages, startedAt: v.startedAt, updatedAt: v.updatedAt };
  if (typeof v.spec === 'string') p.spec = v.spec;
  if (v.stageIds !== undefined) {
    if (
      !Array.isArray(v.stageIds) ||
      v.stageIds.length > 100 ||
      !v.stageIds.every((x): x is string => typeof x === 'string' && x.length <= 64)
    )
      return 'a problem entry has bad "stageIds"';
    p.stageIds = [...v.stageIds];
  }
  if (v.numbering === 'v1' || (version === 1 && p.stageIds === undefined)) p.numbering = 'v1';
  return p;
}

/** Parses a progress file. A newer version or anything malformed is reported, never half-used. */
export function parseProgress(text: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: 'corrupt', detail: `not valid JSON (${(err as Error).message})` };
  }
  if (!isObject(data)) return { ok: false, reason: 'corrupt', detail: 'not a JSON object' };
  if (typeof data.version === 'number' && Number.isInteger(data.version) && data.version > PROGRESS_VERSION) {
    return {
      ok: false,
      reason: 'future',
      detail: `written by a newer sdcoach (progress format ${data.version}; this one reads ${PROGRESS_VERSION})`,
    };
  }
  if (typeof data.version !== 'number' || !READABLE_VERSIONS.includes(data.version))
    return { ok: false, reason: 'corrupt', detail: 'no known "version"' };
  const version = data.version;
  if (!isObject(data.problems)) return { ok: false, reason: 'corrupt', detail: 'no "problems" object' };
  const problems: Record<string, ProblemProgress> = dict();
  for (const [id, raw] of Object.entries(data.problems)) {
    if (!PROBLEM_ID.test(id)) return { ok: false, reason: 'corrupt', detail: `"${id.slice(0, 40)}" is not a problem id` };
    const p = parseProblem(raw, version);
    if (typeof p === 'string') return { ok: false, reason: 'corrupt', detail: `${id}: ${p}` };
    problems[id] = p;
  }
  const progress: Progress = { version: PROGRESS_VERSION, problems };
  if (data.drills !== undefined) {
    if (!isObject(data.drills)) return { ok: false, reason: 'corrupt', detail: '"drills" is not an object' };
    const drills: Record<string, DrillProgress> = {};
    for (const [set, raw] of Object.entries(data.drills)) {
      if (!/^[a-z][a-z-]{0,31}$/.test(set)) return { ok: false, reason: 'corrupt', detail: `"${set.slice(0, 40)}" is not a drill set` };
      const d = parseDrill(raw);
      if (typeof d === 'string') return { ok: false, reason: 'corrupt', detail: `drills ${set}: ${d}` };
      drills[set] = d;
    }
    progress.drills = drills;
  }
  if (data.interviews !== undefined) {
    if (!Array.isArray(data.interviews)) return { ok: false, reason: 'corrupt', detail: '"interviews" is not a list' };
    const interviews: InterviewRecord[] = [];
    for (const raw of data.interviews.slice(-MAX_INTERVIEWS)) {
      const r = parseInterview(raw);
      if (typeof r === 'string') return { ok: false, reason: 'corrupt', detail: `interviews: ${r}` };
      interviews.push(r);
    }
    progress.interviews = interviews;
  }
  return { ok: true, progress };
}

export function serializeProgress(p: Progress): string {
  return `${JSON.stringify(p, null, 2)}\n`;
}

export function stageProgress(p: Progress, problem: string, stage: number): StageProgress {
  return p.problems[problem]?.stages[String(stage)] ?? EMPTY_STAGE;
}

const iso = (now: number) => new Date(now).toISOString();

function touchProblem(p: Progress, problem: string, now: number, fn: (pp: ProblemProgress) => ProblemProgress): Progress {
  const before = p.problems[problem] ?? { stage: 1, stages: dict(), startedAt: iso(now), updatedAt: iso(now) };
  return { ...p, problems: Object.assign(dict<ProblemProgress>(), p.problems, { [problem]: { ...fn(before), updatedAt: iso(now) } }) };
}

function withStage(p: Progress, problem: string, stage: number, now: number, fn: (s: StageProgress) => StageProgress): Progress {
  return touchProblem(p, problem, now, (pp) => ({
    ...pp,
    stages: Object.assign(dict<StageProgress>(), pp.stages, { [String(stage)]: fn(pp.stages[String(stage)] ?? EMPTY_STAGE) }),
  }));
}

/** The learner is on this stage of this problem, working in this spec file. */
export function recordStage(
  p: Progress,
  problem: string,
  stage: number,
  spec: string | undefined,
  now: number,
  stageIds?: readonly string[],
): Progress {
  const aligned = stageIds ? alignProblem(p, problem, stageIds) : p;
  return touchProblem(aligned, problem, now, (pp) => ({
    ...pp,
    stage,
    ...(spec !== undefined ? { spec } : {}),
    ...(stageIds ? { stageIds: [...stageIds] } : {}),
  }));
}

/** What alignment needs to know of a problem: its id and its stages' ids and kinds, in order. */
export interface StageLayout {
  id: string;
  stages: readonly { id: string; kind: 'design' | 'estimate' }[];
}

/**
 * Renumbers one problem's entry to the problem's current stages, matching stages by id: a pass
 * recorded for "Fast redirects everywhere" stays with that stage wherever it now stands. Stages that
 * no longer exist are dropped. A version-1 entry counted only design stages (none had an estimate stage).
 */
function alignEntry(pp: ProblemProgress, layout: StageLayout['stages'] | readonly string[]): ProblemProgress {
  const current = layout.map((s) => (typeof s === 'string' ? s : s.id));
  const designOnly = layout.flatMap((s) => (typeof s === 'string' ? [s] : s.kind === 'estimate' ? [] : [s.id]));
  const before = pp.stageIds ?? (pp.numbering === 'v1' ? designOnly : current);
  const same = before.length === current.length && before.every((id, i) => id === current[i]);
  const { numbering: _dropped, ...rest } = pp;
  if (same) return { ...rest, stageIds: current };
  const renumber = (n: number): number | undefined => {
    const id = before[n - 1];
    const at = id === undefined ? -1 : current.indexOf(id);
    return at >= 0 ? at + 1 : undefined;
  };
  const stages: Record<string, StageProgress> = {};
  for (const [k, v] of Object.entries(pp.stages)) {
    const n = renumber(Number(k));
    if (n !== undefined) stages[String(n)] = v;
  }
  return { ...rest, stages, stage: renumber(pp.stage) ?? 1, stageIds: current };
}

function alignProblem(p: Progress, problem: string, stageIds: readonly string[]): Progress {
  const pp = p.problems[problem];
  if (!pp) return p;
  return { ...p, problems: { ...p.problems, [problem]: alignEntry(pp, stageIds) } };
}

/** Renumbers the entries of the problems given to their current stages (see alignEntry). Others are left as they are. */
export function alignProgress(p: Progress, problems: readonly StageLayout[]): Progress {
  let changed = false;
  const out = { ...p.problems };
  for (const problem of problems) {
    const pp = out[problem.id];
    if (!pp) continue;
    out[problem.id] = alignEntry(pp, problem.stages);
    changed = true;
  }
  return changed ? { ...p, version: PROGRESS_VERSION, problems: out } : p;
}

/** A grade of the current spec against a stage: keeps the best score and the first pass. */
export function recordGrade(p: Progress, problem: string, stage: number, score: number, passed: boolean, now: number): Progress {
  return withStage(p, problem, stage, now, (s) => {
    const next: StageProgress = { ...s, lastScore: score, bestScore: Math.max(score, s.bestScore ?? 0) };
    if (passed && !s.passed) {
      next.passed = true;
      next.passedAt = iso(now);
    }
    return next;
  });
}

export function recordHint(p: Progress, problem: string, stage: number, hintsUsed: number, now: number): Progress {
  return withStage(p, problem, stage, now, (s) => ({ ...s, hintsUsed: Math.max(s.hintsUsed, hintsUsed) }));
}

/** Adds time spent on a stage. Does not bump updatedAt (time ticks are not activity). */
export function addTime(p: Progress, problem: string, stage: number, ms: number): Progress {
  const pp = p.problems[problem];
  if (!pp || ms <= 0) return p;
  const s = pp.stages[String(stage)] ?? EMPTY_STAGE;
  const stages = Object.assign(dict<StageProgress>(), pp.stages, { [String(stage)]: { ...s, timeSpentMs: s.timeSpentMs + ms } });
  return { ...p, problems: Object.assign(dict<ProblemProgress>(), p.problems, { [problem]: { ...pp, stages } }) };
}

/** Forgets one problem, or everything. */
export function resetProgress(p: Progress, problem?: string): Progress {
  if (problem === undefined) return emptyProgress();
  const problems = Object.assign(dict<ProblemProgress>(), p.problems);
  delete problems[problem];
  return { ...p, problems };
}

/**
 * What goes to disk when a session saves: the file as it is now (another session may have
 * written other problems meanwhile) with this session's problems replaced by its own view.
 */
export function mergeProgress(onDisk: Progress, mine: Progress, problems: Iterable<string>): Progress {
  const merged = Object.assign(dict<ProblemProgress>(), onDisk.problems);
  for (const id of problems) {
    const pp = mine.problems[id];
    if (pp) merged[id] = pp;
    else delete merged[id];
  }
  return {
    version: PROGRESS_VERSION,
    problems: merged,
    ...(onDisk.drills ? { drills: onDisk.drills } : {}),
    ...(onDisk.interviews ? { interviews: onDisk.interviews } : {}),
  };
}

export type ProblemState = 'new' | 'started' | 'done';

export interface ProblemStatus {
  state: ProblemState;
  /** Stages passed, of `stages`. */
  passed: number;
  stages: number;
}

/** ✓ done when every stage has passed, ◐ started once anything was graded, or new. */
export function problemStatus(p: Progress, problem: string, stageCount: number): ProblemStatus {
  const pp = p.problems[problem];
  if (!pp) return { state: 'new', passed: 0, stages: stageCount };
  let passed = 0;
  for (let n = 1; n <= stageCount; n++) if (pp.stages[String(n)]?.passed) passed++;
  return { state: passed >= stageCount && stageCount > 0 ? 'done' : 'started', passed, stages: stageCount };
}

export const STATUS_ICON: Record<ProblemState, string> = { new: '·', started: '◐', done: '✓' };

/** The stage to open a problem at: where the learner left off, else the first not yet passed. */
export function resumeStage(p: Progress, problem: string, stageCount: number): number {
  const pp = p.problems[problem];
  if (pp && pp.stage >= 1 && pp.stage <= stageCount) return pp.stage;
  for (let n = 1; n <= stageCount; n++) if (!pp?.stages[String(n)]?.passed) return n;
  return Math.max(1, stageCount);
}

/** "12 min", "1 h 05 min", "40 s". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}
