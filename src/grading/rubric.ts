// Rubrics are data: which checks grade a design, their options, weights and must-pass flags, and
// mentors' assertions over the metrics. Loaded from YAML with every error at file:line:column.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCheck, checkIds } from '../checks/registry.js';
import { containedFile, realDir, RUBRIC_ID } from '../specfile/contain.js';
import type { Diagnostic, SpecPath } from '../specfile/diagnostic.js';
import type { Givens } from '../specfile/givens.js';
import { createLocator, type Locator } from '../specfile/locate.js';
import { fastParse } from '../specfile/fast-parse.js';
import { detectFormat, parseSource } from '../specfile/parse.js';
import { translateSchemaErrors } from '../specfile/schema-errors.js';
import { getValidator } from '../specfile/schema-validator.js';
import { readSource } from '../specfile/source.js';
import { closestMatch } from '../specfile/suggest.js';
import { compileAssertion, type CompiledAssertion } from './assertions.js';
import { validateOptions } from './options.js';

export const DEFAULT_PASS_MARK = 70;
export const RUBRICS_DIR = fileURLToPath(new URL('../../rubrics/', import.meta.url));

export interface RubricCheck {
  id: string;
  weight: number;
  mustPass: boolean;
  options: Record<string, unknown>;
  /** Where the entry is written, for errors and coverage. */
  source?: { file: string; line?: number; column?: number };
}

export interface RubricAssertion {
  id: string;
  title: string;
  expr: string;
  message: string;
  hint?: string;
  topic: string;
  weight: number;
  mustPass: boolean;
  compiled: CompiledAssertion;
  source?: { file: string; line?: number; column?: number };
}

export interface Rubric {
  id: string;
  title: string;
  description?: string;
  passMark: number;
  checks: RubricCheck[];
  assertions: RubricAssertion[];
  file?: string;
  /** Check ids this rubric removes explicitly (`id: false`), so defaults carried in do not bring them back. */
  disabled?: string[];
  /** A problem stage's givens: the figures used when grading against it (set by problems/stage-rubric.ts). */
  givens?: Givens;
  /**
   * A problem stage's reference design, as a grade needs it (set by problems/stage-rubric.ts, computed on first use):
   * the ids of this rubric's must-pass checks that judge it (a status other than n/a). Such a check that finds
   * nothing to judge in a spec fails: the spec left out, or relabelled away, what the stage asks for.
   */
  judgesReference?: () => ReadonlySet<string>;
}

export type RubricResult = { ok: true; rubric: Rubric } | { ok: false; diagnostics: Diagnostic[] };

interface RawRubric {
  id?: string;
  title?: string;
  description?: string;
  extends?: string[];
  pass_mark?: number;
  checks: Record<string, boolean | { weight?: number; must_pass?: boolean; options?: Record<string, unknown> }>;
  assertions?: {
    id: string;
    title?: string;
    expr: string;
    message: string;
    hint?: string;
    topic?: string;
    weight?: number;
    must_pass?: boolean;
  }[];
}

function locatedError(file: string, locate: Locator | undefined, path: SpecPath, message: string, code: string, key = false): Diagnostic {
  const pos = locate?.(path, { key });
  return { file, ...(pos ?? {}), path, message, code, severity: 'error' };
}

export interface FoundRubric {
  /** The real path of the rubric file, when found inside its folder. */
  file?: string;
  error?: string;
  code: string;
}

/** The first of `candidates` that exists, by its real path, which must lie inside one of `roots`. */
export function findContained(candidates: readonly string[], roots: readonly string[]): FoundRubric {
  for (const f of candidates) {
    const c = containedFile(f, roots);
    if (c.ok) return { file: c.real, code: 'ok' };
    if (c.code === 'path-outside') return { error: `${c.reason}: a rubric must lie inside its folder`, code: 'path-outside' };
    if (c.code === 'unreadable') return { error: c.reason, code: 'unreadable-file' };
  }
  return { code: 'unknown-rubric' };
}

/** A rubric id looked up as <id>.yaml in each folder, contained in that folder (symlinks resolved). */
export function findInDirs(id: string, dirs: readonly string[]): FoundRubric {
  if (!RUBRIC_ID.test(id)) return { error: "is not a rubric id (letters, digits, '.', '_' and '-')", code: 'bad-rubric-ref' };
  for (const d of dirs) {
    const r = findContained([join(d, `${id}.yaml`)], [realDir(d)]);
    if (r.file || r.error) return r;
  }
  return { code: 'unknown-rubric' };
}

/** Loads a rubric file; `extends` are resolved against `searchDirs` (the rubric's own folder first). */
export function loadRubricFile(file: string, searchDirs: string[] = [], seen: Set<string> = new Set()): RubricResult {
  const src = readSource(file);
  if (!src.ok) return { ok: false, diagnostics: [src.diagnostic] };
  return loadRubricText(file, src.text, [dirname(file), ...searchDirs, RUBRICS_DIR], seen);
}

export function loadRubricText(
  file: string,
  text: string,
  searchDirs: string[] = [RUBRICS_DIR],
  seen: Set<string> = new Set(),
): RubricResult {
  // Plain YAML takes the fast path (data and positions in one js-yaml pass); anything else the full parser.
  let data: unknown;
  let locate: Locator;
  const fast = fastParse(text, detectFormat(file, text));
  if (fast?.locate) {
    data = fast.data;
    locate = fast.locate;
  } else {
    const parsed = parseSource(file, text);
    if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
    data = parsed.parsed.data;
    locate = createLocator(parsed.parsed);
  }
  const { validate, schema } = getValidator('rubric');
  if (!validate(data)) {
    const problems = translateSchemaErrors(validate.errors ?? [], data, schema);
    return { ok: false, diagnostics: problems.map((p) => locatedError(file, locate, p.path, p.message, p.code, p.key)) };
  }
  return buildRubric(file, data as RawRubric, locate, searchDirs, seen);
}

/** Builds a rubric from already-validated data (also used for rubrics written inline in a problem). */
export function buildRubric(
  file: string,
  raw: RawRubric,
  locate: Locator | undefined,
  searchDirs: string[],
  seen: Set<string> = new Set(),
  basePath: SpecPath = [],
): RubricResult {
  const diagnostics: Diagnostic[] = [];
  const checks = new Map<string, RubricCheck>();
  const assertions = new Map<string, RubricAssertion>();
  const disabled: string[] = [];
  let passMark = DEFAULT_PASS_MARK;

  for (const [i, parentId] of (raw.extends ?? []).entries()) {
    const found = findInDirs(parentId, searchDirs);
    const parentFile = found.file;
    const at = [...basePath, 'extends', i];
    if (found.error) {
      diagnostics.push(locatedError(file, locate, at, `extends rubric "${parentId}", which ${found.error}`, found.code));
      continue;
    }
    if (!parentFile) {
      diagnostics.push(
        locatedError(file, locate, at, `extends unknown rubric "${parentId}" (looked in ${searchDirs.join(', ')})`, 'unknown-rubric'),
      );
      continue;
    }
    if (seen.has(parentFile)) {
      diagnostics.push(locatedError(file, locate, at, `rubric "${parentId}" extends itself through a cycle`, 'rubric-cycle'));
      continue;
    }
    const parent = loadRubricFile(parentFile, searchDirs, new Set([...seen, parentFile]));
    if (!parent.ok) {
      diagnostics.push(...parent.diagnostics);
      continue;
    }
    for (const c of parent.rubric.checks) checks.set(c.id, c);
    for (const a of parent.rubric.assertions) assertions.set(a.id, a);
    passMark = parent.rubric.passMark;
  }

  const known = checkIds();
  for (const [id, entry] of Object.entries(raw.checks)) {
    const at = [...basePath, 'checks', id];
    if (entry === false) {
      checks.delete(id);
      disabled.push(id);
      continue;
    }
    const check = getCheck(id);
    if (!check) {
      const guess = closestMatch(id, known);
      diagnostics.push(
        locatedError(
          file,
          locate,
          at,
          `unknown check "${id}"${guess ? `: did you mean "${guess}"?` : ''} (sdcoach explain lists them)`,
          'unknown-check',
          true,
        ),
      );
      continue;
    }
    const e = entry === true ? {} : entry;
    const inherited = checks.get(id);
    const options = { ...(inherited?.options ?? {}), ...(e.options ?? {}) };
    if (e.options) {
      for (const p of validateOptions(check, options)) {
        diagnostics.push(locatedError(file, locate, [...at, 'options', ...p.path], `${id}: ${p.message}`, p.code, p.key));
      }
    }
    const pos = locate?.(at, { key: true });
    checks.set(id, {
      id,
      weight: e.weight ?? inherited?.weight ?? 1,
      mustPass: e.must_pass ?? inherited?.mustPass ?? false,
      options,
      source: { file, ...(pos ?? {}) },
    });
  }

  const ownIds = new Map<string, number>();
  for (const [i, a] of (raw.assertions ?? []).entries()) {
    const at = [...basePath, 'assertions', i, 'expr'];
    const twin = ownIds.get(a.id);
    if (twin !== undefined) {
      // Silently replacing the first (perhaps a must-pass one) would change the grade unseen.
      diagnostics.push(
        locatedError(
          file,
          locate,
          [...basePath, 'assertions', i, 'id'],
          `assertion id "${a.id}" is used twice in this rubric (also assertions[${twin}]): give each assertion its own id`,
          'duplicate-assertion',
        ),
      );
      continue;
    }
    ownIds.set(a.id, i);
    const compiled = compileAssertion(a.expr);
    if (!compiled.ok) {
      diagnostics.push(locatedError(file, locate, at, `assertion "${a.id}": ${compiled.error}`, 'bad-expression'));
      continue;
    }
    const pos = locate?.(at);
    const out: RubricAssertion = {
      id: a.id,
      title: a.title ?? a.message,
      expr: a.expr,
      message: a.message,
      topic: a.topic ?? 'assertion',
      weight: a.weight ?? 1,
      mustPass: a.must_pass ?? false,
      compiled: compiled.assertion,
      source: { file, ...(pos ?? {}) },
    };
    if (a.hint !== undefined) out.hint = a.hint;
    assertions.set(a.id, out);
  }

  if (diagnostics.length) return { ok: false, diagnostics };
  const rubric: Rubric = {
    id: raw.id ?? 'inline',
    title: raw.title ?? raw.id ?? 'Rubric',
    passMark: raw.pass_mark ?? passMark,
    checks: [...checks.values()],
    assertions: [...assertions.values()],
    file,
  };
  if (raw.description !== undefined) rubric.description = raw.description;
  if (disabled.length) rubric.disabled = disabled;
  return { ok: true, rubric };
}

/**
 * The default rubric as the build read it (dist/rubrics/general.json, written by scripts/build.mjs): the
 * YAML's text and the rubric loaded from it, with its file named relative to rubrics/. A start of
 * `sdcoach grade` then neither parses the YAML nor loads the rubric validator. Used only while the
 * YAML still reads the same, and only for a rubric that is that one file (no extends, no assertions,
 * whose compiled expressions are not data).
 */
export interface PrebuiltRubric {
  text: string;
  rubric: Rubric;
}

const PREBUILT_DEFAULT = fileURLToPath(new URL('../rubrics/general.json', import.meta.url));

/** A loaded rubric as data for dist/rubrics/: undefined when it is not one file's plain checks. */
export function prebuiltRubric(rubric: Rubric, text: string): PrebuiltRubric | undefined {
  const file = rubric.file;
  if (!file || rubric.assertions.length || rubric.checks.some((c) => c.source?.file !== file)) return undefined;
  return { text, rubric: namedFile(rubric, file.slice(RUBRICS_DIR.length)) };
}

/** The rubric with `file` as its file and every check's source file (one file's plain checks). */
function namedFile(rubric: Rubric, file: string): Rubric {
  return { ...rubric, file, checks: rubric.checks.map((c) => ({ ...c, source: { ...c.source, file } })) };
}

/** The rubric of rubrics/<name> from its prebuilt data, when that data was built from this very text. */
export function fromPrebuilt(pre: PrebuiltRubric, text: string): Rubric | undefined {
  if (pre.text !== text || !pre.rubric.file) return undefined;
  return namedFile(pre.rubric, join(RUBRICS_DIR, pre.rubric.file));
}

function prebuiltDefault(file: string): Rubric | undefined {
  try {
    return fromPrebuilt(JSON.parse(readFileSync(PREBUILT_DEFAULT, 'utf8')) as PrebuiltRubric, readFileSync(file, 'utf8'));
  } catch {
    return undefined; // not built (tests run from src/), or unreadable: the YAML is read as usual
  }
}

/** The rubric used when neither a problem nor a rubric is given: every general check, default options. */
export function defaultRubric(): Rubric {
  const file = join(RUBRICS_DIR, 'general.yaml');
  const built = prebuiltDefault(file);
  if (built) return built;
  const r = loadRubricFile(file);
  if (!r.ok) throw new Error(`the shipped rubric ${file} is invalid: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  return r.rubric;
}
