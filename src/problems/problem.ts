// A catalog problem loaded from problems/<id>/problem.yaml: scenario, stages, rubric references,
// hints, reference solutions and flawed fixtures. Errors are located at file:line:column.
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic, SpecPath } from '../specfile/diagnostic.js';
import type { Givens } from '../specfile/givens.js';
import { createLocator, type Locator } from '../specfile/locate.js';
import { readPlainYaml, type PlainLoad } from '../specfile/plain-yaml.js';
import { parseSource } from '../specfile/parse.js';
import { translateSchemaErrors } from '../specfile/schema-errors.js';
import { getValidator } from '../specfile/schema-validator.js';
import { readSource } from '../specfile/source.js';
import { CATALOG_PATH, containedFile, realDir } from '../specfile/contain.js';
import type { EstimateReference } from '../analysis/estimates.js';
import { readInterview, type ProblemInterview, type RawInterview } from './interview.js';
import { estimateReferences, type EstimateFact, type EstimateQuantitySpec } from './estimate.js';
import { storedReferences } from './estimate-store.js';

export const PROBLEM_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;
export const DIFFICULTIES = ['warm-up', 'interview', 'staff'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface ProblemFixture {
  file: string;
  description?: string;
  fails: string[];
  path: SpecPath;
}

export interface ProblemStage {
  /** 1-based. */
  number: number;
  /** Stable id, recorded in progress files (explicit, else from the title). */
  id: string;
  kind: 'design' | 'estimate';
  /** Estimate stages: the facts the learner works from and the quantities computed from them. */
  estimate?: EstimateStage;
  title: string;
  prompt: string;
  /** A file path or rubric id, or the inline rubric data (estimate stages: built from the quantities when absent). */
  rubric: string | Record<string, unknown> | undefined;
  hints: string[];
  solution: string;
  fixtures: ProblemFixture[];
  /** What this stage changes in the givens. */
  givens?: Givens;
  /** What-if drills the design must pass; each becomes a must-pass drill check of the stage's rubric. */
  drills?: ProblemDrill[];
  /** Tiers of the given system a flow may go without from this stage on (flow name -> component ids), at no cost. */
  maySkip?: Record<string, string[]>;
  path: SpecPath;
}

/** A stage's drill as written in problem.yaml. */
export interface ProblemDrill {
  scenario: string | string[];
  check?: 'survives' | 'contained' | 'headroom';
  p99_factor?: number;
  max_utilization?: number;
  rpo_s?: number;
  retries?: number;
  max_rejected_share?: number;
}

/**
 * An estimate stage's facts and quantities. The references are computed on first use (units need mathjs,
 * which `list`, `progress` and the picker should not load); `problem check` reports their errors.
 */
export interface EstimateStage {
  facts: Record<string, EstimateFact>;
  quantities: Record<string, EstimateQuantitySpec>;
  readonly references: Record<string, EstimateReference>;
  /** Errors in the facts or formulas, located in problem.yaml (empty when the stage computes). */
  errors(): Diagnostic[];
}

export interface Problem {
  id: string;
  title: string;
  difficulty: Difficulty;
  topics: string[];
  minutes: number;
  figures: 'measured' | 'course';
  scenario: { summary: string; users?: string; numbers: { label: string; value: string }[] };
  /** The scenario's figures, used whatever a graded spec claims. */
  givens?: Givens;
  /** Absolute path of the starter spec. */
  starter: string;
  stages: ProblemStage[];
  /** The mock interview on this problem, when it defines one. */
  interview?: ProblemInterview;
  /** Absolute paths. */
  file: string;
  dir: string;
  /** The catalog folder this problem came from. */
  catalog: string;
  locate: Locator;
}

export type ProblemResult = { ok: true; problem: Problem } | { ok: false; diagnostics: Diagnostic[] };

interface RawProblem {
  id: string;
  title: string;
  difficulty: Difficulty;
  topics: string[];
  minutes: number;
  figures?: 'measured' | 'course';
  scenario: { summary: string; users?: string; numbers?: { label: string; value: string }[] };
  starter: string;
  givens?: Givens;
  interview?: RawInterview;
  stages: {
    kind?: 'design' | 'estimate';
    id?: string;
    facts?: Record<string, EstimateFact>;
    quantities?: Record<string, EstimateQuantitySpec>;
    title: string; prompt: string; rubric?: string | Record<string, unknown>; hints: string[]; solution: string; givens?: Givens; drills?: ProblemDrill[]; may_skip?: Record<string, string[]>; fixtures?: { file: string; description?: string; fails: string[] }[];
  }[];
}

/** A stage's default id: its title in lowercase, words joined by '-'. */
export function stageSlug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 64) || 'stage';
}

/**
 * problem.yaml's data and positions from the plain reader (plain-yaml.ts), where its answer is the full parser's;
 * undefined leaves the file to the full parser (the `yaml` package: ~60 ms of a grade against a problem to load
 * and run), whose errors say what is wrong. Not fastParse: its pre-scan sends a file to the full parser for an
 * "&" or "!" that starts a line, as anchors and tags may, and the rubric assertions of most problems have such
 * lines ("&& ...", "!stores[h]...") inside block scalars, while the plain reader declines anchors, aliases,
 * tags, directives and explicit keys itself, wherever they are; and its js-yaml step reads some forms (0b101,
 * +.5, a key Null) otherwise than the full parser problem files have always been read with.
 */
export function fastProblemRead(text: string): PlainLoad | undefined {
  return readPlainYaml(text);
}

/** Loads and validates problems/<id>/problem.yaml. File references must exist inside the folder. */
export function loadProblem(dir: string): ProblemResult {
  const file = join(dir, 'problem.yaml');
  const own = containedFile(file, [realDir(dirname(resolve(dir)))]);
  if (!own.ok && own.code !== 'missing-file') {
    const message = own.code === 'path-outside' ? `${own.reason}: a problem folder must lie inside its catalog (no symbolic links out of it)` : own.reason;
    return { ok: false, diagnostics: [{ file, message, code: own.code === 'path-outside' ? 'path-outside' : 'unreadable-file', severity: 'error' }] };
  }
  // The file checked above, by its real path: not whatever the name points to by the time it is read.
  const src = readSource(own.ok ? own.real : file);
  if (!src.ok) return { ok: false, diagnostics: [src.diagnostic] };
  const text = src.text.charCodeAt(0) === 0xfeff ? src.text.slice(1) : src.text;
  const fast = fastProblemRead(text);
  let data: unknown;
  let locate: Locator;
  if (fast) {
    data = fast.data;
    locate = fast.locate;
  } else {
    const parsed = parseSource(file, src.text);
    if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
    data = parsed.parsed.data;
    locate = createLocator(parsed.parsed);
  }
  const at = (path: SpecPath, message: string, code: string, key = false): Diagnostic => ({ file, ...(locate(path, { key }) ?? {}), path, message, code, severity: 'error' });
  const { validate, schema } = getValidator('problem');
  if (!validate(data)) {
    return { ok: false, diagnostics: translateSchemaErrors(validate.errors ?? [], data, schema).map((p) => at(p.path, p.message, p.code, p.key)) };
  }
  const raw = data as RawProblem;
  const diagnostics: Diagnostic[] = [];
  const folder = basename(resolve(dir));
  if (raw.id !== folder) diagnostics.push(at(['id'], `id "${raw.id}" must match its folder name "${folder}"`, 'id-mismatch'));
  // Every file the problem names is a plain relative path inside the problem folder whose real
  // path (symlinks resolved) lies inside the problem folder too; it is opened by that real path. (Inside the
  // catalog was not enough: a problem folder shared alone has the folder it was saved in as its catalog, and a
  // starter linked to ../private-notes.yaml was copied out by init: review attack.)
  const folderReal = realDir(resolve(dir));
  const inside = (rel: string, path: SpecPath, what: string): string => {
    const abs = resolve(dir, rel);
    if (!CATALOG_PATH.test(rel) || !abs.startsWith(`${resolve(dir)}/`)) {
      diagnostics.push(at(path, `${what} "${rel}" points outside the problem folder (name a file by a relative path such as fixtures/x.yaml)`, 'path-outside'));
      return abs;
    }
    const c = containedFile(abs, [folderReal], 'the problem folder');
    if (c.ok) return c.real;
    if (c.code === 'missing-file') diagnostics.push(at(path, `${what} "${rel}" ${c.reason} in ${dir}`, 'missing-file'));
    else if (c.code === 'path-outside') diagnostics.push(at(path, `${what} "${rel}" ${c.reason}: a problem may only name its own files`, 'path-outside'));
    else diagnostics.push(at(path, `${what} "${rel}" ${c.reason}`, 'unreadable-file'));
    return abs;
  };
  const starter = inside(raw.starter, ['starter'], 'starter');
  const estimateOf = (facts: Record<string, EstimateFact>, quantities: Record<string, EstimateQuantitySpec>, difficulty: Difficulty, i: number): EstimateStage => {
    let result: ReturnType<typeof estimateReferences> | undefined;
    // The build's stored references of the shipped catalog (estimate-store.ts), else computed (mathjs).
    const computed = () => (result ??= storedReferences(facts, quantities, difficulty) ?? estimateReferences(facts, quantities, difficulty));
    return {
      facts,
      quantities,
      get references() {
        const r = computed();
        return r.ok ? r.references : {};
      },
      errors: () => {
        const r = computed();
        return r.ok ? [] : r.errors.map((e) => at(['stages', i, ...e.at], e.message, 'bad-estimate-stage'));
      },
    };
  };
  const stages: ProblemStage[] = raw.stages.map((s, i) => ({
    number: i + 1,
    id: s.id ?? stageSlug(s.title),
    kind: s.kind ?? 'design',
    ...(s.kind === 'estimate' && s.facts && s.quantities ? { estimate: estimateOf(s.facts, s.quantities, raw.difficulty, i) } : {}),
    title: s.title,
    prompt: s.prompt,
    rubric: s.rubric,
    hints: s.hints,
    solution: inside(s.solution, ['stages', i, 'solution'], 'solution'),
    fixtures: (s.fixtures ?? []).map((f, j) => {
      const fx: ProblemFixture = { file: inside(f.file, ['stages', i, 'fixtures', j, 'file'], 'fixture'), fails: f.fails, path: ['stages', i, 'fixtures', j] };
      if (f.description !== undefined) fx.description = f.description;
      return fx;
    }),
    path: ['stages', i],
    ...(s.givens ? { givens: s.givens } : {}),
    ...(s.drills ? { drills: s.drills } : {}),
    ...(s.may_skip ? { maySkip: s.may_skip } : {}),
  }));
  const seenIds = new Map<string, number>();
  raw.stages.forEach((s, i) => {
    const id = s.id ?? stageSlug(s.title);
    if (seenIds.has(id)) diagnostics.push(at(['stages', i, s.id ? 'id' : 'title'], `stage ${i + 1} has the same id "${id}" as stage ${seenIds.get(id)! + 1}: give one an id:`, 'duplicate-stage-id'));
    seenIds.set(id, i);
    const q = s.quantities ?? {};
    for (const [name, spec] of Object.entries(q)) {
      if (spec.flow !== undefined && !raw.stages.slice(i + 1).length) diagnostics.push(at(['stages', i, 'quantities', name, 'flow'], `quantity ${name} feeds flow "${spec.flow}", but no stage follows this one`, 'flow-without-stage'));
    }
  });
  let interview: ProblemInterview | undefined;
  if (raw.interview) {
    const read = readInterview(raw.interview, raw.stages.map((s) => ({ kind: s.kind ?? 'design', ...(s.facts ? { facts: s.facts } : {}) })), inside, at);
    interview = read.interview;
    diagnostics.push(...read.diagnostics);
  }
  if (diagnostics.length) return { ok: false, diagnostics };
  return {
    ok: true,
    problem: {
      id: raw.id,
      title: raw.title,
      difficulty: raw.difficulty,
      topics: raw.topics,
      minutes: raw.minutes,
      figures: raw.figures ?? 'measured',
      scenario: { summary: raw.scenario.summary, ...(raw.scenario.users ? { users: raw.scenario.users } : {}), numbers: raw.scenario.numbers ?? [] },
      ...(raw.givens ? { givens: raw.givens } : {}),
      starter,
      stages,
      ...(interview ? { interview } : {}),
      file: resolve(file),
      dir: resolve(dir),
      catalog: dirname(resolve(dir)),
      locate,
    },
  };
}
