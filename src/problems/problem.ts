// A catalog problem loaded from problems/<id>/problem.yaml: scenario, stages, rubric references,
// hints, reference solutions and flawed fixtures. Errors are located at file:line:column.
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Diagnostic, SpecPath } from '../spec/diagnostic.js';
import type { Givens } from '../spec/givens.js';
import { createLocator, type Locator } from '../spec/locate.js';
import { parseSource } from '../spec/parse.js';
import { translateSchemaErrors } from '../spec/schema-errors.js';
import { getValidator } from '../spec/schema-validator.js';
import { readSource } from '../spec/source.js';

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
  title: string;
  prompt: string;
  /** A file path or rubric id, or the inline rubric data. */
  rubric: string | Record<string, unknown>;
  hints: string[];
  solution: string;
  fixtures: ProblemFixture[];
  /** What this stage changes in the givens. */
  givens?: Givens;
  path: SpecPath;
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
  stages: { title: string; prompt: string; rubric: string | Record<string, unknown>; hints: string[]; solution: string; givens?: Givens; fixtures?: { file: string; description?: string; fails: string[] }[] }[];
}

/** Loads and validates problems/<id>/problem.yaml. File references must exist inside the folder. */
export function loadProblem(dir: string): ProblemResult {
  const file = join(dir, 'problem.yaml');
  const src = readSource(file);
  if (!src.ok) return { ok: false, diagnostics: [src.diagnostic] };
  const parsed = parseSource(file, src.text);
  if (!parsed.ok) return { ok: false, diagnostics: parsed.diagnostics };
  const locate = createLocator(parsed.parsed);
  const at = (path: SpecPath, message: string, code: string, key = false): Diagnostic => ({ file, ...(locate(path, { key }) ?? {}), path, message, code, severity: 'error' });
  const { validate, schema } = getValidator('problem');
  if (!validate(parsed.parsed.data)) {
    return { ok: false, diagnostics: translateSchemaErrors(validate.errors ?? [], parsed.parsed.data, schema).map((p) => at(p.path, p.message, p.code, p.key)) };
  }
  const raw = parsed.parsed.data as RawProblem;
  const diagnostics: Diagnostic[] = [];
  const folder = basename(resolve(dir));
  if (raw.id !== folder) diagnostics.push(at(['id'], `id "${raw.id}" must match its folder name "${folder}"`, 'id-mismatch'));
  const inside = (rel: string, path: SpecPath, what: string): string => {
    const abs = resolve(dir, rel);
    if (!abs.startsWith(`${resolve(dir)}/`)) diagnostics.push(at(path, `${what} "${rel}" points outside the problem folder`, 'path-outside'));
    else if (!existsSync(abs)) diagnostics.push(at(path, `${what} "${rel}" does not exist in ${dir}`, 'missing-file'));
    return abs;
  };
  const starter = inside(raw.starter, ['starter'], 'starter');
  const stages: ProblemStage[] = raw.stages.map((s, i) => ({
    number: i + 1,
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
  }));
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
      file: resolve(file),
      dir: resolve(dir),
      catalog: dirname(resolve(dir)),
      locate,
    },
  };
}
