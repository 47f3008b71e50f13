// Start-up of the commands run most often (validate, grade, drill, metrics, diagram) from a code-cached bundle.
// The build writes, for each of them, one CommonJS bundle of that command alone (dist/cli/cached-<command>.cjs,
// no other command in it) and V8's code cache of it (<bundle>.cache), taken after the command has run on
// the shipped examples (scripts/cli-cache.mjs), so it holds the bytecode of every function those runs
// compiled: a start then neither parses the command's code nor compiles its functions on first call.
// Node 20 has no code cache for ES modules (module.enableCompileCache is 22.1+), hence a script run the
// way `require` runs a module. Anything missing (no bundle, a Node without vm's main-context loader for
// dynamic imports) and bin/sdcoach.js starts the ES module CLI (dist/cli/run.js) as before; a cache made
// by another Node version is rejected by V8 and the bundle compiles as usual.
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { codeCacheFile, enterShortRun, runScriptModule, scriptFile } from '../specfile/script-file.js';
import { commandIndex, invokedCommand } from './invoked.js';

// The build's cache maker (scripts/cli-cache.mjs) reads these from this module's bundle.
export { codeCacheFile, enterShortRun, isShortRun } from '../specfile/script-file.js';

/** The commands with a code-cached bundle (the build makes one per name, src/cli/<name>.ts registering it). */
export const CACHED_COMMANDS = ['validate', 'grade', 'drill', 'metrics', 'diagram'] as const;

export type Run = (argv: string[]) => Promise<number>;

/** dist/cli/cached-<command>.cjs, next to this module (two folders deep, as every bundled source). */
export function bundleFile(command: string, dir = dirname(fileURLToPath(import.meta.url))): string {
  return `${dir}/cached-${command}.cjs`;
}

/** Dynamic import() from a script needs the main context's loader (Node 20.12+, 21.7+); undefined without. */
function mainContextLoader(): unknown {
  return (vm as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
}

/** The bundle, a script file (src/specfile/script-file.ts), with its code cache when given one (bytes or file); undefined on a Node that cannot run it. */
export function bundleScript(file: string, cache?: Buffer | string): vm.Script | undefined {
  const loader = mainContextLoader();
  if (!loader) return undefined;
  return scriptFile(file, { importModuleDynamically: loader as unknown as vm.ScriptOptions['importModuleDynamically'] }, cache);
}

/** Runs the bundle's module code as `require` would, and returns its entry. */
export function bundleEntry(script: vm.Script, file: string): Run {
  const { run } = runScriptModule(script, file) as { run?: Run };
  if (typeof run !== 'function') throw new Error(`${file} has no run()`);
  return run;
}

/**
 * Inputs up to this many bytes in all make a short run (script-file.ts: the interpreter only). The
 * 40-component example is 11 kB; a call on more than ~24 specs of that size runs no slower compiled, and
 * specs with thousands of errors run faster compiled from ~48 kB on (measured on Node 20).
 */
export const SHORT_RUN_MAX_BYTES = 32 * 1024;

/**
 * Whether a command line is a short run: the files it names (its operands, and option values that are
 * files) hold at most SHORT_RUN_MAX_BYTES in all. A directory named, or no file at all, is not: the size
 * of the work is unknown.
 */
export function isShortCommandLine(argv: readonly string[]): boolean {
  let bytes = 0;
  let files = 0;
  const command = commandIndex(argv);
  for (let i = command + 1; command > 0 && i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('-')) continue;
    let st;
    try {
      st = statSync(a, { throwIfNoEntry: false });
    } catch {
      // Not a file to read (a path through a file, a name too long, a NUL): the command says so, not this.
      continue;
    }
    if (st?.isDirectory()) return false;
    if (st?.isFile()) {
      bytes += st.size;
      files++;
    }
  }
  return files > 0 && bytes <= SHORT_RUN_MAX_BYTES;
}

/** The code-cached entry of the command `argv` names, or undefined when it has none (or cannot load here). */
export function cachedEntry(argv: readonly string[]): Run | undefined {
  const command = invokedCommand(argv);
  if (!command || !(CACHED_COMMANDS as readonly string[]).includes(command)) return undefined;
  const file = bundleFile(command);
  if (!existsSync(file) || !mainContextLoader()) return undefined;
  // Before any code cache is read: the flags decide which cache V8 takes. (Not for the ES module CLI,
  // which a Node without the loader runs: it compiles from source, where the compilers do pay back.)
  if (isShortCommandLine(argv)) enterShortRun();
  const script = bundleScript(file, codeCacheFile(file));
  return script && bundleEntry(script, file);
}
