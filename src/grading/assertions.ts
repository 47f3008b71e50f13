// Mentors' assertions over the metrics, in CEL (Common Expression Language): a small, non-Turing-
// complete language with no access to JavaScript. Expressions see a frozen, prototype-free copy of
// the metrics, so names such as constructor or __proto__ resolve to nothing.
import { parse } from '@marcbachmann/cel-js';
import type { Metrics } from '../analysis/metrics.js';
import { didYouMean } from '../spec/suggest.js';

export type CompiledAssertion = (context: Record<string, unknown>) => unknown;

/** The names an expression may start from: the top-level keys of Metrics. */
export const METRIC_ROOTS = ['flows', 'workload', 'stores', 'pools', 'replay', 'residency', 'capacity', 'staleness', 'mesh'] as const;
const FUNCTIONS = new Set(['size', 'has', 'int', 'uint', 'double', 'string', 'bool', 'min', 'max']);
const METHODS = new Set(['size', 'contains', 'startsWith', 'endsWith', 'matches']);
const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
const FORBIDDEN_FIELDS = new Set(['constructor', '__proto__', 'prototype']);

interface CelNode {
  op: string;
  args: unknown;
  pos?: number;
}

/** Rejects anything but reading the metrics: unknown names, calls outside CEL's small library, prototype fields. */
function vet(node: unknown, bound: ReadonlySet<string>): string | undefined {
  if (!node || typeof node !== 'object' || !('op' in node)) return undefined;
  const n = node as CelNode;
  const at = n.pos !== undefined ? ` (at character ${n.pos + 1})` : '';
  const args = n.args;
  switch (n.op) {
    case 'value':
      return undefined;
    case 'id': {
      const name = String(args);
      if (bound.has(name) || (METRIC_ROOTS as readonly string[]).includes(name)) return undefined;
      return `unknown name "${name}"${at}: expressions can read only ${METRIC_ROOTS.join(', ')} (see sdcoach metrics <spec>)`;
    }
    case '.':
    case '?.': {
      const [target, field] = args as [unknown, string];
      if (FORBIDDEN_FIELDS.has(field)) return `"${field}" is not a metric${at}`;
      return vet(target, bound);
    }
    case 'call': {
      const [name, list] = args as [string, unknown[]];
      if (!FUNCTIONS.has(name)) return `unknown function "${name}"${at}: expressions may use ${[...FUNCTIONS].join(', ')}`;
      for (const a of list) {
        const e = vet(a, bound);
        if (e) return e;
      }
      return undefined;
    }
    case 'rcall': {
      const [name, target, list] = args as [string, unknown, unknown[]];
      const e = vet(target, bound);
      if (e) return e;
      if (MACROS.has(name)) {
        const v = list[0] as CelNode | undefined;
        const inner = new Set(bound);
        if (v?.op === 'id') inner.add(String(v.args));
        for (const a of list.slice(1)) {
          const err = vet(a, inner);
          if (err) return err;
        }
        return undefined;
      }
      if (!METHODS.has(name)) return `unknown method "${name}"${at}: expressions may use ${[...METHODS, ...MACROS].join(', ')}`;
      for (const a of list) {
        const err = vet(a, bound);
        if (err) return err;
      }
      return undefined;
    }
    default: {
      const list = Array.isArray(args) ? args : [args];
      for (const a of list) {
        const err = Array.isArray(a) ? a.map((x) => vet(x, bound)).find(Boolean) : vet(a, bound);
        if (err) return err;
      }
      return undefined;
    }
  }
}

export function compileAssertion(expr: string): { ok: true; assertion: CompiledAssertion } | { ok: false; error: string } {
  let fn: CompiledAssertion & { ast?: unknown };
  try {
    fn = parse(expr) as unknown as CompiledAssertion & { ast?: unknown };
  } catch (err) {
    return { ok: false, error: `the expression does not parse: ${firstLine((err as Error).message)}` };
  }
  const problem = vet(fn.ast, new Set());
  if (problem) return { ok: false, error: problem };
  return { ok: true, assertion: fn };
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

/** The names an expression can use: the top-level keys of Metrics (replay and mesh are null when not declared). */
export function assertionContext(metrics: Metrics): Record<string, unknown> {
  const ctx = sealed({ ...metrics, replay: metrics.replay ?? null, mesh: metrics.mesh ?? null }) as Record<string, unknown>;
  return ctx;
}

export type AssertionOutcome = { ok: true; value: boolean } | { ok: false; error: string };

export function evaluateAssertion(assertion: CompiledAssertion, context: Record<string, unknown>): AssertionOutcome {
  try {
    const v = assertion(context);
    if (typeof v !== 'boolean') return { ok: false, error: `the expression gave ${typeof v === 'bigint' ? 'a number' : typeof v}, not true/false` };
    return { ok: true, value: v };
  } catch (err) {
    const message = firstLine((err as Error).message);
    const missing = /^No such key: (.*)$/.exec(message)?.[1];
    const ast = (assertion as { ast?: unknown }).ast;
    return { ok: false, error: missing !== undefined && ast ? missingKey(missing, ast, context) ?? message : message };
  }
}

/**
 * "No such key: x" said where: the path that has no key x, the keys it does have, and the
 * closest of them ("flows has no key "red-feed"; did you mean "read-feed"? It has: ...").
 */
function missingKey(key: string, ast: unknown, context: Record<string, unknown>): string | undefined {
  const paths: string[][] = [];
  const pathOf = (n: unknown): string[] | undefined => {
    if (!n || typeof n !== 'object' || !('op' in n)) return undefined;
    const { op, args } = n as CelNode;
    if (op === 'id') return [String(args)];
    if (op === '.' || op === '?.') {
      const [t, f] = args as [unknown, string];
      const p = pathOf(t);
      return p ? [...p, f] : undefined;
    }
    if (op === '[]' || op === '[?]') {
      const [t, i] = args as [unknown, CelNode];
      const p = pathOf(t);
      return p && i?.op === 'value' && typeof i.args === 'string' ? [...p, i.args] : undefined;
    }
    return undefined;
  };
  const visit = (n: unknown) => {
    if (!n || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(visit);
    if (!('op' in n)) return;
    const p = pathOf(n);
    if (p && p.length > 1 && p[p.length - 1] === key) paths.push(p.slice(0, -1));
    visit((n as CelNode).args);
  };
  visit(ast);
  for (const p of paths) {
    let at: unknown = context;
    for (const k of p) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[k] : undefined;
    if (!at || typeof at !== 'object' || Array.isArray(at) || key in (at as object)) continue;
    const keys = Object.keys(at);
    return `${p.join('.')} has no key "${key}"${didYouMean(key, keys) || '.'} It has: ${keys.length ? keys.slice(0, 12).join(', ') + (keys.length > 12 ? ', ...' : '') : 'nothing'}`;
  }
  return undefined;
}
