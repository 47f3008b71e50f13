// Mentors' assertions over the metrics, in CEL (Common Expression Language): a small, non-Turing-
// complete language with no access to JavaScript. Expressions see a frozen, prototype-free copy of
// the metrics, so names such as constructor or __proto__ resolve to nothing.
//
// A catalog is untrusted input, so every evaluation is bounded: `matches()` runs on RE2 (re2js,
// linear time, no backtracking), and each assertion has a budget of evaluation steps, of string and
// list sizes, of the total it may allocate and of wall-clock time. A blown budget stops the
// evaluation at once and is reported as an authoring error, never a hang.
import type { Environment } from '@marcbachmann/cel-js';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { RE2JS } from 're2js';
import type { Metrics } from '../analysis/metrics.js';
import { didYouMean } from '../specfile/suggest.js';

export type CompiledAssertion = (context: Record<string, unknown>) => unknown;

/** The names an expression may start from: the top-level keys of Metrics. */
export const METRIC_ROOTS = [
  'flows',
  'workload',
  'stores',
  'pools',
  'replay',
  'residency',
  'capacity',
  'staleness',
  'mesh',
  'fanout',
  'throughput',
  'rateLimits',
  'steering',
] as const;
const FUNCTIONS = new Set(['size', 'has', 'int', 'uint', 'double', 'string', 'bool', 'min', 'max']);
const METHODS = new Set(['size', 'contains', 'startsWith', 'endsWith', 'matches']);
const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
const FORBIDDEN_FIELDS = new Set(['constructor', '__proto__', 'prototype']);

/** What one assertion may spend. Generous for any real rubric (they take microseconds), finite for a hostile one. */
export interface AssertionBudget {
  /** Expression nodes evaluated (each macro iteration evaluates at least one). */
  steps: number;
  /** Characters in any one string, elements in any one list or map. */
  size: number;
  /** Characters and elements allocated in total. */
  allocated: number;
  /** Wall-clock milliseconds. */
  ms: number;
}

export const DEFAULT_BUDGET: AssertionBudget = { steps: 1_000_000, size: 100_000, allocated: 10_000_000, ms: 1_000 };

/** Wall-clock milliseconds all the assertions of one grade may take together (the practice screen waits for them). */
export const GRADE_ASSERTIONS_MS = 2_000;

/** The budget of the next assertion of a grade that must be over by `deadline` (Date.now() ms). */
export function budgetUntil(deadline: number, base: AssertionBudget = DEFAULT_BUDGET): AssertionBudget {
  return { ...base, ms: Math.max(1, Math.min(base.ms, deadline - Date.now())) };
}

/** Parse-time limits: an expression is a line of a rubric, not a program. */
const LIMITS = { maxAstNodes: 2_000, maxDepth: 64, maxListElements: 1_000, maxMapEntries: 1_000, maxCallArguments: 16 };
const RE2_MATCHES = 'sdcoachRe2Matches';
const MAX_PATTERN = 1_000;

class BudgetExceeded extends Error {}

// CEL and RE2 load on first use, not at start-up: loading them was about 8% and 3% of every
// `grade`, and the general rubric has no assertions (most rubrics match no pattern either).
// cel-js ships ES modules only: the build bundles it into one CommonJS file (dist/vendor/cel-js.cjs,
// synchronous to require, and half the load of its modules); from source (tests), the package itself.
// re2js has a CommonJS build of its own.
const require = createRequire(import.meta.url);
const VENDORED_CEL = fileURLToPath(new URL('../vendor/cel-js.cjs', import.meta.url));
let re2js: typeof RE2JS | undefined;

const re2Cache = new Map<string, RE2JS>();
function re2(pattern: string): RE2JS {
  let re = re2Cache.get(pattern);
  if (!re) {
    if (pattern.length > MAX_PATTERN) throw new Error(`regular expression longer than ${MAX_PATTERN} characters`);
    re2js ??= (require('re2js') as { RE2JS: typeof RE2JS }).RE2JS;
    re = re2js.compile(pattern);
    if (re2Cache.size > 256) re2Cache.clear();
    re2Cache.set(pattern, re);
  }
  return re;
}

let env: Environment | undefined;
function celEnvironment(): Environment {
  if (env) return env;
  const cel = require(existsSync(VENDORED_CEL) ? VENDORED_CEL : '@marcbachmann/cel-js') as { Environment: typeof Environment };
  env = new cel.Environment({ unlistedVariablesAreDyn: true, limits: LIMITS }).registerFunction(
    `string.${RE2_MATCHES}(string): bool`,
    (text: string, pattern: string) => {
      let re: RE2JS;
      try {
        re = re2(pattern);
      } catch (err) {
        throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${(err as Error).message} (patterns use RE2 syntax)`, {
          cause: err,
        });
      }
      return re.matcher(text).find();
    },
  );
  return env;
}

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
      if (name === 'matches') {
        // A literal pattern is checked now, so a bad one is an authoring error before any spec is graded.
        const pattern = list[0] as CelNode | undefined;
        if (pattern?.op === 'value' && typeof pattern.args === 'string') {
          try {
            re2(pattern.args);
          } catch (err) {
            return `invalid regular expression ${JSON.stringify(pattern.args)}${at}: ${(err as Error).message} (matches() uses RE2 syntax: no backreferences or lookaround)`;
          }
        }
      }
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

/** Sends every `matches()` call to the RE2 implementation (cel-js's own uses backtracking RegExp). */
function routeMatchesToRe2(node: unknown, seen = new Set<unknown>()): void {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const x of node) routeMatchesToRe2(x, seen);
    return;
  }
  const n = node as CelNode;
  if (n.op === 'rcall' && Array.isArray(n.args) && n.args[0] === 'matches') n.args[0] = RE2_MATCHES;
  if ('op' in n) routeMatchesToRe2(n.args, seen);
  else for (const v of Object.values(n)) routeMatchesToRe2(v, seen);
}

export function compileAssertion(expr: string): { ok: true; assertion: CompiledAssertion } | { ok: false; error: string } {
  let fn: CompiledAssertion & { ast?: unknown };
  try {
    fn = celEnvironment().parse(expr);
  } catch (err) {
    return { ok: false, error: `the expression does not parse: ${firstLine((err as Error).message)}` };
  }
  const problem = vet(fn.ast, new Set());
  if (problem) return { ok: false, error: problem };
  routeMatchesToRe2(fn.ast);
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
    // cel-js tells a map from a message by its `constructor`: a map keyed by a user's names with one
    // called "constructor" (a flow, a data class) would be typed by that entry's value and fail every
    // expression that reads it. Such a map goes in as a Map, which cel-js reads the same way.
    if (Object.hasOwn(value, 'constructor')) return new Map(Object.entries(value).map(([k, v]) => [k, sealed(v, depth + 1)] as const));
    const out = Object.create(null) as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = sealed(v, depth + 1);
    return Object.freeze(out);
  }
  return value;
}

/** The names an expression can use: the top-level keys of Metrics (replay and mesh are null when not declared; rateLimits is empty without a limit, steering without a multi-region tier users enter by). */
export function assertionContext(metrics: Metrics): Record<string, unknown> {
  const ctx = sealed({
    ...metrics,
    replay: metrics.replay ?? null,
    mesh: metrics.mesh ?? null,
    fanout: metrics.fanout ?? [],
    throughput: metrics.throughput ?? {},
    rateLimits: metrics.rateLimits ?? {},
    steering: metrics.steering ?? {},
  }) as Record<string, unknown>;
  return ctx;
}

// ---- the budget -------------------------------------------------------------------------------
// cel-js evaluates every node through one method, Evaluator#run(ast, ctx); the evaluator is private,
// so the first evaluation hands it over through the root node and its `run` is wrapped once. The
// wrapper counts steps and sizes only while an assertion of ours is being evaluated.

interface Meter {
  budget: AssertionBudget;
  steps: number;
  allocated: number;
  deadline: number;
  seen: WeakSet<object>;
  blown?: string;
}

let meter: Meter | undefined;
let runPatched = false;

function blow(m: Meter, why: string): never {
  m.blown ??= why;
  throw new BudgetExceeded(m.blown);
}

function measure(m: Meter, value: unknown): void {
  let size: number;
  if (typeof value === 'string') {
    size = value.length;
    if (size > 64) m.allocated += size;
  } else if (value && typeof value === 'object') {
    if (Array.isArray(value)) size = value.length;
    else if (value instanceof Map || value instanceof Set) size = value.size;
    else return;
    if (!m.seen.has(value)) {
      m.seen.add(value);
      m.allocated += size;
    }
  } else return;
  if (size > m.budget.size)
    blow(
      m,
      `a value grew to ${size.toLocaleString('en-US')} characters or elements (the limit is ${m.budget.size.toLocaleString('en-US')})`,
    );
  if (m.allocated > m.budget.allocated)
    blow(m, `it allocated more than ${m.budget.allocated.toLocaleString('en-US')} characters and elements`);
}

function patchEvaluator(ev: { run: (ast: unknown, ctx: unknown) => unknown }): void {
  if (runPatched) return;
  const proto = Object.getPrototypeOf(ev) as { run: (ast: unknown, ctx: unknown) => unknown };
  const original = proto.run;
  proto.run = function run(this: unknown, ast: unknown, ctx: unknown): unknown {
    const m = meter;
    if (!m) return original.call(this, ast, ctx);
    if (m.blown) throw new BudgetExceeded(m.blown);
    if (++m.steps > m.budget.steps) blow(m, `it took more than ${m.budget.steps.toLocaleString('en-US')} evaluation steps`);
    if ((m.steps & 63) === 0 && Date.now() > m.deadline) blow(m, `it ran longer than ${m.budget.ms} ms`);
    const out = original.call(this, ast, ctx);
    measure(m, out);
    if (Date.now() > m.deadline) blow(m, `it ran longer than ${m.budget.ms} ms`);
    return out;
  };
  runPatched = true;
}

function withEvaluatorHook(assertion: CompiledAssertion): void {
  if (runPatched) return;
  const root = (assertion as CompiledAssertion & { ast?: Record<string, unknown> }).ast;
  if (!root) return;
  const own = Object.getOwnPropertyDescriptor(root, 'evaluate');
  const protoEvaluate = (Object.getPrototypeOf(root) as { evaluate: (ev: unknown, ast: unknown, ctx: unknown) => unknown }).evaluate;
  Object.defineProperty(root, 'evaluate', {
    configurable: true,
    writable: true,
    value(this: unknown, ev: { run: (ast: unknown, ctx: unknown) => unknown }, ast: unknown, ctx: unknown) {
      patchEvaluator(ev);
      if (own) Object.defineProperty(root, 'evaluate', own);
      else delete root.evaluate;
      // The wrapped run evaluates the root itself, so the root is counted as a step too.
      return ev.run(ast, ctx);
    },
  });
  void protoEvaluate;
}

export type AssertionOutcome = { ok: true; value: boolean } | { ok: false; error: string; budget?: boolean };

export function evaluateAssertion(
  assertion: CompiledAssertion,
  context: Record<string, unknown>,
  budget: AssertionBudget = DEFAULT_BUDGET,
): AssertionOutcome {
  withEvaluatorHook(assertion);
  const m: Meter = { budget, steps: 0, allocated: 0, deadline: Date.now() + budget.ms, seen: new WeakSet() };
  const outer = meter;
  meter = m;
  let v: unknown;
  try {
    v = assertion(context);
  } catch (err) {
    if (m.blown) return overBudget(m.blown);
    const message = firstLine((err as Error).message);
    const missing = /^No such key: (.*)$/.exec(message)?.[1];
    const ast = (assertion as { ast?: unknown }).ast;
    return { ok: false, error: missing !== undefined && ast ? (missingKey(missing, ast, context) ?? message) : message };
  } finally {
    meter = outer;
  }
  // CEL's `||`, `&&` and all() absorb errors, so a blown budget is checked whatever the result.
  if (m.blown) return overBudget(m.blown);
  if (typeof v !== 'boolean')
    return { ok: false, error: `the expression gave ${typeof v === 'bigint' ? 'a number' : typeof v}, not true/false` };
  return { ok: true, value: v };
}

function overBudget(why: string): AssertionOutcome {
  return {
    ok: false,
    budget: true,
    error: `the assertion exceeded its evaluation budget: ${why}; simplify the expression (fewer nested macros, smaller values)`,
  };
}

/** "assertion "id" at file:line:col" for messages about an assertion. */
export function assertionWhere(a: { id: string; source?: { file: string; line?: number; column?: number } }): string {
  const s = a.source;
  if (!s) return `assertion "${a.id}"`;
  return `assertion "${a.id}" at ${s.file}${s.line !== undefined ? `:${s.line}:${s.column ?? 1}` : ''}`;
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
    if (!at || typeof at !== 'object' || Array.isArray(at) || key in at) continue;
    const keys = Object.keys(at);
    return `${p.join('.')} has no key "${key}"${didYouMean(key, keys) || '.'} It has: ${keys.length ? keys.slice(0, 12).join(', ') + (keys.length > 12 ? ', ...' : '') : 'nothing'}`;
  }
  return undefined;
}
