// The practice session's reducer: (state, event) -> (state, effects). All the session's logic
// lives here (rustlings' one `match` over one event enum); it is pure and tested without Ink.
import { join, resolve } from 'node:path';
import type { Problem } from '../problems/problem.js';
import { addTime, alignProgress, recordGrade, recordHint, recordStage, stageProgress } from '../progress/progress.js';
import type { Effect, KeyPress, SessionEvent, Update } from './events.js';
import {
  baseState,
  hintsShown,
  openingStage,
  pickerStart,
  stagePassed,
  type InitOptions,
  type SessionState,
  type StageSession,
  type Tone,
} from './state.js';
import { pickerEntries, selectedEntry } from './view/picker.js';
import { derivationAccess, derivationsLocked } from './view/derivations.js';
import { layoutOf, paneCycle, scrollMax } from './view/stage.js';
import { drillOf } from './view/drill.js';

/** Ticks come about once a second; a longer gap (a suspended laptop) counts as one tick. */
export const TICK_MS = 1000;
/** No key or save for this long: the learner is away, time stops counting. */
export const IDLE_MS = 10 * 60_000;
/** Time in the editor (no ticks run meanwhile) counts, up to this much per visit. */
export const EDITOR_MAX_MS = 2 * 60 * 60_000;
export const FLASH_MS = 4000;

const done = (state: SessionState, ...effects: Effect[]): Update<SessionState> => ({ state, effects });

function flash(state: SessionState, text: string, tone: Tone, at: number, ms = FLASH_MS): SessionState {
  return { ...state, flash: { text, tone, until: at + ms } };
}

function touch(state: SessionState, problem: string): string[] {
  return state.touched.includes(problem) ? state.touched : [...state.touched, problem];
}

/** The first state, and the effects that start it (watching the file of a problem given up front). */
export function init(o: InitOptions): Update<SessionState> {
  const state = baseState(o);
  const load: Effect[] = state.catalogLoaded ? [] : [{ type: 'load-catalog' }];
  const problem = o.problem !== undefined ? o.catalog.find((p) => p.id === o.problem) : undefined;
  if (!problem) return done(state, ...load);
  const opened = openProblem(state, problem, o.now);
  return { state: opened.state, effects: [...opened.effects, ...load] };
}

function specFileFor(state: SessionState, problem: Problem): string {
  if (state.options.spec !== undefined && state.options.problem === problem.id) return resolve(state.options.cwd, state.options.spec);
  return join(state.options.workDir, `${problem.id}.yaml`);
}

export function openProblem(state: SessionState, problem: Problem, now: number): Update<SessionState> {
  const explicit = state.options.problem === problem.id ? state.options.stage : undefined;
  const stage = openingStage(state, problem, explicit);
  const file = specFileFor(state, problem);
  const session: StageSession = { problem, stage, file, created: false, seq: 0, grading: false, solutions: {} };
  const next: SessionState = {
    ...state,
    screen: 'stage',
    overlay: 'none',
    session,
    pane: layoutOf(state.columns) === 'compact' ? 'prompt' : 'results',
    scroll: 0,
    progress: recordStage(
      state.progress,
      problem.id,
      stage,
      file,
      now,
      problem.stages.map((x) => x.id),
    ),
    touched: touch(state, problem.id),
    lastActivity: now,
  };
  const effects: Effect[] = [{ type: 'watch', problem, file, stage }, { type: 'save-progress' }];
  if (state.options.reveal) effects.push({ type: 'read-solution', problem, stage });
  return { state: next, effects };
}

function withSession(state: SessionState, fn: (s: StageSession) => StageSession): SessionState {
  return state.session ? { ...state, session: fn(state.session) } : state;
}

/** Ask for a grade of `text` against the current stage. */
function regrade(state: SessionState, text: string): Update<SessionState> {
  const s = state.session!;
  const seq = s.seq + 1;
  return done(
    { ...state, session: { ...s, seq, grading: true, text } },
    { type: 'grade', seq, problem: s.problem, stage: s.stage, file: s.file, text },
  );
}

function quit(state: SessionState): Update<SessionState> {
  return done({ ...state, quitting: true }, { type: 'save-progress' }, { type: 'unwatch' }, { type: 'quit' });
}

export function update(state: SessionState, event: SessionEvent): Update<SessionState> {
  if (state.quitting) return done(state);
  switch (event.type) {
    case 'Resize': {
      const next = { ...state, columns: Math.max(1, event.columns), rows: Math.max(1, event.rows) };
      return done(clampScroll(next));
    }
    case 'Tick':
      return done(onTick(state, event.now));
    case 'FileChanged':
      return onFileChanged(state, event);
    case 'GradeReady':
      return onGradeReady(state, event);
    case 'Key':
      return onKey({ ...state, lastActivity: event.at }, event.key, event.at);
    case 'Notice':
      return done(flash(state, event.text, event.tone, event.at, 10_000));
  }
}

function onTick(state: SessionState, now: number): SessionState {
  let next = state;
  if (next.flash && next.flash.until <= now) {
    next = { ...next };
    delete next.flash;
  }
  const s = next.session;
  if (next.screen === 'stage' && s && next.lastTick !== undefined && now - next.lastActivity < IDLE_MS) {
    next = { ...next, progress: addTime(next.progress, s.problem.id, s.stage, Math.min(now - next.lastTick, 2 * TICK_MS)) };
  }
  return { ...next, lastTick: now };
}

function onFileChanged(state: SessionState, e: Extract<SessionEvent, { type: 'FileChanged' }>): Update<SessionState> {
  if (e.file === 'catalog') {
    // The problem being practised keeps its loaded object; the picker gets the full list.
    const mine = state.session?.problem;
    const problems = mine ? e.problems.map((p) => (p.id === mine.id ? mine : p)) : e.problems;
    let next: SessionState = {
      ...state,
      catalog: problems,
      catalogLoaded: true,
      catalogErrors: e.errors,
      progress: alignProgress(state.progress, problems),
    };
    if (!next.picker.selected || !problems.some((p) => p.id === next.picker.selected)) {
      const selected = pickerStart(problems, next.progress, next.options.problem);
      if (selected) next = { ...next, picker: { ...next.picker, selected } };
    }
    return done(next);
  }
  const s = state.session;
  if (state.screen !== 'stage' || !s) return done(state);
  if (e.file === 'solution') {
    return done(
      withSession(state, (x) => ({
        ...x,
        solutions: { ...x.solutions, [e.stage]: { text: e.text, ...(e.error !== undefined ? { error: e.error } : {}) } },
      })),
    );
  }
  let next: SessionState = e.source === 'open' ? state : { ...state, lastActivity: e.at };
  // The session was suspended while the editor ran: that time was spent on the stage.
  if (e.source === 'editor' && state.lastTick !== undefined && e.at > state.lastTick) {
    next = {
      ...next,
      progress: addTime(next.progress, s.problem.id, s.stage, Math.min(e.at - state.lastTick, EDITOR_MAX_MS)),
      lastTick: e.at,
    };
  }
  if (e.notice) next = flash(next, e.notice, e.noticeTone ?? 'bad', e.at, e.noticeTone === 'info' ? 10_000 : FLASH_MS);
  else if (e.created)
    next = flash(
      next,
      `created ${e.source === 'open' ? 'the spec file' : 'it'} from the starter: edit it (e opens your editor) and save`,
      'info',
      e.at,
      8000,
    );
  // After a save the learner wants the results, also where only one pane fits.
  if (e.source !== 'open' && next.pane === 'prompt' && layoutOf(next.columns) !== 'wide' && next.overlay === 'none')
    next = { ...next, pane: 'results', scroll: 0 };
  const cur = next.session!;
  const created = cur.created || Boolean(e.created);
  if (e.text === null) {
    const diagnostics = e.error ? [e.error] : [];
    return done({
      ...next,
      session: { ...cur, created, text: null, seq: cur.seq + 1, grading: false, result: { kind: 'invalid', diagnostics }, gradedAt: e.at },
    });
  }
  // Editors often write a file without changing it (or twice in a row): grade only new text.
  if (e.text === cur.text && (cur.grading || cur.result)) return done({ ...next, session: { ...cur, created } });
  return regrade({ ...next, session: { ...cur, created } }, e.text);
}

function onGradeReady(state: SessionState, e: Extract<SessionEvent, { type: 'GradeReady' }>): Update<SessionState> {
  const s = state.session;
  if (state.screen !== 'stage' || !s || e.seq !== s.seq) return done(state);
  let session: StageSession = { ...s, grading: false, result: e.outcome, gradedAt: e.at, gradeMs: e.ms };
  let next: SessionState = { ...state, session };
  if (e.outcome.kind !== 'report') return done(clampScroll(next));
  const { report } = e.outcome;
  session = { ...session, lastScore: report.score };
  const before = stageProgress(state.progress, s.problem.id, s.stage);
  next = {
    ...next,
    session,
    progress: recordGrade(state.progress, s.problem.id, s.stage, report.score, report.passed, e.at),
    touched: touch(state, s.problem.id),
  };
  if (report.passed && !before.passed) {
    const last = s.stage >= s.problem.stages.length;
    const text = last
      ? `✓ Stage ${s.stage} passed: that completes ${s.problem.id}! s shows the reference solution, Esc picks another problem`
      : `✓ Stage ${s.stage} passed! n: on to stage ${s.stage + 1} · s: the reference solution`;
    next = flash(next, text, 'good', e.at, 15_000);
  }
  return done(clampScroll(next), { type: 'save-progress' });
}

function clampScroll(state: SessionState): SessionState {
  if (state.scroll === 0) return state;
  const max = scrollMax(state);
  return state.scroll > max ? { ...state, scroll: max } : state;
}

function scrollBy(state: SessionState, delta: number): SessionState {
  const max = scrollMax(state);
  return { ...state, scroll: Math.max(0, Math.min(max, state.scroll + delta)) };
}

function pageSize(state: SessionState): number {
  return Math.max(1, state.rows - 8);
}

function onKey(state: SessionState, key: KeyPress, at: number): Update<SessionState> {
  if (key.name === 'ctrl-c') return quit(state);
  if (state.screen === 'picker') return onPickerKey(state, key, at);
  return onStageKey(state, key, at);
}

function isChar(key: KeyPress, ...chars: string[]): boolean {
  return key.name === 'char' && key.char !== undefined && chars.includes(key.char);
}

function scrollKey(state: SessionState, key: KeyPress): SessionState | undefined {
  if (key.name === 'up' || isChar(key, 'k')) return scrollBy(state, -1);
  if (key.name === 'down' || isChar(key, 'j')) return scrollBy(state, 1);
  if (key.name === 'pageUp') return scrollBy(state, -pageSize(state));
  if (key.name === 'pageDown' || isChar(key, ' ')) return scrollBy(state, pageSize(state));
  if (key.name === 'home') return { ...state, scroll: 0 };
  if (key.name === 'end') return scrollBy(state, Number.MAX_SAFE_INTEGER);
  return undefined;
}

function onPickerKey(state: SessionState, key: KeyPress, at: number): Update<SessionState> {
  if (state.overlay === 'help') {
    const scrolled = key.name === 'up' || key.name === 'down' ? scrollKey(state, key) : undefined;
    return done(scrolled ?? { ...state, overlay: 'none', scroll: 0 });
  }
  const shown = pickerEntries(state.catalog, state.picker.filter);
  const current = selectedEntry(state);
  const move = (delta: number) => {
    if (!shown.length) return state;
    const i = Math.max(
      0,
      shown.findIndex((p) => p.id === current?.id),
    );
    const j = Math.max(0, Math.min(shown.length - 1, i + delta));
    return { ...state, picker: { ...state.picker, selected: shown[j]!.id } };
  };
  const setFilter = (filter: string): SessionState => {
    const keep = pickerEntries(state.catalog, filter);
    const selected =
      keep.find((p) => p.id === state.picker.selected)?.id ??
      keep.find((e) => e.kind === 'problem')?.id ??
      keep[0]?.id ??
      state.picker.selected;
    return { ...state, picker: { filter, ...(selected !== undefined ? { selected } : {}) } };
  };
  switch (key.name) {
    case 'up':
      return done(move(-1));
    case 'down':
    case 'tab':
      return done(move(1));
    case 'pageUp':
    case 'home':
      return done(move(-shown.length));
    case 'pageDown':
    case 'end':
      return done(move(shown.length));
    case 'return':
      if (!current)
        return done(
          flash(
            state,
            !state.catalogLoaded
              ? 'the problems are still being read'
              : state.catalog.length
                ? 'no problem matches the filter'
                : 'the catalog is empty',
            'bad',
            at,
          ),
        );
      // The drills run on the plain terminal (a line per question): the session ends and hands over to them.
      if (current.kind === 'drills') return quit({ ...state, launch: { drills: current.set } });
      // So does a mock interview: its own session, with its own clock.
      if (current.kind === 'interview') return quit({ ...state, launch: { interview: current.problem.id } });
      return openProblem(state, current.problem, at);
    case 'escape':
      return state.picker.filter ? done(setFilter('')) : quit(state);
    case 'backspace':
      return done(setFilter(state.picker.filter.slice(0, -1)));
    case 'char': {
      const ch = key.char ?? '';
      if (ch === '?' && !state.picker.filter) return done({ ...state, overlay: 'help', scroll: 0 });
      if (!/^[\p{L}\p{N} ._-]$/u.test(ch) || state.picker.filter.length >= 40) return done(state);
      if (ch === ' ' && !state.picker.filter) return done(state);
      return done(setFilter(state.picker.filter + ch));
    }
    default:
      return done(state);
  }
}

function onStageKey(state: SessionState, key: KeyPress, at: number): Update<SessionState> {
  const s = state.session!;
  if (state.overlay === 'help') {
    if (isChar(key, 'q')) return quit(state);
    const scrolled =
      key.name === 'up' || key.name === 'down' || key.name === 'pageUp' || key.name === 'pageDown' ? scrollKey(state, key) : undefined;
    return done(scrolled ?? { ...state, overlay: 'none', scroll: 0 });
  }
  if (state.overlay === 'drill') {
    if (key.name === 'escape' || isChar(key, 'g')) return done({ ...state, overlay: 'none', scroll: 0 });
    // ← → step through the timeline (the view keeps the step inside it).
    if (key.name === 'left' || key.name === 'right') {
      const last = (drillOf(s)?.phases.length ?? 1) - 1;
      const step = Math.max(0, Math.min(last, (state.drillStep ?? 0) + (key.name === 'left' ? -1 : 1)));
      return done({ ...state, drillStep: step, scroll: 0 });
    }
    const scrolled = scrollKey(state, key);
    if (scrolled) return done(scrolled);
    return onStageKey({ ...state, overlay: 'none', scroll: 0 }, key, at);
  }
  if (state.overlay === 'solution' || state.overlay === 'derivations') {
    if (key.name === 'escape' || isChar(key, state.overlay === 'solution' ? 's' : 'w'))
      return done({ ...state, overlay: 'none', scroll: 0 });
    const scrolled = scrollKey(state, key);
    if (scrolled) return done(scrolled);
    // Any other key acts as usual, on the stage screen.
    return onStageKey({ ...state, overlay: 'none', scroll: 0 }, key, at);
  }
  const scrolled = scrollKey(state, key);
  if (scrolled) return done(scrolled);
  if (key.name === 'escape') {
    const next: SessionState = {
      ...state,
      screen: 'picker',
      overlay: 'none',
      scroll: 0,
      diagram: state.diagram,
      picker: { ...state.picker, selected: s.problem.id },
    };
    delete next.session;
    return done(next, { type: 'unwatch' }, { type: 'save-progress' });
  }
  if (key.name === 'tab') {
    const cycle = paneCycle(state);
    return done({ ...state, pane: cycle[(cycle.indexOf(state.pane) + 1) % cycle.length]!, scroll: 0 });
  }
  if (key.name !== 'char') return done(state);
  switch (key.char) {
    case 'q':
      return quit(state);
    case '?':
      return done({ ...state, overlay: 'help', scroll: 0 });
    case 'e':
      return done(state, { type: 'open-editor', file: s.file });
    case 'd': {
      // Where panes do not fit side by side, the diagram shows in place of the others.
      const on = !state.diagram;
      const pane = on ? (layoutOf(state.columns) === 'wide' ? state.pane : 'diagram') : state.pane === 'diagram' ? 'results' : state.pane;
      return done(clampScroll({ ...state, diagram: on, pane, scroll: pane === state.pane ? state.scroll : 0 }));
    }
    case 'r':
      if (typeof s.text !== 'string') return done(flash(state, 'the spec file cannot be read; fix that first', 'bad', at));
      return regrade(state, s.text);
    case 'h':
      return revealHint(state, at);
    case 'n':
      return nextStage(state, at);
    case 's':
      return showSolution(state, at);
    case 'w':
      return showDerivations(state, at);
    case 'g':
      if (s.result?.kind !== 'report') return done(flash(state, 'the drill runs on a spec that loads: fix the errors first', 'bad', at));
      return done({ ...state, overlay: 'drill', drillStep: 0, scroll: 0 });
    default:
      return done(state);
  }
}

function revealHint(state: SessionState, at: number): Update<SessionState> {
  const s = state.session!;
  const total = s.problem.stages[s.stage - 1]?.hints.length ?? 0;
  const shown = hintsShown(state);
  if (!total) return done(flash(state, 'this stage has no hints', 'info', at));
  if (shown >= total) return done(flash(state, `all ${total} hints of this stage are shown`, 'info', at));
  const progress = recordHint(state.progress, s.problem.id, s.stage, shown + 1, at);
  let next: SessionState = { ...state, progress, touched: touch(state, s.problem.id) };
  // Where the prompt does not fit beside the results, show it (hints come right after the prompt).
  if (layoutOf(state.columns) !== 'wide' && state.pane !== 'prompt') next = { ...next, pane: 'prompt', scroll: 0 };
  return done(flash(next, `hint ${shown + 1} of ${total} revealed`, 'info', at), { type: 'save-progress' });
}

function nextStage(state: SessionState, at: number): Update<SessionState> {
  const s = state.session!;
  if (!stagePassed(state)) {
    const r = s.result;
    const why =
      r?.kind === 'report'
        ? ` (score ${r.report.score}, pass mark ${r.report.passMark}${r.report.mustPassFailed.length ? `, must pass: ${r.report.mustPassFailed.join(', ')}` : ''})`
        : r?.kind === 'invalid'
          ? ' (the spec does not load)'
          : '';
    return done(flash(state, `stage ${s.stage} has not passed yet${why}`, 'bad', at));
  }
  if (s.stage >= s.problem.stages.length)
    return done(flash(state, `stage ${s.stage} is the last one; Esc picks another problem`, 'info', at));
  const stage = s.stage + 1;
  const session: StageSession = { ...s, stage, grading: false, seq: s.seq + 1 };
  delete session.result;
  delete session.gradedAt;
  delete session.gradeMs;
  let next: SessionState = {
    ...state,
    session,
    overlay: 'none',
    scroll: 0,
    pane: layoutOf(state.columns) === 'compact' ? 'prompt' : state.pane === 'prompt' ? 'prompt' : 'results',
    progress: recordStage(
      state.progress,
      s.problem.id,
      stage,
      s.file,
      at,
      s.problem.stages.map((x) => x.id),
    ),
    touched: touch(state, s.problem.id),
  };
  next = flash(
    next,
    `Stage ${stage}: ${s.problem.stages[stage - 1]!.title}. Your file now says stage: ${stage} with this prompt on top; your design is unchanged`,
    'info',
    at,
    8000,
  );
  const effects: Effect[] = [{ type: 'save-progress' }, { type: 'restage', problem: s.problem, file: s.file, stage }];
  if (state.options.reveal) effects.push({ type: 'read-solution', problem: s.problem, stage });
  if (typeof s.text === 'string') {
    const g = regrade(next, s.text);
    return { state: g.state, effects: [...effects, ...g.effects] };
  }
  return { state: next, effects };
}

/** w: an estimate stage's derivations, those earned (in range, or every hint shown); else what earns them. */
function showDerivations(state: SessionState, at: number): Update<SessionState> {
  const access = derivationAccess(state);
  if (!access) return done(flash(state, 'w shows the derivations of an estimate stage; this stage has no estimates', 'info', at));
  const locked = derivationsLocked(access);
  if (locked) return done(flash(state, locked, 'bad', at));
  return done({ ...state, overlay: 'derivations', scroll: 0 });
}

function showSolution(state: SessionState, at: number): Update<SessionState> {
  const s = state.session!;
  if (!stagePassed(state) && !state.options.reveal) {
    return done(flash(state, 'the reference solution opens once this stage passes (or start with --reveal)', 'bad', at));
  }
  const next: SessionState = { ...state, overlay: 'solution', scroll: 0 };
  if (s.solutions[s.stage] !== undefined) return done(next);
  return done(next, { type: 'read-solution', problem: s.problem, stage: s.stage });
}
