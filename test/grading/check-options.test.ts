// The build precompiles every check's options schema (dist/validators/check-options.cjs, src/grading/options.ts);
// from source each is compiled at run time. Both must say the same of the same options: valid or not, and where.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../src/checks/registry.js';
import { optionsExportName, OPTIONS_AJV } from '../../src/grading/options.js';
import type { CompiledValidator } from '../../src/specfile/schema-validator.js';
import { runScriptModule, scriptFile } from '../../src/specfile/script-file.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Built by `npm test` (npm run build) before the tests run.
const FILE = join(ROOT, 'dist/validators/check-options.cjs');
const precompiled = runScriptModule(scriptFile(FILE), FILE) as Record<string, CompiledValidator | undefined>;
const Ajv = (createRequire(import.meta.url)('ajv') as { default: new (o: object) => { compile(s: unknown): CompiledValidator } }).default;

/** Options to try on a check: its defaults, an unknown field, and each property given the wrong kind of value. */
function samples(schema: { properties?: Record<string, unknown> }, defaults: unknown): unknown[] {
  const base = (defaults ?? {}) as Record<string, unknown>;
  const out: unknown[] = [base, { ...base, noSuchOption: 1 }, 'not an object', []];
  for (const key of Object.keys(schema.properties ?? {})) {
    for (const wrong of [-1, 0.5, 'text', true, null, [], [1], {}, { x: 1 }]) out.push({ ...base, [key]: wrong });
  }
  return out;
}

const outcome = (v: CompiledValidator, data: unknown) => {
  const ok = v(data);
  return { ok, errors: ok ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`) };
};

describe('precompiled check options', () => {
  it('one validator per check, exported under its name', () => {
    expect(Object.keys(precompiled).sort()).toEqual(ALL_CHECKS.map((c) => optionsExportName(c.meta.id)).sort());
  });

  it('say what the run-time compile says of every check: valid or not, each error in the same place', () => {
    let tried = 0;
    let rejected = 0;
    for (const check of ALL_CHECKS) {
      const fast = precompiled[optionsExportName(check.meta.id)]!;
      const slow = new Ajv(OPTIONS_AJV).compile(check.meta.optionsSchema);
      for (const data of samples(check.meta.optionsSchema, check.meta.defaults)) {
        const a = outcome(fast, data);
        expect(a, `${check.meta.id} ${JSON.stringify(data)}`).toEqual(outcome(slow, data));
        tried++;
        if (!a.ok) rejected++;
      }
      expect(fast(check.meta.defaults), `${check.meta.id}: its own defaults`).toBe(true);
    }
    expect(tried).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(tried / 2);
  });
});
