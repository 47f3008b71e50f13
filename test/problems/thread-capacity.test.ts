// Every reference solution in the catalog has the threads its traffic holds (scalability/thread-capacity),
// whether or not its stage's rubric grades it: no reference may teach a design whose threads run out.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import threadCapacity from '../../src/checks/scalability/thread-capacity.js';
import { fillTemplate } from '../../src/checks/types.js';
import { scanCatalogs, SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem } from '../../src/problems/problem.js';
import { loadSpecFile } from '../../src/specfile/load.js';

const { entries } = scanCatalogs([SHIPPED_PROBLEMS]);

describe('reference solutions have the threads their traffic holds', () => {
  for (const entry of entries) {
    const loaded = loadProblem(entry.dir);
    if (!loaded.ok) continue;
    // An estimate stage's solution is the starter with numbers written under estimates: not a design.
    for (const stage of loaded.problem.stages.filter((s) => s.kind !== 'estimate')) {
      it(`${entry.id} stage ${stage.number}`, () => {
        const spec = loadSpecFile(stage.solution);
        if (!spec.ok) throw new Error(`${stage.solution} does not load`);
        const model = spec.loaded.model;
        const findings = threadCapacity.run({ model, metrics: analyse(model), options: threadCapacity.meta.defaults });
        expect(findings.filter((f) => f.status !== 'pass').map((f) => fillTemplate(threadCapacity.meta.messages[f.messageId]!, f.data))).toEqual([]);
      });
    }
  }
});
