// A stage's must-pass check that judges its reference fails a design it finds nothing to judge in: relabelling a
// card charge `side_effect: false` switched reliability/idempotent-retries off and the stage passed (review attack).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeLoaded } from '../../src/grading/grade.js';
import { defaultRubric } from '../../src/grading/rubric.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageRubric } from '../../src/problems/stage-rubric.js';
import { loadSpecText } from '../../src/specfile/load.js';

const DIR = join(import.meta.dirname, '..', '..', 'problems', 'payments-failover');
const REFERENCE = join(DIR, 'solutions', 'stage-1.yaml'); // the stage-2 reference (stage 1 is the estimate)
const text = readFileSync(REFERENCE, 'utf8');
const KEYED = '- {to: card-network, idempotency_key: {store: payments-db, from: client}}';
const relabelled = text.replace(KEYED, '- {to: card-network, side_effect: false}');

const p = loadProblem(DIR);
if (!p.ok) throw new Error(p.diagnostics.map((d) => d.message).join('; '));
const built = stageRubric(p.problem, 2);
if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join('; '));
const rubric = built.rubric;

function grade(source: string, r = rubric) {
  const loaded = loadSpecText('spec.yaml', source);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return gradeLoaded(loaded.loaded, r);
}
const check = (report: ReturnType<typeof grade>, id: string) => report.checks.find((c) => c.id === id)!;

describe("a must-pass check that judges the stage's reference", () => {
  it('judges the reference itself: it passes there', () => {
    expect(text).toContain(KEYED);
    const report = grade(text);
    expect(report.passed).toBe(true);
    expect(check(report, 'reliability/idempotent-retries').status).toBe('pass');
  });

  it('fails a design that relabels the side effect away, and says why', () => {
    const report = grade(relabelled);
    const c = check(report, 'reliability/idempotent-retries');
    expect(c.status).toBe('fail');
    expect(c.message).toMatch(/^finds nothing to judge in this design, though this stage's reference is graded by it/);
    expect(report.mustPassFailed).toContain('reliability/idempotent-retries');
    expect(report.passed).toBe(false);
  });

  it('does not apply, as before, outside the problem', () => {
    expect(check(grade(relabelled, defaultRubric()), 'reliability/idempotent-retries')?.status ?? 'n/a').toBe('n/a');
  });

  it("leaves out the guards every stage carries, which say nothing about most designs", () => {
    const judged = rubric.judgesReference!();
    expect(judged.has('reliability/idempotent-retries')).toBe(true);
    // honest-figures judges every reference (it always has a finding) but is not the stage's subject
    expect(check(grade(text), 'design/honest-figures').status).toBe('pass');
    expect(judged.has('design/honest-figures')).toBe(false);
  });
});
