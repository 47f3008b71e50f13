// Finds the rubric of a catalog problem's stage (with earlier stages' must-pass checks carried over).
import type { Rubric } from '../grading/rubric.js';
import { findProblem } from '../problems/catalog.js';
import { stageRubric } from '../problems/stage-rubric.js';
import { formatDiagnostic } from '../spec/diagnostic.js';

export function rubricForProblem(problem: string, stage: number, catalogs: string[]): { rubric: Rubric } | { error: string[] } {
  const found = findProblem(problem, catalogs);
  if (!found.ok) return { error: found.diagnostics.map(formatDiagnostic) };
  const r = stageRubric(found.problem, stage);
  return r.ok ? { rubric: r.rubric } : { error: r.diagnostics.map(formatDiagnostic) };
}
