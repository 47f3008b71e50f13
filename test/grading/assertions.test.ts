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

  it('reads rate limits, an empty map when the design has none', () => {
    const expr = 'rateLimits.all(g, rateLimits[g].all(r, rateLimits[g][r].arrivingRps <= 0.9 * rateLimits[g][r].limitRps))';
    const c = compileAssertion(expr);
    if (!c.ok) throw new Error(c.error);
    // No limit: nothing to hold the peak to, the macro holds over an empty map.
    expect(evaluateAssertion(c.assertion, assertionContext(metrics))).toEqual({ ok: true, value: true });
    // 28,000 arriving at a 35,000 limit is 80 %, within 90 %; at a 30,000 limit 93.3 %, over it.
    const at = (limitRps: number) =>
      ({ ...metrics, rateLimits: { gateway: { 'us-east': { arrivingRps: 28000, limitRps } } } }) as unknown as Metrics;
    expect(evaluateAssertion(c.assertion, assertionContext(at(35000)))).toEqual({ ok: true, value: true });
    expect(evaluateAssertion(c.assertion, assertionContext(at(30000)))).toEqual({ ok: true, value: false });
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
