// A throw-away copy of a shipped problem in a catalog of its own, for hostile edits.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../cli/run-cli.js';

export interface TempCatalog {
  /** The copy's id (the shipped one's would clash with the shipped catalog). */
  id: string;
  /** Holds catalog/ and, beside it, files outside the catalog. */
  root: string;
  catalog: string;
  problem: string;
  /** A file outside the catalog with keys a leak would echo. */
  secret: string;
  edit: (from: string | RegExp, to: string) => void;
}

export function tempCatalog(source = 'order-history', id = 'hostile-orders'): TempCatalog {
  const root = mkdtempSync(join(tmpdir(), 'sdcoach-catalog-'));
  const catalog = join(root, 'catalog');
  const problem = join(catalog, id);
  mkdirSync(catalog);
  cpSync(join(ROOT, 'problems', source), problem, { recursive: true });
  const secret = join(root, 'secret.yaml');
  writeFileSync(secret, 'database_password: hunter2\napi_token: s3cr3t\n');
  const file = join(problem, 'problem.yaml');
  const edit = (from: string | RegExp, to: string) => {
    const text = readFileSync(file, 'utf8');
    const next = text.replace(from, to);
    if (next === text) throw new Error(`edit did not apply: ${String(from)}`);
    writeFileSync(file, next);
  };
  edit(`id: ${source}\n`, `id: ${id}\n`);
  return { id, root, catalog, problem, secret, edit };
}

/** The CQRS stage of order-history (after its estimate stage), whose inline rubric CQRS_RUBRIC matches. */
export const CQRS_STAGE = 2;
/** Replaces the CQRS stage's inline rubric with a reference. */
export const CQRS_RUBRIC =
  /    rubric:\n      pass_mark: 80\n      checks:\n        design\/pattern-declared: \{must_pass: true, options: \{pattern: cqrs\}\}\n(?:        .*\n)*?(?=    hints:)/;
