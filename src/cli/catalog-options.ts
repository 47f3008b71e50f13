// The catalogs an invocation reads (shipped + --problems + SDCOACH_PROBLEMS), for commands that use the catalog.
import type { Command } from 'commander';
import { catalogDirs, findProblem } from '../problems/catalog.js';
import type { Problem } from '../problems/problem.js';
import { formatDiagnostic } from '../specfile/diagnostic.js';
import { EXIT } from './io.js';

/** Catalog folders for this invocation: shipped + --problems (global) + SDCOACH_PROBLEMS. */
export function catalogsFor(cmd: Command): string[] {
  const global = cmd.optsWithGlobals<{ problems?: string[] }>();
  return catalogDirs(global.problems ?? []);
}

/** Finds a problem in this invocation's catalogs, or prints why not and sets exit code 2. */
export function problemOrUsageError(id: string, cmd: Command): Problem | undefined {
  const r = findProblem(id, catalogsFor(cmd));
  if (r.ok) return r.problem;
  for (const d of r.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
  process.exitCode = EXIT.usage;
  return undefined;
}
