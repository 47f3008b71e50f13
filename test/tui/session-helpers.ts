// Helpers for driving the practice reducer in tests: the shipped order-history problem, its
// starter and reference solutions as text, and a loop that answers grade effects with real grades.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem, type Problem } from '../../src/problems/problem.js';
import { emptyProgress, type Progress } from '../../src/progress/progress.js';
import type { Effect, KeyPress, SessionEvent, Update } from '../../src/tui/events.js';
import { createStageGrader } from '../../src/tui/grade-spec.js';
import { init, update } from '../../src/tui/reducer.js';
import type { InitOptions, SessionState } from '../../src/tui/state.js';

function load(id: string): Problem {
  const r = loadProblem(join(SHIPPED_PROBLEMS, id));
  if (!r.ok) throw new Error(`${id} does not load: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.problem;
}

export const problem = load('order-history');
export const starter = readFileSync(problem.starter, 'utf8');
export const solution = (stage: number) => readFileSync(problem.stages[stage - 1]!.solution, 'utf8');
export const BROKEN_YAML = 'regions: [us-east]\nname: "Orders API\ncomponents:\n  api: {kind: service}\n';

const grader = createStageGrader();

export function options(o: Partial<InitOptions> = {}): InitOptions {
  return {
    catalog: [problem],
    progress: emptyProgress(),
    columns: 120,
    rows: 40,
    workDir: '/work/learner/sdcoach-work',
    cwd: '/work/learner',
    reveal: false,
    now: 1_000,
    ...o,
  };
}

/** Applies an event, then answers every grade effect (and those it causes) with a real grade. */
export function step(state: SessionState, event: SessionEvent, at = 2_000): Update<SessionState> {
  let u = update(state, event);
  const effects: Effect[] = [];
  for (;;) {
    effects.push(...u.effects);
    const g = u.effects.find((e): e is Extract<Effect, { type: 'grade' }> => e.type === 'grade');
    if (!g) break;
    const { outcome, ms } = grader(g.problem, g.stage, g.file, g.text);
    u = update(u.state, { type: 'GradeReady', seq: g.seq, outcome, ms, at });
  }
  return { state: u.state, effects };
}

export const key = (name: KeyPress['name'], char?: string): SessionEvent => ({
  type: 'Key',
  key: { name, ...(char !== undefined ? { char } : {}) },
  at: 3_000,
});
export const ch = (c: string): SessionEvent => key('char', c);
export const saved = (text: string | null, source: 'open' | 'watch' | 'editor' = 'watch'): SessionEvent => ({
  type: 'FileChanged',
  file: 'spec',
  source,
  text,
  at: 2_000,
});

/** A session on order-history with the given spec text graded. */
export function opened(text: string = starter, o: Partial<InitOptions> = {}): SessionState {
  const first = init(options({ problem: 'order-history', ...o }));
  return step(first.state, saved(text, 'open')).state;
}

export function progressWith(p: Progress): Partial<InitOptions> {
  return { progress: p };
}
