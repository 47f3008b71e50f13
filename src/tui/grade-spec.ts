// Grades the text of a learner's spec against a problem stage's rubric (carried-over must-pass
// checks included). Rubrics are loaded once per stage. Never throws: a failure of sdcoach itself
// comes back as an outcome the results panel can show.
import { gradeLoaded } from '../grading/grade.js';
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
  try {
    const key = `${problem.dir}\u0000${stage}`;
    let rubric = rubrics.get(key);
    if (!rubric) {
      rubric = stageRubric(problem, stage);
      rubrics.set(key, rubric);
    }
    if (!rubric.ok) return { kind: 'rubric-error', messages: rubric.diagnostics.map(formatDiagnostic) };
    const loaded = loadSpecText(file, text);
    if (!loaded.ok) return { kind: 'invalid', diagnostics: loaded.diagnostics };
    const report = gradeLoaded(loaded.loaded, rubric.rubric, { problem: problem.id, stage });
    return { kind: 'report', report, loaded: loaded.loaded };
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
