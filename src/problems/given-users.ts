// problem check: where the users are is a fact of the traffic, so every design stage's givens fix `users`, and to
// the shares its reference design states. Without it a spec restated the shares (typeahead's 70/30 as 50/50) and
// was sized for traffic that does not exist; givens.users is what resolve.ts grades with, whatever the spec says.
import type { SpecPath } from '../specfile/diagnostic.js';
import { readDesign, type DesignReader } from './design-file.js';
import type { Problem } from './problem.js';
import { stageGivens } from './stage-rubric.js';

export interface GivenUsersProblem {
  message: string;
  file: string;
  /** Where in problem.yaml to point. */
  path: SpecPath;
  stage: number;
}

/** The users a design file states (its regions shared evenly when it states none), or undefined when it is not a design. */
function usersOf(file: string, read: DesignReader): Record<string, number> | undefined {
  const doc = read(file);
  if (!doc?.components) return undefined;
  if (doc.users && typeof doc.users === 'object') return doc.users as Record<string, number>;
  const regions = Array.isArray(doc.regions) ? (doc.regions as unknown[]) : [];
  return regions.length ? Object.fromEntries(regions.map((r) => [String(r), 1 / regions.length])) : undefined;
}

const show = (u: Record<string, number>) => `{${Object.entries(u).map(([r, s]) => `${r}: ${Number(s.toFixed(4))}`).join(', ')}}`;

function same(a: Record<string, number>, b: Record<string, number>): boolean {
  const regions = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...regions].every((r) => Math.abs((a[r] ?? 0) - (b[r] ?? 0)) <= 1e-9);
}

export function givenUsersProblems(problem: Problem, read: DesignReader = readDesign): GivenUsersProblem[] {
  const out: GivenUsersProblem[] = [];
  for (const stage of problem.stages) {
    if (stage.estimate) continue;
    const stated = usersOf(stage.solution, read);
    if (!stated) continue;
    const given = stageGivens(problem, stage.number)?.users;
    const at = { file: problem.file, path: stage.path, stage: stage.number };
    if (!given)
      out.push({
        ...at,
        message: `stage ${stage.number}'s reference puts the users at ${show(stated)}, but no givens fix them: add users to givens (the problem's, or this stage's where they move), or a spec restates the shares and is sized for traffic that does not exist`,
      });
    else if (!same(given, stated))
      out.push({
        ...at,
        message: `stage ${stage.number}'s reference puts the users at ${show(stated)}, its givens at ${show(given)}: make them agree (specs are graded with the givens)`,
      });
  }
  return out;
}
