// The front of the pipeline: file -> text -> parsed document -> schema -> semantics -> Model.
// Returns every problem found (not only the first), each located at file:line:column.
import { capDiagnostics, type Diagnostic, type SpecPath } from './diagnostic.js';
import { createLocator, type Locator } from './locate.js';
import type { Model } from './model.js';
import { fastParse } from './fast-parse.js';
import { detectFormat, parseSource, type ParsedSource, type SpecFormat } from './parse.js';
import { figureNotes } from './figure-notes.js';
import { resolveSpec } from './resolve.js';
import { translateSchemaErrors } from './schema-errors.js';
import { getValidator } from './schema-validator.js';
import { parseEstimates } from './estimates.js';
import { checkSemantics } from './semantic.js';
import { readSource } from './source.js';
import type { Givens } from './givens.js';
import type { Spec } from './types.js';

export interface LoadedSpec {
  file: string;
  format: SpecFormat;
  text: string;
  spec: Spec;
  model: Model;
  locate: Locator;
  /** Warnings (errors make the load fail). */
  diagnostics: Diagnostic[];
}

export type LoadResult = { ok: true; loaded: LoadedSpec } | { ok: false; diagnostics: Diagnostic[] };

function located(file: string, locate: Locator, p: { path: SpecPath; key?: boolean; message: string; code: string; severity?: 'error' | 'warning' }): Diagnostic {
  const pos = locate(p.path, { key: p.key ?? false });
  return { file, ...(pos ?? {}), path: p.path, message: p.message, code: p.code, severity: p.severity ?? 'error' };
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** Validates parsed data: the JSON Schema first, then the semantic rules. */
export function validateParsed(parsed: ParsedSource): LoadResult {
  return validateData(parsed.file, parsed.format, parsed.text, parsed.data, createLocator(parsed));
}

/**
 * A locator that parses the text for positions only when first asked: a valid spec read through the
 * fast path never needs one, and a graded one needs it once.
 */
export function lazyLocator(file: string, text: string, format: SpecFormat): Locator {
  let locate: Locator | undefined;
  return (path, options) => {
    if (!locate) {
      const parsed = parseSource(file, text, format);
      locate = parsed.ok ? createLocator(parsed.parsed) : parsed.partial ? createLocator(parsed.partial) : () => undefined;
    }
    return locate(path, options);
  };
}

function validateData(file: string, format: SpecFormat, text: string, data: unknown, locate: Locator): LoadResult {
  const parsed = { file, format, text, data };
  const { validate, schema } = getValidator('spec');
  let valid: boolean;
  try {
    valid = validate(parsed.data);
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, diagnostics: [{ file, message: 'nesting is too deep to be a spec', code: 'too-deep', severity: 'error' }] };
    throw err;
  }
  if (!valid) {
    const problems = translateSchemaErrors(validate.errors ?? [], parsed.data, schema);
    return { ok: false, diagnostics: capDiagnostics(problems.map((p) => located(file, locate, p)).sort(byPosition)) };
  }
  const spec = parsed.data as Spec;
  const semantic = checkSemantics(spec).map((p) => located(file, locate, p)).sort(byPosition);
  const errors = semantic.filter((d) => d.severity === 'error');
  if (errors.length) return { ok: false, diagnostics: capDiagnostics(semantic) };
  const model = resolveSpec(spec);
  if (spec.estimates) {
    // Units are read only for specs that have estimates (mathjs loads on first use).
    const estimates = parseEstimates(spec.estimates);
    if (!estimates.ok) return { ok: false, diagnostics: estimates.problems.map((p) => located(file, locate, p)).sort(byPosition) };
    model.estimates = estimates.estimates;
  }
  // Figures outside the plausible range are warnings here (validate's exit code is unchanged); design/honest-figures fails them.
  const notes = figureNotes(model.figures).map((p) => located(file, locate, p));
  const diagnostics = notes.length ? [...semantic, ...notes].sort(byPosition) : semantic;
  return { ok: true, loaded: { file, format: parsed.format, text: parsed.text, spec, model, locate, diagnostics } };
}

export function loadSpecText(file: string, text: string, format?: SpecFormat): LoadResult {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fmt = format ?? detectFormat(file, clean);
  const fast = fastParse(clean, fmt);
  if (fast) return validateData(file, fmt, clean, fast.data, fast.locate ?? lazyLocator(file, clean, fmt));
  const parsed = parseSource(file, text, format);
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  return validateParsed(parsed.parsed);
}

export function loadSpecFile(file: string): LoadResult {
  const src = readSource(file);
  if (!src.ok) return { ok: false, diagnostics: [src.diagnostic] };
  return loadSpecText(file, src.text);
}

/**
 * The same spec resolved against a problem's givens: the givens are the figures used, and the
 * warnings say where the spec's own figures were overridden. Cheap: no parsing, no validation.
 */
export function withGivens(loaded: LoadedSpec, givens: Givens | undefined): LoadedSpec {
  if (!givens || loaded.model.givens) return loaded;
  const model = resolveSpec(loaded.spec, givens);
  // Estimates are the learner's own figures, parsed once at load: givens do not change them.
  if (loaded.model.estimates) model.estimates = loaded.model.estimates;
  const notes = figureNotes(model.figures).map((p) => located(loaded.file, loaded.locate, p));
  const kept = loaded.diagnostics.filter((d) => !d.code?.startsWith('figure-'));
  return { ...loaded, model, diagnostics: [...kept, ...notes].sort(byPosition) };
}
