// The estimate stage in the practice session's results: each quantity with ✓/✗, and the accepted
// range and derivation once the answer is in range or the hints are spent.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeLoaded } from '../../src/grading/grade.js';
import { SHIPPED_PROBLEMS } from '../../src/problems/catalog.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageRubric } from '../../src/problems/stage-rubric.js';
import { loadSpecFile } from '../../src/spec/load.js';
import { estimateLines } from '../../src/tui/view/results.js';

const dir = join(SHIPPED_PROBLEMS, 'url-shortener');
const problem = (() => {
  const r = loadProblem(dir);
  if (!r.ok) throw new Error('url-shortener does not load');
  return r.problem;
})();

function estimateCheck(file: string) {
  const loaded = loadSpecFile(join(dir, file));
  const rubric = stageRubric(problem, 1);
  if (!loaded.ok || !rubric.ok) throw new Error('does not load');
  return gradeLoaded(loaded.loaded, rubric.rubric).checks.find((c) => c.id === 'estimation/quantities')!;
}
const text = (lines: { text: string }[][]) => lines.map((l) => l.map((s) => s.text).join(''));

describe('estimateLines', () => {
  const check = estimateCheck('fixtures/estimate-no-peak-factor.yaml');

  it('marks each quantity and shows the range and derivation only where earned', () => {
    const t = text(estimateLines(check, 100, false));
    expect(t).toContain('  ✗ peak_clicks_per_s = 8.1k/s');
    expect(t).toContain('  ✓ storage_per_year = 1.3 TB');
    // storage is in range: 7M × 365.25 × 500 B = 1.278 TB, accepted 1.278 / 2 = 0.639 to × 2 = 2.56
    expect(t).toContain('    accepted 0.639 to 2.56 TB');
    // the peak rate is not: no range, no derivation, a hint instead
    expect(t.join('\n')).not.toContain('accepted 20,255');
    expect(t.join('\n')).toMatch(/hint: Walk through the facts/);
  });

  it('shows every range and derivation once the hints are spent', () => {
    const t = text(estimateLines(check, 100, true)).join('\n');
    // 50M × 14 / 86,400 × 5 = 40,509 req/s: accepted 20,255 to 81,019
    expect(t).toContain('accepted 20,255 to 81,019 req/s');
    expect(t).toContain('derivation: 50M users × 14 clicks = 700M clicks a day');
  });
});
