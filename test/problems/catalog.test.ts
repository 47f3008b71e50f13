// The shipped catalog proves itself: every problem validates, every stage's reference solution
// passes, the starter fails, and every flawed fixture fails the checks it names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scanCatalogs, SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem, type Problem } from '../../src/problems/problem.js';
import { proveProblem } from '../../src/problems/prove.js';
import { formatDiagnostic } from '../../src/specfile/diagnostic.js';

const { entries, diagnostics } = scanCatalogs([SHIPPED_PROBLEMS]);

describe('shipped catalog', () => {
  it('has no id clashes or bad folders', () => {
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  for (const entry of entries) {
    describe(entry.id, () => {
      const loaded = loadProblem(entry.dir);
      it('validates against the problem schema', () => {
        expect(loaded.ok ? [] : loaded.diagnostics.map(formatDiagnostic)).toEqual([]);
      });
      if (!loaded.ok) return;
      const problem: Problem = loaded.problem;
      const proof = proveProblem(problem, { minHints: 3 });
      for (const stage of problem.stages) {
        it(`stage ${stage.number}: ${stage.title}`, () => {
          const bad = proof.results.filter((r) => r.stage === stage.number && !r.ok);
          expect(bad.map((r) => `${r.kind} ${r.file}: ${r.message}`)).toEqual([]);
          expect(stage.fixtures.length, 'at least two flawed fixtures per stage').toBeGreaterThanOrEqual(2);
          // A file's own stage: line is what `sdcoach grade` uses: it must name the stage it is listed under.
          for (const file of [stage.solution, ...stage.fixtures.map((f) => f.file)]) {
            const line = /^stage:\s*(\d+)\s*$/m.exec(readFileSync(file, 'utf8'))?.[1];
            if (line !== undefined) expect(Number(line), `${file} says stage: ${line}`).toBe(stage.number);
          }
        });
      }
    });
  }
});
