// schemaAjv (src/specfile/schema-validator.ts) compiles our schemas without ajv's tracking of evaluated
// properties, which only unevaluated* keywords need. Its validators must say what a stock Ajv2020's say of the
// same data, valid or not and each error in the same place, and it must refuse a schema that needs the tracking.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { loadSchema, schemaAjv, unevaluatedKeyword, type CompiledValidator } from '../../src/specfile/schema-validator.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const NAMES = ['spec', 'rubric', 'problem', 'interview-session'];
const SCHEMAS = Object.fromEntries(NAMES.map((n) => [n, loadSchema(n)]));
const Ajv2020 = (
  createRequire(import.meta.url)('ajv/dist/2020') as {
    default: new (o: object) => { compile(s: unknown): CompiledValidator; addSchema(s: unknown): void };
  }
).default;

function compilePair(name: string): [CompiledValidator, CompiledValidator] {
  const others = NAMES.filter((n) => n !== name).map((n) => SCHEMAS[n]);
  const stock = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
  const ours = schemaAjv([SCHEMAS[name], ...others]);
  for (const o of others) {
    stock.addSchema(o);
    ours.addSchema(o);
  }
  return [stock.compile(SCHEMAS[name]), ours.compile(SCHEMAS[name])];
}

const outcome = (v: CompiledValidator, data: unknown) => {
  const ok = v(data);
  return { ok, errors: ok ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.schemaPath} ${e.message}`) };
};

const yamlFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => parseYaml(readFileSync(join(dir, f), 'utf8')) as unknown);

// Values that are wrong for most fields, and fields that belong to some kinds only (the conditional schemas).
const VALUES = [-1, 0, 0.5, 3, 2000, 'text', 'cache', true, null, [], ['us-east'], {}, { p50: 1, p99: 2 }, { mode: 'sync' }];
const FIELDS = ['kind', 'threads', 'pools', 'hit_ratio', 'replication', 'consumes', 'rate_limit', 'role', 'failover', 'replicas', 'nope'];
const KINDS = ['service', 'cache', 'database', 'queue', 'worker', 'gateway', 'cdn', 'client', 'external', 'stream', 'bogus'];

/** A copy of `spec` with one of its components changed: a field set to a value, or its kind swapped. */
function mutate(spec: Record<string, unknown>, pick: number, field: number, value: number, kind: number): unknown {
  const copy = structuredClone(spec) as { components?: Record<string, Record<string, unknown>> };
  const ids = Object.keys(copy.components ?? {});
  if (!ids.length) return copy;
  const c = copy.components![ids[pick % ids.length]!]!;
  if (value % 3 === 0) c.kind = KINDS[kind % KINDS.length];
  else c[FIELDS[field % FIELDS.length]!] = VALUES[value % VALUES.length];
  return copy;
}

describe('schemaAjv', () => {
  it('validates specs as a stock Ajv2020 does: every example, and each with a component mutated', () => {
    const [stock, ours] = compilePair('spec');
    const specs = yamlFiles(join(ROOT, 'examples')) as Record<string, unknown>[];
    expect(specs.length).toBeGreaterThan(5);
    for (const s of specs) expect(outcome(ours, s)).toEqual({ ok: true, errors: [] });
    let rejected = 0;
    fc.assert(
      fc.property(fc.nat(specs.length - 1), fc.nat(), fc.nat(), fc.nat(), fc.nat(), (i, pick, field, value, kind) => {
        const data = mutate(specs[i]!, pick, field, value, kind);
        const a = outcome(ours, data);
        expect(a).toEqual(outcome(stock, data));
        if (!a.ok) rejected++;
      }),
      { numRuns: 400, seed: 16 },
    );
    expect(rejected).toBeGreaterThan(100);
  });

  it('validates every shipped problem and the general rubric as a stock Ajv2020 does', () => {
    const [stockProblem, oursProblem] = compilePair('problem');
    const dir = join(ROOT, 'problems');
    for (const id of readdirSync(dir)) {
      const problem = parseYaml(readFileSync(join(dir, id, 'problem.yaml'), 'utf8')) as Record<string, unknown>;
      expect(outcome(oursProblem, problem), id).toEqual(outcome(stockProblem, problem));
      const broken = { ...problem, stages: 'none', extra: 1 };
      expect(outcome(oursProblem, broken).ok).toBe(false);
      expect(outcome(oursProblem, broken)).toEqual(outcome(stockProblem, broken));
    }
    const [stockRubric, oursRubric] = compilePair('rubric');
    for (const rubric of yamlFiles(join(ROOT, 'rubrics'))) {
      expect(outcome(oursRubric, rubric)).toEqual(outcome(stockRubric, rubric));
      const broken = { ...(rubric as object), checks: [{ id: 7, weight: 'heavy' }] };
      expect(outcome(oursRubric, broken).ok).toBe(false);
      expect(outcome(oursRubric, broken)).toEqual(outcome(stockRubric, broken));
    }
  });

  it('refuses a schema that needs evaluated-property tracking, naming where', () => {
    const needs = { type: 'object', properties: { a: { type: 'array', unevaluatedItems: false } } };
    expect(unevaluatedKeyword(needs)).toBe('#/properties/a/unevaluatedItems');
    expect(() => schemaAjv([needs])).toThrow(/#\/properties\/a\/unevaluatedItems/);
    expect(() => schemaAjv([{ allOf: [{}, { unevaluatedProperties: false }] }])).toThrow(/#\/allOf\/1\/unevaluatedProperties/);
    for (const name of NAMES) expect(unevaluatedKeyword(SCHEMAS[name]), name).toBeUndefined();
  });
});
