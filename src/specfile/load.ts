// The front of the pipeline: file -> text -> parsed document -> schema -> semantics -> Model.
// Returns every problem found (not only the first), each located at file:line:column.
import { capDiagnostics, type Diagnostic, type SpecPath } from './diagnostic.js';
import { createLocator, type Locator } from './locate.js';
import type { Model } from './model.js';
import { fastParse } from './fast-parse.js';
import { detectFormat, parseSource, type ParsedSource, type SpecFormat } from './parse.js';
import { figureNotes } from './figure-notes.js';
import { resolveSpec } from './resolve.js';
import { translateSchemaErrors, type SchemaProblem } from './schema-errors.js';
import { getValidator } from './schema-validator.js';
import { parseEstimates } from './estimates.js';
import { checkSemantics, type SemanticProblem } from './semantic.js';
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

function located(
  file: string,
  locate: Locator,
  p: { path: SpecPath; key?: boolean; message: string; code: string; severity?: 'error' | 'warning' },
): Diagnostic {
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

/**
 * Schema problems plus the semantic ones that are not about a part the schema rejected: a semantic
 * rule looking at, inside or across a malformed value would report a consequence, not a problem.
 * Where both say a field does not belong to the component's kind, the semantic message (which
 * names the component's kind) is kept.
 */
function withSemantics(schemaProblems: SchemaProblem[], data: unknown): (SchemaProblem | SemanticProblem)[] {
  let semantic: SemanticProblem[];
  try {
    semantic = checkSemantics(data as Spec);
  } catch {
    return schemaProblems; // the data is too malformed for the semantic rules to read
  }
  const blocking = schemaProblems.filter((p) => p.code !== 'schema/field-not-for-kind');
  // A component or flow with a malformed value (not merely an extra field) cannot be reasoned
  // about from elsewhere either: drop semantic problems that name it.
  const malformed = blocking
    .filter((p) => (p.path[0] === 'components' || p.path[0] === 'flows') && p.path.length >= 2 && p.code !== 'schema/unknown-field')
    .map((p) => JSON.stringify(String(p.path[1])));
  const malformedNames = new Set(malformed);
  // A malformed top-level value (regions, users, ...) colours every rule: report the schema alone.
  if (blocking.some((p) => p.path.length <= 1)) return schemaProblems;
  // Rules read a malformed value's siblings together with it (replication.mode with its lag_ms), so
  // the object holding it is out of bounds; a missing or extra field leaves only its own object.
  const scope = (p: SchemaProblem) => (p.code === 'schema/unknown-field' || p.code === 'schema/required' ? p.path : p.path.slice(0, -1));
  // Linear in the number of problems (a 1 MB spec has thousands of each): sets of the blocking scopes
  // and of every prefix of a blocking path, looked up by each semantic problem's own prefixes.
  const key = (path: SpecPath) => JSON.stringify(path);
  const scopes = new Set(blocking.map((p) => key(scope(p))));
  const prefixes = new Set<string>();
  for (const p of blocking) for (let k = 0; k <= p.path.length; k++) prefixes.add(key(p.path.slice(0, k)));
  const blocked = (path: SpecPath) =>
    prefixes.has(key(path)) || path.some((_, k) => scopes.has(key(path.slice(0, k + 1)))) || scopes.has('[]');
  const namesMalformed = (message: string) =>
    malformedNames.size > 0 && (message.match(/"(?:[^"\\]|\\.)*"/g) ?? []).some((q) => malformedNames.has(q));
  const semanticKept = semantic.filter((s) => !blocked(s.path) && !namesMalformed(s.message));
  const kindRule = new Set(semanticKept.filter((p) => p.code === 'field-not-for-kind').map((p) => p.path.join('\u0000')));
  const schemaKept = schemaProblems.filter((p) => !(p.code === 'schema/field-not-for-kind' && kindRule.has(p.path.join('\u0000'))));
  return [...schemaKept, ...semanticKept];
}

function validateData(file: string, format: SpecFormat, text: string, data: unknown, locate: Locator): LoadResult {
  const parsed = { file, format, text, data };
  const validator = getValidator('spec');
  const { validate } = validator;
  let valid: boolean;
  try {
    valid = validate(parsed.data);
  } catch (err) {
    if (err instanceof RangeError)
      return { ok: false, diagnostics: [{ file, message: 'nesting is too deep to be a spec', code: 'too-deep', severity: 'error' }] };
    // ajv compares list items with a deep-equal that calls an item's own toString/valueOf: a list
    // item with such a key (never a valid field) must be an error at that key, not a crash.
    const shadow = err instanceof TypeError ? shadowedMethodKey(parsed.data) : undefined;
    if (shadow)
      return {
        ok: false,
        diagnostics: [
          located(file, locate, {
            path: shadow,
            key: true,
            message: `"${String(shadow[shadow.length - 1])}" is not a field of a list item`,
            code: 'schema/unknown-field',
            severity: 'error',
          }),
        ],
      };
    throw err;
  }
  if (!valid) {
    // One pass: the semantic rules run too, so a second problem does not wait for the first to be fixed.
    const problems = withSemantics(translateSchemaErrors(validate.errors ?? [], parsed.data, validator.schema), parsed.data);
    return { ok: false, diagnostics: capDiagnostics(problems.map((p) => located(file, locate, p)).sort(byPosition)) };
  }
  const spec = parsed.data as Spec;
  const semantic = checkSemantics(spec)
    .map((p) => located(file, locate, p))
    .sort(byPosition);
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

/** The path of the first key named toString or valueOf on an object anywhere inside a list (breadth-first), if any. */
function shadowedMethodKey(data: unknown): (string | number)[] | undefined {
  const queue: { value: unknown; path: (string | number)[]; inList: boolean }[] = [{ value: data, path: [], inList: false }];
  for (let i = 0; i < queue.length && i < 1_000_000; i++) {
    const { value, path, inList } = queue[i]!;
    if (Array.isArray(value)) value.forEach((v, k) => queue.push({ value: v, path: [...path, k], inList: true }));
    else if (value && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (inList && (key === 'toString' || key === 'valueOf')) return [...path, key];
        queue.push({ value: (value as Record<string, unknown>)[key], path: [...path, key], inList });
      }
    }
  }
  return undefined;
}
