import { describe, expect, it } from 'vitest';
import { assertionContext, compileAssertion, evaluateAssertion } from '../../src/grading/assertions.js';
import type { Metrics } from '../../src/analysis/metrics.js';

const metrics = {
  flows: { checkout: { worst: { p99: 212.5 } } },
  workload: { readsPerS: 4000, writesPerS: 20, readWriteRatio: 200 },
  stores: {}, pools: {}, residency: { violations: [], classes: {} }, capacity: {},
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
    for (const expr of ['process.exit(1)', 'flows.constructor', 'flows.__proto__', 'flows["constructor"]["constructor"]("return process")()', 'this', 'require("fs")']) {
      const r = run(expr);
      expect('compileError' in r || (r.ok === false), expr).toBe(true);
    }
  });

  it('reports non-boolean results and parse errors', () => {
    expect(run('workload.readsPerS')).toMatchObject({ ok: false });
    expect(run('1 +')).toMatchObject({ compileError: expect.stringContaining('does not parse') });
  });
});
