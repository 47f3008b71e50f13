// problem check: a figure the problem's own designs state for a component (its processing time, capacity, threads,
// hit ratio) is a fact of the scenario, so the givens fix it, for that component or its kind. A figure only a design
// states is one a learner restates at will: order-history's gateway at 2,000 threads, given nowhere, let a spec
// state more; pastebin's cache "answering 80%" was the hint's word and a spec's 99 % passed (review attack).
import { readDesign, type DesignReader } from './design-file.js';
import type { Problem } from './problem.js';
import { stageGivens } from './stage-rubric.js';

export interface GivenFigureProblem {
  message: string;
  /** The design that states the figure. */
  file: string;
  stage?: number;
}

/** The figures a component's givens may fix, as a spec writes them. */
export const GIVEN_FIGURE_FIELDS = ['latency_ms', 'write_latency_ms', 'capacity_rps', 'write_capacity_rps', 'threads', 'hit_ratio'] as const;

type Components = Record<string, Record<string, unknown>>;

function componentsOf(file: string, read: DesignReader): Components {
  const comps = read(file)?.components;
  return comps && typeof comps === 'object' ? (comps as Components) : {};
}

export function givenFigureProblems(problem: Problem, read: DesignReader = readDesign): GivenFigureProblem[] {
  const out: GivenFigureProblem[] = [];
  const seen = new Set<string>();
  for (const stage of problem.stages) {
    if (stage.estimate) continue;
    const givens = stageGivens(problem, stage.number);
    const designs = [
      { file: problem.starter, what: 'the starter' },
      { file: stage.solution, what: `stage ${stage.number}'s reference` },
    ];
    for (const d of designs) {
      for (const [id, c] of Object.entries(componentsOf(d.file, read))) {
        if (!c || typeof c !== 'object' || c.kind === 'client') continue;
        const kind = typeof c.kind === 'string' ? c.kind : undefined;
        const own = givens?.components && Object.hasOwn(givens.components, id) ? givens.components[id] : undefined;
        const ofKind = kind !== undefined && givens?.kinds && Object.hasOwn(givens.kinds, kind) ? givens.kinds[kind] : undefined;
        for (const f of GIVEN_FIGURE_FIELDS) {
          if (c[f] === undefined || own?.[f] !== undefined || ofKind?.[f] !== undefined) continue;
          // Each figure once, at the first design and stage that states it without a given.
          const key = `${id}.${f}`;
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({
            file: d.file,
            stage: stage.number,
            message: `${d.what} states ${id}'s ${f} (${JSON.stringify(c[f])}), but no given fixes it: add it to givens.components.${id} (or givens.kinds.${kind ?? '<kind>'}), or a spec restates it at will`,
          });
        }
      }
    }
  }
  return out;
}
