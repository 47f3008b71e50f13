// The catalogs an invocation reads (shipped + --problems + SDCOACH_PROBLEMS), for commands that use the catalog.
import type { Command } from 'commander';
import { catalogDirs, findProblem } from '../problems/catalog.js';
import type { Problem } from '../problems/problem.js';
import { formatDiagnostic, type Diagnostic } from '../specfile/diagnostic.js';
import { loadSpecFile, withGivens, type LoadedSpec } from '../specfile/load.js';
import { stageGivens } from '../problems/stage-rubric.js';
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

/**
 * Loads a spec with the givens of the problem and stage it is graded against (`--problem`/`--stage`,
 * else the spec's own `problem:`/`stage:`), or prints why not and sets exit code 2.
 */
export function loadWithGivens(spec: string, opts: { problem?: string; stage?: number }, cmd: Command): LoadedSpec | undefined {
  const r = loadSpecFile(spec);
  const g = r.ok ? givensApplied(r.loaded, opts, catalogsFor(cmd)) : r;
  if (!g.ok) {
    for (const d of g.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    process.exitCode = EXIT.usage;
    return undefined;
  }
  return g.loaded;
}

/**
 * A loaded spec with the givens of the problem and stage it answers (`--problem`/`--stage`, else the
 * spec's own `problem:`/`stage:`): the figures grade, metrics, drill and diagram all compute with.
 */
export function givensApplied(
  loaded: LoadedSpec,
  opts: { problem?: string; stage?: number },
  catalogs: string[],
): { ok: true; loaded: LoadedSpec } | { ok: false; diagnostics: Diagnostic[] } {
  const problemId = opts.problem ?? loaded.model.problem;
  if (problemId === undefined) return { ok: true, loaded };
  const found = findProblem(problemId, catalogs);
  if (!found.ok) return found;
  const stage = opts.stage ?? (opts.problem ? undefined : loaded.model.stage) ?? 1;
  return { ok: true, loaded: withGivens(loaded, stageGivens(found.problem, stage)) };
}
