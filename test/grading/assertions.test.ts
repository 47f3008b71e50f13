import { describe, expect, it } from 'vitest';
import { assertionContext, compileAssertion, evaluateAssertion } from '../../src/grading/assertions.js';
import type { Metrics } from '../../src/analysis/metrics.js';

const metrics = {
  flows: { checkout: { worst: { p99: 212.5 } } },
  workload: { readsPerS: 4000, writesPerS: 20, readWriteRatio: 200 },
  stores: {},
  pools: {},
  residency: { violations: [], classes: {} },
  capacity: {},
} as unknown as Metrics;
const run = (expr: string) => {
  const c = compileAssertion(expr);
  if (!c.ok) return { compileError: c.error };
  return evaluateAssertion(c.assertion, assertionContext(metrics));
};

describe('CEL assertions', () => {
  it('evaluates comparisons over the metrics', () => {
    expect(run('flows["checkout"].worst.p99 <= 250')).toEqual({ ok: true, value: true });
    expect(run('flows.checkout.worst.p99 < 200')).toEqual({ ok: true, value: false });
    expect(run('workload.readWriteRatio >= 100 && size(residency.violations) == 0')).toEqual({ ok: true, value: true });
  });

  it('cannot reach JavaScript: process, constructors and prototypes are not there', () => {
    for (const expr of [
      'process.exit(1)',
      'flows.constructor',
      'flows.__proto__',
      'flows["constructor"]["constructor"]("return process")()',
      'this',
      'require("fs")',
    ]) {
      const r = run(expr);
      expect('compileError' in r || r.ok === false, expr).toBe(true);
    }
  });

  it('reports non-boolean results and parse errors', () => {
    expect(run('workload.readsPerS')).toMatchObject({ ok: false });
    expect(run('1 +')).toMatchObject({ compileError: expect.stringContaining('does not parse') });
  });
});

describe('static vetting of assertions', () => {
  it('accepts reads of the metrics and CEL macros over them', () => {
    for (const expr of [
      'flows.all(f, flows[f].worst.p99 < 500)',
      'size(residency.violations) == 0',
      '"checkout" in flows && stores["db"].rpoS == 0.0',
    ]) {
      expect(compileAssertion(expr).ok, expr).toBe(true);
    }
  });

  it('rejects unknown names, functions and prototype fields with a reason', () => {
    expect(compileAssertion('process.exit(1)')).toMatchObject({ ok: false, error: expect.stringContaining('unknown name "process"') });
    expect(compileAssertion('flows.constructor')).toMatchObject({
      ok: false,
      error: expect.stringContaining('"constructor" is not a metric'),
    });
    expect(compileAssertion('dyn(flows).__proto__')).toMatchObject({ ok: false });
    expect(compileAssertion('flows.all(f, g > 1)')).toMatchObject({ ok: false, error: expect.stringContaining('unknown name "g"') });
  });
});
