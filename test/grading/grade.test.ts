import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gradeLoaded } from '../../src/grading/grade.js';
import { loadRubricFile, loadRubricText, type Rubric } from '../../src/grading/rubric.js';
import { loadSpecText } from '../../src/specfile/load.js';

const dir = join(import.meta.dirname, 'fixtures');
const load = (f: string) => {
  const r = loadSpecText(f, readFileSync(join(dir, f), 'utf8'));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.loaded;
};
const rubric = (f: string): Rubric => {
  const r = loadRubricFile(join(dir, f));
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r.rubric;
};

describe('gradeLoaded', () => {
  it('scores by weight, fails a must-pass check, and evaluates assertions', () => {
    const report = gradeLoaded(load('two-flows.yaml'), rubric('latency-only.yaml'));
    const byId = Object.fromEntries(report.checks.map((c) => [c.id, c]));
    // flow-budget fails (write p99 from eu-west: 0.5 + 30 + 82 + 15 = 127.5 > 100) with weight 2,
    // read-fast holds (weight 1), ratio 100/10 = 10 < 100 fails (weight 1): 1 of 4 = 25.
    expect(byId['latency/flow-budget']!.status).toBe('fail');
    expect(byId['assert/read-fast']!.status).toBe('pass');
    expect(byId['assert/ratio']!.status).toBe('fail');
    expect(report.score).toBe(25);
    expect(report.passed).toBe(false);
    expect(report.mustPassFailed).toEqual(['latency/flow-budget']);
    expect(byId['latency/flow-budget']!.location).toMatchObject({ line: 10, path: 'flows.write.budget_ms.p99' });
    expect(byId['latency/flow-budget']!.message).toContain(
      'the largest part is 82 ms (64% of the 127.5 ms), the round trip eu-west -> us-east to db',
    );
    expect(byId['assert/ratio']!.message).toBe('read:write must be at least 100:1');
  });

  it('passes when every weighted check passes, and leaves checks that do not apply out of the score', () => {
    const r = loadRubricText('inline.yaml', 'checks:\n  latency/flow-budget: true\n');
    if (!r.ok) throw new Error('rubric');
    const spec = loadSpecText('s.yaml', 'regions: [us-east]\ncomponents:\n  api: {kind: service}\n');
    if (!spec.ok) throw new Error('spec');
    const report = gradeLoaded(spec.loaded, r.rubric);
    expect(report.checks[0]!.status).toBe('n/a');
    expect(report.score).toBe(0);
    expect(report.passed).toBe(false);
  });

  it('honours --min-score', () => {
    const r = loadRubricText('inline.yaml', 'pass_mark: 10\nchecks:\n  latency/flow-budget: true\n');
    if (!r.ok) throw new Error('rubric');
    const spec = loadSpecText(
      's.yaml',
      'regions: [us-east]\ncomponents:\n  api: {kind: service}\nflows:\n  f: {kind: read, path: [api], budget_ms: {p99: 500}}\n',
    );
    if (!spec.ok) throw new Error('spec');
    expect(gradeLoaded(spec.loaded, r.rubric).passed).toBe(true);
    expect(gradeLoaded(spec.loaded, r.rubric, { minScore: 101 }).passed).toBe(false);
  });
});

describe('rubric loading', () => {
  it('reports unknown checks with a suggestion, bad options and unparsable expressions at their lines', () => {
    const r = loadRubricFile(join(dir, 'bad-rubric.yaml'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byCode = Object.fromEntries(r.diagnostics.map((d) => [d.code, d]));
    expect(byCode['unknown-check']).toMatchObject({ line: 3, column: 3 });
    expect(byCode['unknown-check']!.message).toContain('did you mean "latency/flow-budget"');
    expect(byCode['schema/too-large']).toMatchObject({ line: 4 });
    expect(byCode['bad-expression']).toMatchObject({ line: 7 });
  });

  it('rejects a rubric that is not valid against its schema', () => {
    const r = loadRubricText('r.yaml', 'checks:\n  latency/flow-budget: {wieght: 2}\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]!.message).toContain('did you mean "weight"');
  });
});
