// Hostile assertions must end: a catastrophic-backtracking regex, nested macros and string growth
// each hit a budget and come back as an authoring error naming the assertion, never a hang.
// (Before the budget, each of these expressions ran for minutes or grew to gigabytes.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Metrics } from '../../src/analysis/metrics.js';
import { assertionContext, compileAssertion, evaluateAssertion, type AssertionBudget } from '../../src/grading/assertions.js';
import { loadRubricText } from '../../src/grading/rubric.js';
import { expectNoStackTrace, ROOT, sdcoach } from '../cli/run-cli.js';

// A flow named 40 a's then b: (a+)+$ backtracks 2^40 times on it in a backtracking engine.
const evil = `${'a'.repeat(40)}b`;
const metrics = {
  flows: { [evil]: { worst: { p99: 10 } } },
  workload: { readsPerS: 1, writesPerS: 1, readWriteRatio: 1 },
  stores: {},
  pools: {},
  residency: { violations: [], classes: {} },
  capacity: {},
  staleness: {},
} as unknown as Metrics;
const ctx = assertionContext(metrics);
const ten = '[1,2,3,4,5,6,7,8,9,10]';

function evaluate(expr: string, budget?: AssertionBudget) {
  const c = compileAssertion(expr);
  if (!c.ok) throw new Error(c.error);
  const t0 = Date.now();
  const out = evaluateAssertion(c.assertion, ctx, budget);
  return { out, ms: Date.now() - t0 };
}

describe('assertions are bounded', () => {
  it("runs matches() on a linear-time engine: (a+)+$ on 40 a's and a b answers at once", () => {
    const { out, ms } = evaluate('flows.exists(f, f.matches("^(a+)+$"))');
    expect(out).toEqual({ ok: true, value: false });
    expect(ms).toBeLessThan(1_000);
    expect(evaluate('flows.exists(f, f.matches("a{40}b$"))').out).toEqual({ ok: true, value: true });
  });

  it('rejects patterns RE2 cannot run (backreferences, lookaround) when the rubric is read', () => {
    const c = compileAssertion('flows.exists(f, f.matches("(a)\\\\1"))');
    expect(c).toMatchObject({ ok: false, error: expect.stringContaining('RE2 syntax') });
    expect(compileAssertion('flows.exists(f, f.matches("(?=a)"))')).toMatchObject({ ok: false });
  });

  it('stops nested macros at the step budget: 10^7 iterations end as a budget error', () => {
    const nested = `${ten}.all(a, ${ten}.all(b, ${ten}.all(c, ${ten}.all(d, ${ten}.all(e, ${ten}.all(f, ${ten}.all(g, g > 0)))))))`;
    const { out } = evaluate(nested, { steps: 50_000, size: 100_000, allocated: 10_000_000, ms: 10_000 });
    expect(out).toMatchObject({ ok: false, budget: true, error: expect.stringContaining('50,000 evaluation steps') });
  });

  it('a budget error is not absorbed by || or exists() (CEL swallows errors there)', () => {
    const nested = `${ten}.exists(a, ${ten}.all(b, ${ten}.all(c, ${ten}.all(d, ${ten}.all(e, ${ten}.all(f, f > 0)))))) || true`;
    const { out } = evaluate(nested, { steps: 20_000, size: 100_000, allocated: 10_000_000, ms: 10_000 });
    expect(out).toMatchObject({ ok: false, budget: true });
  });

  it('caps string growth: a map() building ever larger strings ends at the size budget', () => {
    // Each level concatenates: 10^6 strings of 100 characters would be 100 MB.
    const grow = `${ten}.map(a, ${ten}.map(b, ${ten}.map(c, ${ten}.map(d, ${ten}.map(e, ${ten}.map(f, "${'x'.repeat(99)}" + "y")))))).size() > 0`;
    const { out } = evaluate(grow, { steps: 10_000_000, size: 100_000, allocated: 1_000_000, ms: 10_000 });
    expect(out).toMatchObject({ ok: false, budget: true, error: expect.stringContaining('allocated more than 1,000,000') });
  });

  it('stops at the wall-clock budget', () => {
    const nested = `${ten}.all(a, ${ten}.all(b, ${ten}.all(c, ${ten}.all(d, ${ten}.all(e, ${ten}.all(f, ${ten}.all(g, ${ten}.all(h, h > 0))))))))`;
    const { out, ms } = evaluate(nested, { steps: 1e12, size: 100_000, allocated: 1e12, ms: 200 });
    expect(out).toMatchObject({ ok: false, budget: true, error: expect.stringContaining('longer than 200 ms') });
    expect(ms).toBeLessThan(5_000);
  });

  it('a second assertion with the same id is an error, not a silent replacement of the first', () => {
    const r = loadRubricText(
      'dup.yaml',
      [
        'id: dup',
        'checks: {}',
        'assertions:',
        '  - {id: fast, expr: "workload.readsPerS > 0", message: m, must_pass: true}',
        '  - {id: fast, expr: "true", message: m2}',
        '',
      ].join('\n'),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.diagnostics[0]).toMatchObject({ file: 'dup.yaml', line: 5, code: 'duplicate-assertion' });
  });
});

describe('grade with a hostile rubric', () => {
  it("answers with an authoring error at the assertion's file:line:col instead of hanging", () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-hang-'));
    const rubric = join(dir, 'evil.yaml');
    const nested = `${ten}.all(a, ${ten}.all(b, ${ten}.all(c, ${ten}.all(d, ${ten}.all(e, ${ten}.all(f, ${ten}.all(g, ${ten}.all(h, h > 0))))))))`;
    writeFileSync(
      rubric,
      ['id: evil', 'checks: {}', 'assertions:', `  - id: forever`, `    expr: '${nested}'`, '    message: never', ''].join('\n'),
    );
    const t0 = Date.now();
    const r = sdcoach(['grade', join(ROOT, 'test/fixtures/good/orders.yaml'), '--rubric', rubric]);
    expect(Date.now() - t0).toBeLessThan(20_000);
    expectNoStackTrace(r.all);
    expect(r.all).toContain(`assertion "forever" at ${rubric}:5:11`);
    expect(r.all).toContain('exceeded its evaluation budget');
  });
});
