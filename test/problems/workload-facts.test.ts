// Facts of the workload the stage's reference states are the prompt's: a spec states them no lower. bank-ledger's
// merchant accounts hold 50,000 events; stated as 400 with no snapshots, the replay passed (review attack).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeLoaded } from '../../src/grading/grade.js';
import { loadProblem } from '../../src/problems/problem.js';
import { stageRubric } from '../../src/problems/stage-rubric.js';
import { loadSpecText } from '../../src/specfile/load.js';

const DIR = join(import.meta.dirname, '..', '..', 'problems', 'bank-ledger');
const text = readFileSync(join(DIR, 'solutions', 'stage-3.yaml'), 'utf8'); // stage 4's reference
const p = loadProblem(DIR);
if (!p.ok) throw new Error('bank-ledger does not load');
const built = stageRubric(p.problem, 4);
if (!built.ok) throw new Error('no rubric');

function grade(source: string) {
  const loaded = loadSpecText('spec.yaml', source);
  if (!loaded.ok) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return gradeLoaded(loaded.loaded, built.ok ? built.rubric : (undefined as never));
}

describe("the reference's workload facts", () => {
  it('hold an understated event history to the prompt, and honest-figures names it', () => {
    const shortened = text
      .replace('max_events_per_aggregate: 50000', 'max_events_per_aggregate: 400')
      .replace('snapshot_every: 250 ', 'snapshot_every: 1000000 ');
    expect(shortened).not.toBe(text);
    const report = grade(shortened);
    // graded with 50,000 events and no snapshot in reach: 50,000 x 0.04 ms = 2,000 ms to load, budget 20 ms
    expect(report.metrics.replay?.maxEventsPerAggregate).toBe(50_000);
    expect(report.metrics.replay?.replayMs).toBeCloseTo(50_000 * 0.04, 6);
    expect(report.passed).toBe(false);
    const honest = report.checks.find((c) => c.id === 'design/honest-figures')!;
    expect(honest.findings.map((f) => f.message)).toContain(
      "event sourcing max_events_per_aggregate is 50,000 in this problem (the stage's prompt); your spec says 400: graded with 50,000",
    );
  });

  it('leave the reference as it is', () => {
    const report = grade(text);
    expect(report.passed).toBe(true);
    expect(report.metrics.replay?.maxEventsPerAggregate).toBe(50_000);
  });
});
