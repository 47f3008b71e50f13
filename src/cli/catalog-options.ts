// The --problems option shared by commands that read the catalog.
import type { Command } from 'commander';
import { catalogDirs } from '../problems/catalog.js';

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Catalog folders for this invocation: shipped + --problems (global) + SDCOACH_PROBLEMS. */
export function catalogsFor(cmd: Command): string[] {
  const global = cmd.optsWithGlobals() as { problems?: string[] };
  return catalogDirs(global.problems ?? []);
}
