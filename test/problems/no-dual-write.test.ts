// No reference solution in the catalog writes a store and a stream in one request (cqrs/no-dual-write,
// event-sourcing/no-dual-write), whether or not its stage's rubric grades it: a reference must not teach
// the design that loses events when the process dies between the two writes.
import { describe, expect, it } from 'vitest';
import { analyse } from '../../src/analysis/analyse.js';
import cqrsNoDualWrite from '../../src/checks/cqrs/no-dual-write.js';
import esNoDualWrite from '../../src/checks/event-sourcing/no-dual-write.js';
import { fillTemplate } from '../../src/checks/types.js';
import { scanCatalogs, SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem } from '../../src/problems/problem.js';
import { loadSpecFile } from '../../src/specfile/load.js';

const { entries } = scanCatalogs([SHIPPED_PROBLEMS]);

describe('reference solutions make no dual write', () => {
  for (const entry of entries) {
    const loaded = loadProblem(entry.dir);
    if (!loaded.ok) continue;
    for (const stage of loaded.problem.stages) {
      it(`${entry.id} stage ${stage.number}`, () => {
        const spec = loadSpecFile(stage.solution);
        if (!spec.ok) throw new Error(`${stage.solution} does not load`);
        const model = spec.loaded.model;
        const metrics = analyse(model);
        const failing = [cqrsNoDualWrite, esNoDualWrite].flatMap((check) =>
          check.run({ model, metrics, options: check.meta.defaults }).filter((f) => f.status !== 'pass').map((f) => `${check.meta.id}: ${fillTemplate(check.meta.messages[f.messageId]!, f.data)}`),
        );
        expect(failing).toEqual([]);
      });
    }
  }
});
