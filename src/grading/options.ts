// Validates a rubric's options for a check against the check's own JSON Schema. The build precompiles every
// check's options schema into one module (dist/validators/check-options.cjs, scripts/build.mjs): every problem
// stage's rubric sets options, and compiling them with ajv at run time (its compiler, ~60 modules, one Ajv per
// check) cost a grade against a problem ~65 ms. From source (tests), each is compiled on first use.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Check } from '../checks/types.js';
import { translateSchemaErrors, type SchemaProblem } from '../specfile/schema-errors.js';
import type { CompiledValidator } from '../specfile/schema-validator.js';
import { codeCacheFile, runScriptModule, scriptFile } from '../specfile/script-file.js';

const require = createRequire(import.meta.url);
const compiled = new Map<string, CompiledValidator>();
const PRECOMPILED = fileURLToPath(new URL('../validators/check-options.cjs', import.meta.url));
let precompiled: Record<string, CompiledValidator | undefined> | null | undefined;

/** The name the precompiled module exports a check's options validator under (the build and this file agree on it). */
export function optionsExportName(checkId: string): string {
  return `options_${checkId.replace(/[^A-Za-z0-9]/g, '_')}`;
}

/** Options for the precompiled module's Ajv and the run-time one alike. */
export const OPTIONS_AJV = { allErrors: true, strict: false, verbose: true } as const;

function validatorFor(check: Check<unknown>): CompiledValidator {
  const id = check.meta.id;
  let validate = compiled.get(id);
  if (validate) return validate;
  if (precompiled === undefined)
    precompiled = existsSync(PRECOMPILED)
      ? (runScriptModule(scriptFile(PRECOMPILED, {}, codeCacheFile(PRECOMPILED)), PRECOMPILED) as Record<string, CompiledValidator>)
      : null;
  validate = precompiled?.[optionsExportName(id)];
  if (!validate) {
    const Ajv = (require('ajv') as { default: new (o: object) => { compile(s: unknown): CompiledValidator } }).default;
    validate = new Ajv(OPTIONS_AJV).compile(check.meta.optionsSchema);
  }
  compiled.set(id, validate);
  return validate;
}

export function validateOptions(check: Check<unknown>, options: Record<string, unknown>): SchemaProblem[] {
  const validate = validatorFor(check);
  if (validate(options)) return [];
  return translateSchemaErrors(validate.errors ?? [], options, check.meta.optionsSchema);
}
