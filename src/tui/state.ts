// The practice session's state: which screen, the problem and stage, the spec's latest text and
// grade, the learner's progress, and what is on screen (overlays, scroll, a transient message).
import type { DrillSet } from '../problems/drills.js';
import type { Problem } from '../problems/problem.js';
import { resumeStage, type Progress } from '../progress/progress.js';
import type { Diagnostic } from '../specfile/diagnostic.js';
import type { GradeOutcome } from './events.js';
import type { DiagramRenderer } from './view/diagram.js';

export type Overlay = 'none' | 'help' | 'solution' | 'derivations' | 'drill';
/** Which pane shows (narrow layouts) or scrolls (wide): Tab cycles through them. */
export type Pane = 'prompt' | 'results' | 'diagram';
export type Tone = 'info' | 'good' | 'bad';

export interface Flash {
  text: string;
  tone: Tone;
  until: number;
}

export interface SessionOptions {
  /** Folder spec files are created in by default (./sdcoach-work). */
  workDir: string;
  /** Shown paths are relative to this. */
  cwd: string;
  /** --spec: the file to watch for the problem given on the command line. */
  spec?: string;
  /** --stage: the stage to open the problem given on the command line at. */
  stage?: number;
  /** --reveal: show reference solutions before passing. */
  reveal: boolean;
  /** The problem named on the command line (--spec and --stage apply to it). */
  problem?: string;
  /** Shown in the help. */
  progressFile?: string;
  /** Draws the diagram pane (a pure function of the graded design); without one, a text outline. */
  renderDiagram?: DiagramRenderer;
}

export interface StageSession {
  problem: Problem;
  stage: number;
  /** Absolute path of the watched spec file. */
  file: string;
  /** Latest content; undefined until first read, null when unreadable. */
  text?: string | null;
  fileError?: Diagnostic;
  created: boolean;
  /** Sequence number of the grade in flight (or last asked for). */
  seq: number;
  grading: boolean;
  result?: GradeOutcome;
  /** The text `result` was graded from. */
  gradedText?: string;
  gradedAt?: number;
  gradeMs?: number;
  /** Score of the last spec that loaded, kept while the file is broken. */
  lastScore?: number;
  /** Reference solutions read so far, by stage. */
  solutions: Record<number, { text: string | null; error?: string }>;
}

export interface SessionState {
  screen: 'picker' | 'stage';
  overlay: Overlay;
  columns: number;
  rows: number;
  catalog: Problem[];
  /** False until the whole catalog has been read (a problem named up front is there from the start). */
  catalogLoaded: boolean;
  catalogErrors: string[];
  picker: { filter: string; selected?: string };
  session?: StageSession;
  pane: Pane;
  diagram: boolean;
  /** Lines scrolled in the scrollable pane (results, solution, help). */
  scroll: number;
  /** The drill overlay's phase (0-based; the view keeps it inside the timeline). */
  drillStep?: number;
  flash?: Flash;
  progress: Progress;
  /** Problems whose progress this session changed (saved by merging, see progress/file.ts). */
  touched: string[];
  options: SessionOptions;
  lastTick?: number;
  lastActivity: number;
  quitting: boolean;
  /** What runs once the session has ended: the drills or the mock interview (a problem id) chosen in the picker. */
  launch?: { drills: DrillSet } | { interview: string };
}

export interface InitOptions extends SessionOptions {
  catalog: Problem[];
  /** Default true; false: `catalog` holds only the problem named up front, the rest is read after the first frame. */
  catalogLoaded?: boolean;
  catalogErrors?: string[];
  /** What the picker's filter starts with. */
  filter?: string;
  progress: Progress;
  columns: number;
  rows: number;
  /** Shown once at the start (a progress file that had to be set aside). */
  notices?: string[];
  now: number;
}

export function baseState(o: InitOptions): SessionState {
  const state: SessionState = {
    screen: 'picker',
    overlay: 'none',
    columns: o.columns,
    rows: o.rows,
    catalog: o.catalog,
    catalogLoaded: o.catalogLoaded ?? true,
    catalogErrors: o.catalogErrors ?? [],
    picker: { filter: o.filter ?? '' },
    pane: 'prompt',
    diagram: false,
    scroll: 0,
    progress: o.progress,
    touched: [],
    options: {
      workDir: o.workDir,
      cwd: o.cwd,
      reveal: o.reveal,
      ...pick(o, ['spec', 'stage', 'problem', 'progressFile', 'renderDiagram']),
    },
    lastActivity: o.now,
    quitting: false,
  };
  if (o.notices?.length) state.flash = { text: o.notices.join(' · '), tone: 'bad', until: o.now + 10_000 };
  const selected = pickerStart(o.catalog, o.progress, o.problem);
  if (selected) state.picker.selected = selected;
  return state;
}

/** Where the picker's selection starts: the problem named up front, else the one practised last. */
export function pickerStart(catalog: Problem[], progress: Progress, problem?: string): string | undefined {
  return catalog.find((p) => p.id === problem)?.id ?? lastPractised(progress, catalog);
}

function pick<T extends object, K extends keyof T>(o: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** The problem practised most recently (the picker starts on it). */
function lastPractised(progress: Progress, catalog: Problem[]): string | undefined {
  let best: string | undefined;
  let when = '';
  for (const p of catalog) {
    const pp = progress.problems[p.id];
    if (pp && pp.updatedAt > when) {
      when = pp.updatedAt;
      best = p.id;
    }
  }
  return best;
}

export function openingStage(state: SessionState, problem: Problem, explicit?: number): number {
  if (explicit !== undefined && explicit >= 1 && explicit <= problem.stages.length) return explicit;
  return resumeStage(state.progress, problem.id, problem.stages.length);
}

/** The current stage has passed: now, or at some earlier save. */
export function stagePassed(state: SessionState): boolean {
  const s = state.session;
  if (!s) return false;
  if (s.result?.kind === 'report' && s.result.report.passed) return true;
  return state.progress.problems[s.problem.id]?.stages[String(s.stage)]?.passed ?? false;
}

export function hintsShown(state: SessionState): number {
  const s = state.session;
  if (!s) return 0;
  const used = state.progress.problems[s.problem.id]?.stages[String(s.stage)]?.hintsUsed ?? 0;
  return Math.min(used, s.problem.stages[s.stage - 1]?.hints.length ?? 0);
}

export function compact(state: Pick<SessionState, 'columns'>): boolean {
  return state.columns < 60;
}
