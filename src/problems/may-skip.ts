// problem check: a stage's may_skip names tiers the given system's flow really passes through. A name the
// starter's flow does not reach (a typo, a flow renamed since) would allow nothing, silently.
import type { SpecPath } from '../specfile/diagnostic.js';
import { pathIds, REQUEST_TIERS } from '../specfile/places.js';
import type { PathStep } from '../specfile/spec-types.js';
import { readDesign, type DesignReader } from './design-file.js';
import type { Problem } from './problem.js';

export interface MaySkipProblem {
  message: string;
  path: SpecPath;
  stage: number;
}

export function maySkipProblems(problem: Problem, read: DesignReader = readDesign): MaySkipProblem[] {
  const out: MaySkipProblem[] = [];
  if (!problem.stages.some((s) => s.maySkip)) return out;
  const starter = read(problem.starter);
  const flows = (starter?.flows ?? {}) as Record<string, { path?: readonly PathStep[] } | undefined>;
  const comps = (starter?.components ?? {}) as Record<string, { kind?: unknown } | undefined>;
  for (const stage of problem.stages) {
    for (const [flow, ids] of Object.entries(stage.maySkip ?? {})) {
      const given = Object.hasOwn(flows, flow) ? flows[flow] : undefined;
      const on = new Set(pathIds(given?.path));
      ids.forEach((id, k) => {
        const kind = Object.hasOwn(comps, id) ? comps[id]?.kind : undefined;
        if (on.has(id) && REQUEST_TIERS.has(String(kind))) return;
        out.push({
          stage: stage.number,
          path: [...stage.path, 'may_skip', flow, k],
          message: given
            ? `may_skip lets ${flow} go without ${id}, but the starter's ${flow} does not pass through a service, gateway or load balancer of that name: it allows nothing`
            : `may_skip names flow ${flow}, which the starter does not have: it allows nothing`,
        });
      });
    }
  }
  return out;
}
