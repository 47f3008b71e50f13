// problem check: every component the givens name says what kind it is, and the problem's own designs
// (the starter, each stage's reference) give it that kind. The kinds set the bar a renamed or added
// component is held to (specfile/givens.ts classCeilings), so a missing or wrong one lets figures be bought.
import type { SpecPath } from '../specfile/diagnostic.js';
import { readDesign, type DesignReader } from './design-file.js';
import type { Problem } from './problem.js';

export interface GivenKindProblem {
  message: string;
  /** Where to point: the file, and a path inside problem.yaml when it is there. */
  file: string;
  path?: SpecPath;
  stage?: number;
}

/** The components of a spec file and their kinds (empty when it cannot be read: other proofs report that). */
function kindsIn(file: string, read: DesignReader): Map<string, string> {
  const out = new Map<string, string>();
  const comps = read(file)?.components as Record<string, { kind?: unknown }> | undefined;
  if (comps && typeof comps === 'object')
    for (const [id, c] of Object.entries(comps)) if (c && typeof c === 'object' && typeof c.kind === 'string') out.set(id, c.kind);
  return out;
}

export function givenKindProblems(problem: Problem, read: DesignReader = readDesign): GivenKindProblem[] {
  const out: GivenKindProblem[] = [];
  const kinds = new Map<string, string>();
  const named = (comps: Record<string, { kind?: string }> | undefined, at: SpecPath, stage?: number) => {
    for (const [id, g] of Object.entries(comps ?? {})) {
      const before = kinds.get(id);
      if (g.kind === undefined) {
        if (before === undefined)
          out.push({
            file: problem.file,
            path: [...at, id],
            ...(stage ? { stage } : {}),
            message: `givens name ${id} without its kind: add kind (the kind the starter and the references give it), so a component a learner renames or adds is held to the best figures of its kind`,
          });
        continue;
      }
      if (before !== undefined && before !== g.kind)
        out.push({ file: problem.file, path: [...at, id, 'kind'], ...(stage ? { stage } : {}), message: `givens give ${id} kind ${g.kind} here and ${before} before: a component keeps its kind` });
      kinds.set(id, g.kind);
    }
  };
  named(problem.givens?.components, ['givens', 'components']);
  for (const s of problem.stages) named(s.givens?.components, [...s.path, 'givens', 'components'], s.number);
  const designs = [{ file: problem.starter, what: 'the starter' }, ...problem.stages.map((s) => ({ file: s.solution, what: `stage ${s.number}'s reference` }))];
  const seen = new Set<string>();
  for (const d of designs) {
    if (seen.has(d.file)) continue;
    seen.add(d.file);
    for (const [id, kind] of kindsIn(d.file, read)) {
      const given = kinds.get(id);
      if (given !== undefined && given !== kind)
        out.push({ file: d.file, message: `${d.what} declares ${id} a ${kind}, but the givens say ${given}: make them agree (the kind decides which components a renamed one is held to)` });
    }
  }
  return out;
}
