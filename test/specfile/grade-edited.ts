// A shipped stage's reference, edited into a learner's design (an attack, a variant), graded against that stage.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { gradeWithMetrics } from '../../src/grading/grade.js';
import { analyse } from '../../src/analysis/analyse.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageRubric } from '../../src/problems/stage-rubric.js';
import { loadSpecText, withGivens } from '../../src/specfile/load.js';

/**
 * `solution` is the reference's file name (stage-2.yaml); `failing` holds design/honest-figures' failing messages,
 * `failingIn(check)` any check's.
 */
export function gradeEdited(id: string, solution: string, edit: (text: string) => string) {
  const dir = join(SHIPPED_PROBLEMS, id);
  const loaded = loadProblem(dir);
  if (!loaded.ok) throw new Error(`${id} does not load`);
  const stage = loaded.problem.stages.findIndex((s) => s.solution?.endsWith(`solutions/${solution}`)) + 1;
  expect(stage).toBeGreaterThan(0);
  const rubric = stageRubric(loaded.problem, stage);
  if (!rubric.ok) throw new Error('no rubric');
  const text = edit(readFileSync(join(dir, 'solutions', solution), 'utf8'));
  const spec = loadSpecText(join(dir, 'solutions', `edited-${solution}`), text);
  if (!spec.ok) throw new Error(spec.diagnostics.map((d) => d.message).join('\n'));
  // As gradeLoaded does, keeping the model and metrics the grade read.
  const graded = withGivens(spec.loaded, rubric.rubric.givens);
  const metrics = analyse(graded.model);
  const report = gradeWithMetrics(graded, metrics, rubric.rubric);
  const honest = report.checks.find((c) => c.id === 'design/honest-figures')!;
  return {
    report,
    model: graded.model,
    metrics,
    honest,
    failing: honest.findings.filter((f) => f.status === 'fail').map((f) => f.message),
    failingIn: (check: string) =>
      (report.checks.find((c) => c.id === check)?.findings ?? []).filter((f) => f.status === 'fail').map((f) => f.message),
  };
}
