// The mock interview's state and reducer: (state, event) -> (state, effects), pure, with time passed in
// on every event (the clock is injected, so tests are deterministic). It walks the six phases, keeps the
// questions asked, asks for a grade of the learner's spec on each save with the current phase's rubric,
// asks the shell to snapshot the spec at each phase end, and to write the session and score it at the end.
import { basename, dirname, join } from 'node:path';
import { PHASES, phaseGuides, type InterviewQuestion, type Phase, type ProblemInterview } from '../problems/interview.js';
import type { Scorecard } from '../problems/interview-score.js';
import type { Problem } from '../problems/problem.js';
import type { GradeOutcome, KeyPress } from './events.js';
import { scrollLimits } from './view/interview.js';

export interface InterviewState {
  problem: Problem;
  interview: ProblemInterview;
  /** Absolute path of the learner's spec. */
  file: string;
  /** Folder the phase snapshots and session.yaml go to (beside the spec). */
  sessionDir: string;
  /** The interview's length and each phase's guide, in ms (the problem's guide scaled to --minutes). */
  totalMs: number;
  guideMs: Record<Phase, number>;
  /** Index into PHASES. */
  phase: number;
  startedAt: number;
  phaseStartedAt: number;
  now: number;
  /** Time spent in each phase that has ended, ms. */
  spentMs: Partial<Record<Phase, number>>;
  /** Question ids in the order asked; the cursor in the clarify list. */
  asked: string[];
  cursor: number;
  /** The spec's latest text: undefined until read, null when unreadable. */
  text?: string | null;
  fileError?: string;
  created: boolean;
  seq: number;
  grading: boolean;
  result?: GradeOutcome;
  /** The phase `result` was graded for. */
  gradedPhase?: Phase;
  /** A question waiting for y/n. */
  confirm?: 'quit';
  /** Why the interview ended (the scorecard is being computed or shown). */
  ended?: 'finished' | 'time' | 'quit';
  card?: Scorecard;
  /** The session file, once written; an error writing or scoring it. */
  sessionFile?: string;
  endError?: string;
  /** Lines scrolled in the grade pane (the scorecard at the end) and in the prompt pane; Tab picks which ↑↓ scroll. */
  scroll: number;
  promptScroll: number;
  focus: 'prompt' | 'grade';
  columns: number;
  rows: number;
  quitting: boolean;
}

export type InterviewEvent =
  | { type: 'Key'; key: KeyPress; at: number }
  | { type: 'Tick'; now: number }
  | { type: 'FileChanged'; text: string | null; error?: string; created?: boolean; at: number }
  | { type: 'GradeReady'; seq: number; outcome: GradeOutcome; at: number }
  | { type: 'Ended'; card?: Scorecard; sessionFile?: string; error?: string; at: number }
  | { type: 'Resize'; columns: number; rows: number };

export type InterviewEffect =
  /** Create the spec (never over an existing file), watch it and report its content. */
  | { type: 'watch'; file: string }
  | { type: 'grade'; seq: number; phase: Phase; text: string }
  /** Copy the spec as it is on disk now to `to` (the end of a phase). */
  | { type: 'snapshot'; phase: Phase; to: string }
  /** Write session.yaml, score it, keep the result in the progress file, then report Ended. */
  | { type: 'finish'; session: SessionRecord }
  | { type: 'unwatch' }
  | { type: 'quit' };

/** What session.yaml says (schemas/interview-session.schema.json); spec paths relative to the session folder. */
export interface SessionRecord {
  dir: string;
  problem: string;
  asked: string[];
  minutes: Partial<Record<Phase, number>>;
  /** The interview's length in minutes (--minutes, else the problem's). */
  length: number;
  spec: string;
  specs: Partial<Record<Phase, string>>;
  started: string;
}

export interface InterviewUpdate {
  state: InterviewState;
  effects: InterviewEffect[];
}

export interface InterviewInit {
  problem: Problem;
  file: string;
  /** The interview's length (default: the problem's). */
  minutes?: number;
  now: number;
  columns: number;
  rows: number;
}

const done = (state: InterviewState, ...effects: InterviewEffect[]): InterviewUpdate => ({ state, effects });

/** `<spec>.interview-<UTC time>`: 20261130T065849Z, sortable and safe in a path. */
export function sessionDirFor(file: string, startedAt: number): string {
  const stamp = new Date(startedAt)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return join(dirname(file), `${basename(file).replace(/\.ya?ml$/i, '')}.interview-${stamp}`);
}

/** The file a phase's snapshot is written to: phase-1.yaml (clarify) ... phase-6.yaml (decide). */
export const snapshotName = (phase: Phase): string => `phase-${PHASES.indexOf(phase) + 1}.yaml`;

/** Minutes, to a tenth. */
export const toMinutes = (ms: number): number => Math.round(ms / 6000) / 10;

/** FNV-1a: a stable 32-bit hash, so the question order is the same in every session of a problem. */
function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * The questions in the order the session lists them: mixed by a hash of the problem and question ids, so a
 * question's position never tells whether it matters (authors tend to write the relevant ones first).
 */
export function questionOrder(problemId: string, questions: readonly InterviewQuestion[]): InterviewQuestion[] {
  return [...questions].sort((a, b) => fnv(`${problemId}/${a.id}`) - fnv(`${problemId}/${b.id}`) || a.id.localeCompare(b.id));
}

export function initInterview(o: InterviewInit): InterviewUpdate {
  const iv = { ...o.problem.interview!, questions: questionOrder(o.problem.id, o.problem.interview!.questions) };
  const minutes = o.minutes ?? iv.minutes;
  const guides = phaseGuides(iv, minutes);
  const guideMs = Object.fromEntries(PHASES.map((p) => [p, Math.round(guides[p] * 60_000)])) as Record<Phase, number>;
  const state: InterviewState = {
    problem: o.problem,
    interview: iv,
    file: o.file,
    sessionDir: sessionDirFor(o.file, o.now),
    totalMs: Math.round(minutes * 60_000),
    guideMs,
    phase: 0,
    startedAt: o.now,
    phaseStartedAt: o.now,
    now: o.now,
    spentMs: {},
    asked: [],
    cursor: 0,
    created: false,
    seq: 0,
    grading: false,
    scroll: 0,
    promptScroll: 0,
    focus: 'grade',
    columns: o.columns,
    rows: o.rows,
    quitting: false,
  };
  return done(state, { type: 'watch', file: o.file });
}

export const currentPhase = (s: Pick<InterviewState, 'phase'>): Phase => PHASES[s.phase]!;
export const elapsedMs = (s: InterviewState): number => s.now - s.startedAt;
export const phaseElapsedMs = (s: InterviewState): number => s.now - s.phaseStartedAt;

/** Ask for a grade of the current text with the current phase's rubric (clarify grades nothing). */
function regrade(s: InterviewState): InterviewUpdate {
  const phase = currentPhase(s);
  if (phase === 'clarify' || typeof s.text !== 'string') return done({ ...s, grading: false });
  const seq = s.seq + 1;
  return done({ ...s, seq, grading: true }, { type: 'grade', seq, phase, text: s.text });
}

/** Ends the current phase at `at`: its time is counted and its spec snapshotted. */
function endPhase(s: InterviewState, at: number): { state: InterviewState; effects: InterviewEffect[] } {
  const phase = currentPhase(s);
  const spent = (s.spentMs[phase] ?? 0) + Math.max(0, at - s.phaseStartedAt);
  return {
    state: { ...s, now: at, spentMs: { ...s.spentMs, [phase]: spent }, phaseStartedAt: at },
    effects: [{ type: 'snapshot', phase, to: join(s.sessionDir, snapshotName(phase)) }],
  };
}

/** The session as recorded: minutes of the phases reached, each reached phase's snapshot, the last one as the final spec. */
export function sessionRecord(s: InterviewState): SessionRecord {
  const reached = PHASES.slice(0, s.phase + 1);
  const minutes: Partial<Record<Phase, number>> = {};
  for (const p of reached) minutes[p] = toMinutes(s.spentMs[p] ?? 0);
  const specs: Partial<Record<Phase, string>> = {};
  for (const p of reached) if (p !== 'clarify') specs[p] = snapshotName(p);
  return {
    dir: s.sessionDir,
    problem: s.problem.id,
    asked: [...s.asked],
    minutes,
    length: s.totalMs / 60_000,
    spec: snapshotName(currentPhase(s)),
    specs,
    started: new Date(s.startedAt).toISOString(),
  };
}

function moveOn(s: InterviewState, at: number): InterviewUpdate {
  const ended = endPhase(s, at);
  if (s.phase >= PHASES.length - 1) return finish(ended.state, ended.effects, 'finished');
  const next: InterviewState = {
    ...ended.state,
    phase: s.phase + 1,
    result: undefined,
    gradedPhase: undefined,
    scroll: 0,
    confirm: undefined,
  };
  const graded = regrade(next);
  return { state: graded.state, effects: [...ended.effects, ...graded.effects] };
}

function finish(s: InterviewState, effects: InterviewEffect[], why: 'finished' | 'time' | 'quit'): InterviewUpdate {
  const state: InterviewState = { ...s, ended: why, confirm: undefined, grading: false, scroll: 0 };
  return { state, effects: [...effects, { type: 'unwatch' }, { type: 'finish', session: sessionRecord(state) }] };
}

function endNow(s: InterviewState, at: number, why: 'time' | 'quit'): InterviewUpdate {
  const ended = endPhase(s, at);
  return finish(ended.state, ended.effects, why);
}

export function updateInterview(s: InterviewState, e: InterviewEvent): InterviewUpdate {
  if (s.quitting) return done(s);
  switch (e.type) {
    case 'Resize':
      return done({ ...s, columns: Math.max(1, e.columns), rows: Math.max(1, e.rows) });
    case 'Tick': {
      if (s.ended) return done(s);
      const next = { ...s, now: Math.max(s.now, e.now) };
      // Time is up: the phase under way ends there, and so does the interview.
      if (next.now - s.startedAt >= s.totalMs) return endNow(next, s.startedAt + s.totalMs, 'time');
      return done(next);
    }
    case 'FileChanged': {
      if (s.ended) return done(s);
      const next: InterviewState = { ...s, text: e.text, created: s.created || !!e.created };
      if (e.error !== undefined) next.fileError = e.error;
      else delete next.fileError;
      if (e.text === null) return done({ ...next, result: undefined, grading: false });
      if (e.text === s.text && s.result) return done(next);
      return regrade(next);
    }
    case 'GradeReady':
      if (s.ended || e.seq !== s.seq) return done(s);
      return done({ ...s, grading: false, result: e.outcome, gradedPhase: currentPhase(s) });
    case 'Ended':
      return done({
        ...s,
        ...(e.card ? { card: e.card } : {}),
        ...(e.sessionFile ? { sessionFile: e.sessionFile } : {}),
        ...(e.error ? { endError: e.error } : {}),
      });
    case 'Key':
      return onKey({ ...s, now: Math.max(s.now, e.at) }, e.key, e.at);
  }
}

/** Moves the scroll of the pane ↑↓ act on by `by` lines, within what it shows. */
function scrollBy(s: InterviewState, by: number): InterviewUpdate {
  const max = scrollLimits(s);
  if (s.ended) return done({ ...s, scroll: clamp(s.scroll + by, max.scorecard) });
  if (s.focus === 'prompt') return done({ ...s, promptScroll: clamp(s.promptScroll + by, max.prompt) });
  return done({ ...s, scroll: clamp(s.scroll + by, max.grade) });
}
const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max));

function onKey(s: InterviewState, key: KeyPress, at: number): InterviewUpdate {
  const ch = key.name === 'char' ? key.char : undefined;
  const step =
    key.name === 'up' || ch === 'k'
      ? -1
      : key.name === 'down' || ch === 'j'
        ? 1
        : key.name === 'pageUp'
          ? -10
          : key.name === 'pageDown'
            ? 10
            : 0;
  if (s.ended) {
    // The scorecard: scroll it, or leave (once it is computed).
    if (step) return scrollBy(s, step);
    if (
      (ch === 'q' || key.name === 'return' || key.name === 'escape' || key.name === 'ctrl-c') &&
      (s.card || s.endError || key.name === 'ctrl-c')
    )
      return done({ ...s, quitting: true }, { type: 'quit' });
    return done(s);
  }
  if (key.name === 'ctrl-c') return endNow(s, at, 'quit');
  if (s.confirm === 'quit') {
    if (ch === 'y' || ch === 'Y') return endNow(s, at, 'quit');
    return done({ ...s, confirm: undefined });
  }
  if (ch === 'q') return done({ ...s, confirm: 'quit' });
  if (ch === 'n') return moveOn(s, at);
  if (currentPhase(s) === 'clarify') {
    const n = s.interview.questions.length;
    if (key.name === 'up' || ch === 'k') return done({ ...s, cursor: (s.cursor - 1 + n) % n });
    if (key.name === 'down' || ch === 'j') return done({ ...s, cursor: (s.cursor + 1) % n });
    if (key.name === 'return') {
      const q = s.interview.questions[s.cursor];
      if (!q || s.asked.includes(q.id)) return done(s);
      return done({ ...s, asked: [...s.asked, q.id] });
    }
    return done(s);
  }
  if (key.name === 'tab') return done({ ...s, focus: s.focus === 'prompt' ? 'grade' : 'prompt' });
  if (step) return scrollBy(s, step);
  return done(s);
}
