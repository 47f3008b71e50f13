// What every design stage of a catalog problem carries, must-pass, whatever its rubric lists: honest figures, and
// strong reads served by the writer or a current copy (never a cache, a CDN, an async replica or a read model).
// And a cache in a named cache's place keeps that one's given hit ratio (the scenario's 0 for un-given caches is
// not about its reads): review, a renamed links-cache lost url-shortener's stage 2.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gradeLoaded } from '../../src/grading/grade.js';
import { findProblem, SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { EVERY_STAGE_CHECKS, stageRubric } from '../../src/problems/stage-rubric.js';
import { loadSpecText, withGivens } from '../../src/specfile/load.js';

const problem = (id: string) => {
  const p = findProblem(id, [SHIPPED_PROBLEMS]);
  if (!p.ok) throw new Error(`${id} does not load`);
  return p.problem;
};

describe('every design stage', () => {
  it('carries the strong-read checks and honest figures must-pass; an estimate stage does not', () => {
    expect(EVERY_STAGE_CHECKS).toEqual([
      'design/honest-figures',
      'geo/strong-read-source',
      'cqrs/strong-reads-on-write-model',
      'bulkhead/timeouts',
    ]);
    const p = problem('payments-failover');
    for (const s of p.stages) {
      const r = stageRubric(p, s.number);
      if (!r.ok) throw new Error('no rubric');
      const ids = r.rubric.checks.filter((c) => c.mustPass).map((c) => c.id);
      if (s.estimate) expect(ids.some((id) => EVERY_STAGE_CHECKS.includes(id))).toBe(false);
      else for (const id of EVERY_STAGE_CHECKS) expect(ids, `stage ${s.number}`).toContain(id);
    }
  });
});

describe('a renamed cache in a named cache’s place', () => {
  it("keeps the named cache's given hit ratio and passes as the reference does", () => {
    const p = problem('url-shortener');
    const ref = readFileSync(p.stages[1]!.solution, 'utf8');
    const renamed = ref.replace(/links-cache/g, 'url-cache');
    expect(renamed).not.toBe(ref);
    const r = stageRubric(p, 2);
    if (!r.ok) throw new Error('no rubric');
    const loaded = loadSpecText('renamed.yaml', renamed);
    if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
    // links-cache is given hit_ratio 0.9 in url-shortener's problem.yaml
    expect(withGivens(loaded.loaded, r.rubric.givens).model.components['url-cache']!.hitRatio).toBe(0.9);
    const report = gradeLoaded(loaded.loaded, r.rubric);
    expect(report.mustPassFailed).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it("judges a stated timeout's cut-off everywhere, and a missing timeout only where the stage lists the check", () => {
    // typeahead stage 3 (its shards' fan-out) does not list bulkhead/timeouts: it carries the cut-off guard only.
    const t = problem('typeahead');
    const r = stageRubric(t, 3);
    if (!r.ok) throw new Error('no rubric');
    expect(r.rubric.checks.find((c) => c.id === 'bulkhead/timeouts')).toMatchObject({ mustPass: true, options: { cutOffOnly: true } });
    // checkout-bulkhead's stage 3 lists it (timeouts are its subject): the check is whole there.
    const c = stageRubric(problem('checkout-bulkhead'), 3);
    if (!c.ok) throw new Error('no rubric');
    expect(c.rubric.checks.find((x) => x.id === 'bulkhead/timeouts')?.options.cutOffOnly).toBeUndefined();
  });
});
