// Mentors' assertions over the metrics, in CEL (Common Expression Language): a small, non-Turing-
// complete language with no access to JavaScript. Expressions see a frozen, prototype-free copy of
// the metrics, so names such as constructor or __proto__ resolve to nothing.
import { parse } from '@marcbachmann/cel-js';
import type { Metrics } from '../analysis/metrics.js';

export type CompiledAssertion = (context: Record<string, unknown>) => unknown;

export function compileAssertion(expr: string): { ok: true; assertion: CompiledAssertion } | { ok: false; error: string } {
  try {
    const fn = parse(expr) as unknown as CompiledAssertion;
    return { ok: true, assertion: fn };
  } catch (err) {
    return { ok: false, error: `the expression does not parse: ${firstLine((err as Error).message)}` };
  }
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

/** A deep copy made of prototype-free objects, frozen. */
function sealed(value: unknown, depth = 0): unknown {
  if (depth > 64) return null;
  if (Array.isArray(value)) return Object.freeze(value.map((v) => sealed(v, depth + 1)));
  if (value && typeof value === 'object') {
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = sealed(v, depth + 1);
    return Object.freeze(out);
  }
  return value;
}

/** The names an expression can use: flows, workload, stores, pools, replay, residency, capacity. */
export function assertionContext(metrics: Metrics): Record<string, unknown> {
  const ctx = sealed({ ...metrics, replay: metrics.replay ?? null }) as Record<string, unknown>;
  return ctx;
}

export type AssertionOutcome = { ok: true; value: boolean } | { ok: false; error: string };

export function evaluateAssertion(assertion: CompiledAssertion, context: Record<string, unknown>): AssertionOutcome {
  try {
    const v = assertion(context);
    if (typeof v !== 'boolean') return { ok: false, error: `the expression gave ${typeof v === 'bigint' ? 'a number' : typeof v}, not true/false` };
    return { ok: true, value: v };
  } catch (err) {
    return { ok: false, error: firstLine((err as Error).message) };
  }
}
