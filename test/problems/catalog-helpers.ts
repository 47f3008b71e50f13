// Shared by the catalog problems' tests: the problem, a stage's reference solution as the model the grader
// sees (the stage's givens applied), and a drill run on it.
import { join } from 'node:path';
import { runDrill } from '../../src/analysis/drills/run.js';
import { parseScenario } from '../../src/analysis/drills/scenario.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem, type Problem } from '../../src/problems/problem.js';
import { stageGivens } from '../../src/problems/stage-rubric.js';
import { loadSpecFile, withGivens } from '../../src/specfile/load.js';

export function catalogProblem(id: string) {
  const dir = join(SHIPPED_PROBLEMS, id);
  const loaded = loadProblem(dir);
  if (!loaded.ok) throw new Error(`${id} does not load`);
  const problem: Problem = loaded.problem;
  /** solutions/stage-N.yaml with the stage's givens. */
  const model = (stage: number) => {
    const spec = loadSpecFile(join(dir, 'solutions', `stage-${stage}.yaml`));
    if (!spec.ok) throw new Error(`stage ${stage} does not load`);
    return withGivens(spec.loaded, stageGivens(problem, stage)).model;
  };
  const drill = (stage: number, text: string) => {
    const s = parseScenario(text);
    if (!s.ok) throw new Error(s.message);
    return runDrill(model(stage), [s.scenario]);
  };
  return { dir, problem, model, drill };
}
