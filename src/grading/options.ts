// Validates a rubric's options for a check against the check's own JSON Schema (compiled lazily,
// only when a rubric sets options, so plain grading never loads the schema compiler).
import { createRequire } from 'node:module';
import type { Check } from '../checks/types.js';
import { translateSchemaErrors, type SchemaProblem } from '../specfile/schema-errors.js';
import type { CompiledValidator } from '../specfile/schema-validator.js';

const require = createRequire(import.meta.url);
const compiled = new Map<string, CompiledValidator>();

export function validateOptions(check: Check<unknown>, options: Record<string, unknown>): SchemaProblem[] {
  let validate = compiled.get(check.meta.id);
  if (!validate) {
    const Ajv = (require('ajv') as { default: new (o: object) => { compile(s: unknown): CompiledValidator } }).default;
    validate = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(check.meta.optionsSchema);
    compiled.set(check.meta.id, validate);
  }
  if (validate(options)) return [];
  return translateSchemaErrors(validate.errors ?? [], options, check.meta.optionsSchema);
}
