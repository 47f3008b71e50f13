// The problem catalogs: the shipped one plus any the user adds (--problems DIR, SDCOACH_PROBLEMS).
// Lists problems, finds one by id, and reports id clashes instead of silently shadowing.
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { asInvoked } from '../grading/invocation.js';
import { formatDiagnostic, type Diagnostic } from '../specfile/diagnostic.js';
import { closestMatch } from '../specfile/suggest.js';
import { loadProblem, PROBLEM_ID, type Problem } from './problem.js';

export const SHIPPED_PROBLEMS = fileURLToPath(new URL('../../problems/', import.meta.url)).replace(/\/$/, '');

/** Catalog folders in priority order: the shipped one, then --problems, then SDCOACH_PROBLEMS. */
export function catalogDirs(extra: readonly string[] = [], env: string | undefined = process.env.SDCOACH_PROBLEMS): string[] {
  const fromEnv = (env ?? '').split(delimiter).filter(Boolean);
  const all = [SHIPPED_PROBLEMS, ...extra, ...fromEnv].map((d) => resolve(d));
  return [...new Set(all)];
}

export interface CatalogEntry {
  id: string;
  dir: string;
  catalog: string;
}

export interface Catalog {
  entries: CatalogEntry[];
  /** Clashing ids, unreadable folders. */
  diagnostics: Diagnostic[];
}

/** Scans catalog folders (or single problem folders) for problem.yaml files, without loading them. */
export function scanCatalogs(dirs: readonly string[]): Catalog {
  const entries: CatalogEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, CatalogEntry>();
  for (const catalog of dirs) {
    let isDir: boolean;
    try {
      isDir = statSync(catalog).isDirectory();
    } catch {
      isDir = false;
    }
    if (!isDir) {
      diagnostics.push({ file: catalog, message: 'problem catalog folder does not exist', code: 'no-catalog', severity: 'error' });
      continue;
    }
    // A folder that is itself a problem counts as a catalog of one.
    let candidates: { id: string; dir: string; parent: string }[];
    try {
      candidates = existsSync(join(catalog, 'problem.yaml')) ? [{ id: catalog.split('/').pop()!, dir: catalog, parent: resolve(catalog, '..') }] : readdirSync(catalog).sort().map((id) => ({ id, dir: join(catalog, id), parent: catalog }));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      diagnostics.push({ file: catalog, message: `problem catalog folder cannot be read (${code === 'EACCES' ? 'permission denied' : code ?? 'unknown error'})`, code: 'unreadable-catalog', severity: 'error' });
      continue;
    }
    for (const { id, dir, parent } of candidates) {
      if (!existsSync(join(dir, 'problem.yaml'))) {
        if (unreadableFolder(dir)) diagnostics.push({ file: dir, message: 'problem folder cannot be read (permission denied)', code: 'unreadable-catalog', severity: 'error' });
        continue;
      }
      if (!PROBLEM_ID.test(id)) {
        diagnostics.push({ file: dir, message: `"${id}" is not a valid problem id (lowercase letters, digits and '-', 2-64 characters)`, code: 'bad-problem-id', severity: 'error' });
        continue;
      }
      const prev = seen.get(id);
      if (prev) {
        diagnostics.push({ file: join(dir, 'problem.yaml'), message: `problem id "${id}" is also defined in ${prev.dir}: rename one (ids must be unique across catalogs)`, code: 'duplicate-problem', severity: 'error' });
        continue;
      }
      const entry = { id, dir, catalog: parent };
      seen.set(id, entry);
      entries.push(entry);
    }
  }
  return { entries, diagnostics };
}

/** A folder that exists but cannot be listed or entered (a problem in it would be skipped silently). */
function unreadableFolder(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory()) return false;
    accessSync(dir, constants.R_OK | constants.X_OK);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EACCES';
  }
}

export type FindResult = { ok: true; problem: Problem } | { ok: false; diagnostics: Diagnostic[] };

export function findProblem(id: string, dirs: readonly string[]): FindResult {
  if (!PROBLEM_ID.test(id)) {
    return { ok: false, diagnostics: [{ file: id, message: `"${id}" is not a valid problem id (lowercase letters, digits and '-', 2-64 characters)`, code: 'bad-problem-id', severity: 'error' }] };
  }
  const { entries, diagnostics } = scanCatalogs(dirs);
  const clash = diagnostics.find((d) => d.code === 'duplicate-problem' && d.message.startsWith(`problem id "${id}"`));
  if (clash) return { ok: false, diagnostics: [clash] };
  const entry = entries.find((e) => e.id === id);
  if (!entry) {
    const ids = entries.map((e) => e.id);
    const guess = closestMatch(id, ids);
    return { ok: false, diagnostics: [{ file: id, message: asInvoked(`unknown problem "${id}"${guess ? `: did you mean "${guess}"?` : ''} (sdcoach list shows the catalog)`), code: 'unknown-problem', severity: 'error' }] };
  }
  return loadProblem(entry.dir);
}

/** Loads every problem of the catalogs; problems that do not load become formatted errors. */
export function loadCatalog(dirs: readonly string[]): { problems: Problem[]; errors: string[] } {
  const { entries, diagnostics } = scanCatalogs(dirs);
  const errors = diagnostics.map(formatDiagnostic);
  const problems: Problem[] = [];
  for (const e of entries) {
    const r = loadProblem(e.dir);
    if (r.ok) problems.push(r.problem);
    else errors.push(...r.diagnostics.map(formatDiagnostic));
  }
  if (!entries.length && !diagnostics.length && dirs.length) {
    errors.push(`${dirs.join(', ')}  no problem.yaml found (a problem folder holds problem.yaml; a catalog holds problem folders)  (no-problems)`);
  }
  return { problems, errors };
}
