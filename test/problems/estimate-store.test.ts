// The build stores the shipped catalog's estimate references (src/problems/estimate-store.ts) so that grading
// against a problem does not load mathjs: the store must hold exactly what estimateReferences computes from the
// current sources, and nothing for inputs it was not built from.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { estimateReferences } from '../../src/problems/estimate.js';
import { referencesKey, storedReferences } from '../../src/problems/estimate-store.js';
import { loadCatalog, SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Built by `npm test` (npm run build) before the tests run.
const STORE = join(ROOT, 'dist/problems/estimate-references.json');

const catalog = loadCatalog([SHIPPED_PROBLEMS]);
if (catalog.errors.length) throw new Error(catalog.errors.join('\n'));
const estimateStages = catalog.problems.flatMap((problem) => problem.stages.filter((s) => s.estimate).map((s) => ({ problem, estimate: s.estimate! })));

describe('stored estimate references', () => {
  it('hold what estimateReferences computes now, for every estimate stage of the shipped catalog', () => {
    expect(estimateStages.length).toBeGreaterThanOrEqual(30);
    for (const { problem, estimate } of estimateStages) {
      const stored = storedReferences(estimate.facts, estimate.quantities, problem.difficulty, STORE);
      expect(stored, `${problem.id}: nothing stored (npm run build)`).toBeDefined();
      expect(stored, problem.id).toEqual(estimateReferences(estimate.facts, estimate.quantities, problem.difficulty));
    }
  });

  it('hold nothing for other facts, quantities or difficulty: those are computed', () => {
    const { problem, estimate } = estimateStages[0]!;
    const [name, fact] = Object.entries(estimate.facts)[0]!;
    const facts = { ...estimate.facts, [name]: { ...fact, value: `${String(fact.value)} ` } };
    expect(referencesKey(facts, estimate.quantities, problem.difficulty)).not.toBe(referencesKey(estimate.facts, estimate.quantities, problem.difficulty));
    expect(storedReferences(facts, estimate.quantities, problem.difficulty, STORE)).toBeUndefined();
    const [q, spec] = Object.entries(estimate.quantities)[0]!;
    expect(storedReferences(estimate.facts, { ...estimate.quantities, [q]: { ...spec, tolerance: 7 } }, problem.difficulty, STORE)).toBeUndefined();
    const other = problem.difficulty === 'staff' ? 'warm-up' : 'staff';
    expect(storedReferences(estimate.facts, estimate.quantities, other, STORE)).toBeUndefined();
  });

  it('are copies: changing one does not change the next', () => {
    const { problem, estimate } = estimateStages[0]!;
    const a = storedReferences(estimate.facts, estimate.quantities, problem.difficulty, STORE)!;
    if (!a.ok) throw new Error('stored an error');
    const first = Object.keys(a.references)[0]!;
    a.references[first]!.value = -1;
    const b = storedReferences(estimate.facts, estimate.quantities, problem.difficulty, STORE)!;
    expect(b.ok && b.references[first]!.value).toBeGreaterThan(0);
  });

  it('a missing, malformed or foreign store is no store', () => {
    const { problem, estimate } = estimateStages[0]!;
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-store-'));
    try {
      writeFileSync(join(dir, 'broken.json'), '{"not json');
      for (const file of [join(dir, 'no-such-store.json'), join(dir, 'broken.json'), join(ROOT, 'package.json')])
        expect(storedReferences(estimate.facts, estimate.quantities, problem.difficulty, file), file).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
