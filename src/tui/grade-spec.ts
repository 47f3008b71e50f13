// Grades the text of a learner's spec against a problem stage's rubric (carried-over must-pass
// checks included). Rubrics are loaded once per stage. Never throws: a failure of sdcoach itself
// comes back as an outcome the results panel can show.
import { gradeLoaded } from '../grading/grade.js';
import type { Rubric } from '../grading/rubric.js';
import type { Problem } from '../problems/problem.js';
import { stageRubric, type StageRubricResult } from '../problems/stage-rubric.js';
import { formatDiagnostic } from '../specfile/diagnostic.js';
import { loadSpecText } from '../specfile/load.js';
import type { GradeOutcome } from './events.js';

export type StageGrader = (problem: Problem, stage: number, file: string, text: string) => { outcome: GradeOutcome; ms: number };

export function createStageGrader(): StageGrader {
  const rubrics = new Map<string, StageRubricResult>();
  return (problem, stage, file, text) => {
    const t0 = performance.now();
    const outcome = gradeOnce(rubrics, problem, stage, file, text);
    return { outcome, ms: performance.now() - t0 };
  };
}

function gradeOnce(rubrics: Map<string, StageRubricResult>, problem: Problem, stage: number, file: string, text: string): GradeOutcome {
  return guarded(file, () => {
    const key = `${problem.dir}\u0000${stage}`;
    let rubric = rubrics.get(key);
    if (!rubric) {
      rubric = stageRubric(problem, stage);
      rubrics.set(key, rubric);
    }
    if (!rubric.ok) return { kind: 'rubric-error', messages: rubric.diagnostics.map(formatDiagnostic) };
    return gradeText(file, text, rubric.rubric, { problem: problem.id, stage });
  });
}

/** Loads the spec's text and grades it against a rubric: the report, or the diagnostics of an invalid spec. */
export function gradeText(file: string, text: string, rubric: Rubric, context: { problem: string; stage: number }): GradeOutcome {
  const loaded = loadSpecText(file, text);
  if (!loaded.ok) return { kind: 'invalid', diagnostics: loaded.diagnostics };
  return { kind: 'report', report: gradeLoaded(loaded.loaded, rubric, context), loaded: loaded.loaded };
}

/** Runs a grading step; a failure of sdcoach itself comes back as an outcome the screen can show. */
export function guarded(file: string, grade: () => GradeOutcome): GradeOutcome {
  try {
    return grade();
  } catch (err) {
    return {
      kind: 'invalid',
      diagnostics: [
        {
          file,
          message: `internal error while grading: ${(err as Error).message} (please report this)`,
          code: 'internal-error',
          severity: 'error',
        },
      ],
    };
  }
}
