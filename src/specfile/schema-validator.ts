// The compiled JSON Schema validator for specs. Uses the standalone code precompiled by the build
// (dist/validators/spec.cjs, a script file: script-file.ts) when present, so start-up never compiles a schema; compiles at run time in tests.
// The build also leaves V8's code cache of each validator (spec.cjs.cache, written after validating the
// examples, so it holds the functions a validation runs): a command then neither parses the 350 kB
// validator nor compiles its functions on first use. A short run (script-file.ts) takes spec.cjs.short.cache,
// made under its V8 flags. A cache from another Node version is rejected by V8 and the code compiles as usual.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { linearErrors } from './ajv-linear.js';
import { codeCacheFile, runScriptModule, scriptFile } from './script-file.js';

export interface CompiledValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const require = createRequire(import.meta.url);
const cache = new Map<string, { validate: CompiledValidator; schema: unknown }>();

export function schemaPath(name: string): string {
  return `${root}schemas/${name}.schema.json`;
}

export function loadSchema(name: string): unknown {
  return JSON.parse(readFileSync(schemaPath(name), 'utf8'));
}

function precompiled(name: string): CompiledValidator | undefined {
  const file = fileURLToPath(new URL(`../validators/${name}.cjs`, import.meta.url));
  if (!existsSync(file)) return undefined;
  return validatorOf(runScriptModule(scriptFile(file, {}, codeCacheFile(file)), file));
}

/** The validator a precompiled module exports (ajv's standalone code sets both module.exports and .default). */
export function validatorOf(exports: unknown): CompiledValidator {
  const mod = exports as { default?: CompiledValidator } & CompiledValidator;
  return mod.default ?? mod;
}

const SCHEMA_NAMES = ['spec', 'rubric', 'problem', 'interview-session'];

interface SchemaAjv {
  opts: { unevaluated?: boolean };
  compile(s: unknown): CompiledValidator;
  addSchema(s: unknown): void;
}

/** JSON Schema keywords that need ajv's tracking of evaluated properties and items. */
const UNEVALUATED = ['unevaluatedProperties', 'unevaluatedItems'];

/** The first path in a schema at which an unevaluated* keyword is used, if any. */
export function unevaluatedKeyword(schema: unknown, path = '#'): string | undefined {
  if (Array.isArray(schema)) {
    for (const [i, s] of schema.entries()) {
      const hit = unevaluatedKeyword(s, `${path}/${i}`);
      if (hit) return hit;
    }
  } else if (schema && typeof schema === 'object') {
    for (const [k, v] of Object.entries(schema)) {
      if (UNEVALUATED.includes(k)) return `${path}/${k}`;
      const hit = unevaluatedKeyword(v, `${path}/${k}`);
      if (hit) return hit;
    }
  }
  return undefined;
}

/**
 * The Ajv (draft 2020-12) that compiles sdcoach's schemas, at build time (scripts/build.mjs) and in tests alike.
 * Ajv2020 always tracks which properties each subschema evaluated, for `unevaluatedProperties`: every kind's
 * `if`/`then` of a component then builds and merges an object of 18 property names, and a valid 40-component
 * spec validated 2.7x slower (150 against 55 us). Our schemas use no unevaluated* keyword, so the tracking is
 * switched off; each schema given here is checked for one (the compile fails loudly rather than mis-validate).
 */
export function schemaAjv(schemas: unknown[]): SchemaAjv {
  const Ajv2020 = (require('ajv/dist/2020') as { default: new (opts: object) => SchemaAjv }).default;
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, code: { source: true } });
  for (const [i, s] of schemas.entries()) {
    const hit = unevaluatedKeyword(s);
    if (hit) throw new Error(`schema ${i}: ${hit} needs ajv's evaluated-property tracking, which schemaAjv switches off`);
  }
  ajv.opts.unevaluated = false;
  return ajv;
}

function compile(name: string, schema: unknown): CompiledValidator {
  const others = SCHEMA_NAMES.filter((other) => other !== name).map(loadSchema);
  const ajv = schemaAjv([schema, ...others]);
  for (const other of others) ajv.addSchema(other);
  const validate = ajv.compile(schema);
  // The same code the build precompiles, with errors appended in place (linear, see ajv-linear.ts).
  const standaloneCode = (require('ajv/dist/standalone') as { default: (ajv: unknown, v: unknown) => string }).default;
  const mod = { exports: {} as { default?: CompiledValidator } & Partial<CompiledValidator> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the validator code ajv just generated from our own schema (what the build precompiles); no user input reaches it
  const load = new Function('module', 'exports', 'require', linearErrors(standaloneCode(ajv, validate))) as (
    m: typeof mod,
    e: typeof mod.exports,
    r: NodeRequire,
  ) => void;
  load(mod, mod.exports, require);
  return (mod.exports.default ?? mod.exports) as CompiledValidator;
}

/**
 * Loads (once) the validator and schema for schemas/<name>.schema.json. With the precompiled
 * validator, the schema itself is read only when asked for (to explain errors): a valid spec never needs it.
 */
export function getValidator(name: string): { validate: CompiledValidator; readonly schema: unknown } {
  const hit = cache.get(name);
  if (hit) return hit;
  const ready = precompiled(name);
  let schema: unknown = ready ? undefined : loadSchema(name);
  const validate = ready ?? compile(name, schema);
  const entry = {
    validate,
    get schema(): unknown {
      return (schema ??= loadSchema(name));
    },
  };
  cache.set(name, entry);
  return entry;
}
