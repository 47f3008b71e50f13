// The rubric a stage is graded by: its own rubric (a file, a rubric id or inline data) plus the
// must-pass checks and assertions of every earlier stage, so a follow-up cannot silently break
// what was already right.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildRubric, loadRubricFile, RUBRICS_DIR, type Rubric } from '../grading/rubric.js';
import type { Diagnostic } from '../spec/diagnostic.js';
import { mergeGivens, type Givens } from '../spec/givens.js';
import type { Problem } from './problem.js';

export type StageRubricResult = { ok: true; rubric: Rubric } | { ok: false; diagnostics: Diagnostic[] };

export function rubricSearchDirs(problem: Problem): string[] {
  return [problem.dir, join(problem.catalog, 'rubrics'), resolve(problem.catalog, '..', 'rubrics'), RUBRICS_DIR].filter((d, i, all) => all.indexOf(d) === i);
}

/** The stage's own rubric, without carry-over. */
export function ownStageRubric(problem: Problem, stageNumber: number): StageRubricResult {
  const stage = problem.stages[stageNumber - 1];
  if (!stage) return { ok: false, diagnostics: [{ file: problem.file, message: `problem "${problem.id}" has no stage ${stageNumber} (it has ${problem.stages.length})`, code: 'unknown-stage', severity: 'error' }] };
  const dirs = rubricSearchDirs(problem);
  const at = [...stage.path, 'rubric'];
  if (typeof stage.rubric === 'string') {
    const ref = stage.rubric;
    let file: string | undefined;
    if (/\.ya?ml$/.test(ref)) {
      const abs = resolve(problem.dir, ref);
      const root = resolve(problem.catalog, '..');
      if (abs.startsWith(`${root}/`) && existsSync(abs)) file = abs;
    } else {
      file = dirs.map((d) => join(d, `${ref}.yaml`)).find((f) => existsSync(f));
    }
    if (!file) {
      const pos = problem.locate(at);
      return { ok: false, diagnostics: [{ file: problem.file, ...(pos ?? {}), message: `stage ${stageNumber} names rubric "${ref}", which was not found (a .yaml path inside the catalog, or an id in ${dirs.join(', ')})`, code: 'unknown-rubric', severity: 'error' }] };
    }
    return loadRubricFile(file, dirs);
  }
  const raw = { id: `${problem.id}-stage-${stageNumber}`, title: `${problem.title}, stage ${stageNumber}`, ...stage.rubric } as Parameters<typeof buildRubric>[1];
  return buildRubric(problem.file, raw, problem.locate, dirs, new Set(), at);
}

export function stageRubric(problem: Problem, stageNumber: number): StageRubricResult {
  const own = ownStageRubric(problem, stageNumber);
  if (!own.ok) return own;
  const rubric: Rubric = { ...own.rubric, checks: [...own.rubric.checks], assertions: [...own.rubric.assertions] };
  const disabled = new Set(own.rubric.disabled ?? []);
  for (let k = stageNumber - 1; k >= 1; k--) {
    const earlier = ownStageRubric(problem, k);
    if (!earlier.ok) return earlier;
    for (const id of earlier.rubric.disabled ?? []) disabled.add(id);
    for (const c of earlier.rubric.checks) {
      if (c.mustPass && !rubric.checks.some((x) => x.id === c.id)) rubric.checks.push({ ...c });
    }
    for (const a of earlier.rubric.assertions) {
      if (a.mustPass && !rubric.assertions.some((x) => x.id === a.id)) rubric.assertions.push({ ...a });
    }
  }
  // design/honest-figures is must-pass in every stage unless a stage lists it (must_pass false, options) or disables it.
  if (!disabled.has(HONEST_FIGURES) && !rubric.checks.some((c) => c.id === HONEST_FIGURES)) rubric.checks.push({ id: HONEST_FIGURES, weight: 1, mustPass: true, options: {} });
  const givens = stageGivens(problem, stageNumber);
  if (givens) rubric.givens = givens;
  return { ok: true, rubric };
}

/** The check every catalog stage carries by default (mentors relax it in a stage's rubric). */
export const HONEST_FIGURES = 'design/honest-figures';

/** The problem's givens with every stage's changes up to this one applied. */
export function stageGivens(problem: Problem, stageNumber: number): Givens | undefined {
  let g = problem.givens;
  for (const s of problem.stages.slice(0, stageNumber)) g = mergeGivens(g, s.givens);
  return g;
}
