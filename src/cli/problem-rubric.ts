// Finds the rubric of a catalog problem's stage (with earlier stages' must-pass checks carried over).
import type { Rubric } from '../grading/rubric.js';
import { findProblem } from '../problems/catalog.js';
import { stageRubric } from '../problems/stage-rubric.js';
import { formatDiagnostic } from '../specfile/diagnostic.js';

export function rubricForProblem(problem: string, stage: number, catalogs: string[]): { rubric: Rubric } | { error: string[] } {
  const found = findProblem(problem, catalogs);
  if (!found.ok) return { error: found.diagnostics.map(formatDiagnostic) };
  // A stage the problem does not have is a mistake on the command line (or in the spec's `stage:`), not in the problem file.
  const n = found.problem.stages.length;
  if (!found.problem.stages.some((s) => s.number === stage))
    return {
      error: [
        `sdcoach: stage ${stage}: problem "${problem}" has ${n === 1 ? 'only stage 1' : `stages 1-${n}`} (--stage, or the spec's stage:)`,
      ],
    };
  const r = stageRubric(found.problem, stage);
  return r.ok ? { rubric: r.rubric } : { error: r.diagnostics.map(formatDiagnostic) };
}
