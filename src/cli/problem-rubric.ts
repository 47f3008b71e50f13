// Finds the rubric of a catalog problem's stage. The catalog arrives with the problems issue;
// until a problem exists, naming one is a usage error that lists what is available.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadRubricFile, type Rubric } from '../grading/rubric.js';
import { formatDiagnostic } from '../spec/diagnostic.js';
import { closestMatch } from '../spec/suggest.js';

const PROBLEMS_DIR = fileURLToPath(new URL('../../problems/', import.meta.url));

export function rubricForProblem(problem: string, stage: number): { rubric: Rubric } | { error: string[] } {
  const ids = existsSync(PROBLEMS_DIR) ? readdirSync(PROBLEMS_DIR).filter((d) => existsSync(`${PROBLEMS_DIR}${d}/problem.yaml`)) : [];
  if (!ids.includes(problem)) {
    const guess = closestMatch(problem, ids);
    return { error: [`unknown problem "${problem}"${guess ? `: did you mean "${guess}"?` : ''}${ids.length ? ` (available: ${ids.join(', ')})` : ' (the catalog is empty)'}`] };
  }
  const file = `${PROBLEMS_DIR}${problem}/rubric-stage-${stage}.yaml`;
  if (!existsSync(file)) return { error: [`problem "${problem}" has no stage ${stage}`] };
  const r = loadRubricFile(file);
  return r.ok ? { rubric: r.rubric } : { error: r.diagnostics.map(formatDiagnostic) };
}
