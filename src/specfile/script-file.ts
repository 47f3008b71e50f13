// A CommonJS module stored as a script file: the build writes the precompiled validators
// (dist/validators/*.cjs) and the code-cached command bundles (dist/cli/cached-*.cjs) this way, and
// their loaders compile them with vm.Script and V8's code cache. The file holds the module already in
// the function `require` would wrap it in, so the text read is the script compiled: joining a wrapper
// to half a megabyte of source made V8 copy it whole into one flat string before compiling. Every
// character is ASCII (escaped in strings and regular expressions), so it reads as latin1: one byte
// a character, no UTF-8 decoding, and V8 keeps it as a one-byte string.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type v8 from 'node:v8';
import vm from 'node:vm';

const HEAD = '(function (exports, require, module, __filename, __dirname) {';
const TAIL = '\n})';

/** The text of a script file for CommonJS `code`: non-ASCII characters escaped, the module wrapped. */
export function scriptFileText(code: string): string {
  // \u escapes are valid wherever such a character can be in generated code (string literals, regular
  // expressions; comments take them as text), and a character beyond U+FFFF becomes its surrogate pair.
  const ascii = code.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `${HEAD}${ascii}${TAIL}`;
}

// One read buffer for every script file and code cache a process reads (grown to the largest): a command
// reads its bundle, its cache, then a validator and its cache, each 0.2-0.9 MB. Read with readFileSync,
// each took a fresh buffer, so fresh pages of memory, which cost more here than the read (~340 page faults,
// ~7 ms, for grade's four files). The source is copied out of it into a string, and V8 is done with a
// cache when the script is compiled, so the next read may overwrite both. Shared by every bundle's copy of this module.
const READ_BUFFER = Symbol.for('sdcoach.script-read-buffer');

/** The whole file, in the shared read buffer: valid until the next read. */
function readShared(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const slot = globalThis as Record<symbol, Buffer | undefined>;
    let buffer = slot[READ_BUFFER];
    if (!buffer || buffer.length < size) buffer = slot[READ_BUFFER] = Buffer.allocUnsafeSlow(Math.max(size, 1 << 20));
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/** The text of a script file as compiled: latin1 (script files are ASCII). */
export function readScriptFile(file: string): string {
  return readShared(file).toString('latin1');
}

/**
 * Compiles a script file; run it with runScriptModule. With V8's code cache: its bytes, or the file that
 * holds them (read after the source, into the same buffer; a missing file compiles without).
 */
export function scriptFile(
  file: string,
  options: Omit<vm.ScriptOptions, 'filename' | 'cachedData'> = {},
  cache?: Buffer | string,
): vm.Script {
  const text = readScriptFile(file);
  if (!text.startsWith(HEAD)) throw new Error(`${file} is not a script file (rebuild: npm run build)`);
  let cachedData = typeof cache === 'string' ? undefined : cache;
  if (typeof cache === 'string') {
    try {
      cachedData = readShared(cache);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return new vm.Script(text, { ...options, filename: file, ...(cachedData ? { cachedData } : {}) });
}

/** Runs a compiled script file's module code as `require` would, and returns its exports. */
export function runScriptModule(script: vm.Script, file: string): unknown {
  const mod = { exports: {} as unknown };
  const init = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: typeof mod, f: string, d: string) => void;
  init(mod.exports, createRequire(file), mod, file, dirname(file));
  return mod.exports;
}

// Short runs. A command over a small input (one spec, a few) is over before V8's compilers pay back:
// Sparkplug compiles on the main thread, TurboFan and Maglev fill memory with their work, and on a machine
// where a fresh page of memory costs ~17 us that is what a 200 ms process spends most on. Measured on
// Node 20 here, `grade` of the 40-component example ran 17-20 ms faster with 1,250 fewer page faults
// interpreted (Ignition) only, validate 15 ms and drill 20 ms; 24 specs of that size in one call ran
// alike either way, and a 64 kB spec of thousands of errors ran faster compiled. So a small run
// (src/cli/cached.ts decides) sets these flags before it loads any code cache. V8 takes a code cache
// only under the flags it was made under, so the build makes every cache twice: <file>.cache under
// the default flags, <file>.short.cache under these.

// Nor does a short run schedule young-generation collections as tasks (--no-minor-gc-task): V8 posts one when
// the new space is 80 % full, and Node runs the pending tasks before the process exits, so a grade of the
// 40-component example spent its last 5 ms collecting garbage nobody would use (scavenges on a full new space
// still happen). Measured on Node 20, paired with bare Node: grade 7-17 ms faster (median of 15), validate and
// drill 3 ms.

/** V8's flags for a short run: the interpreter only, no baseline or optimizing compiler, no scavenge tasks. */
export const SHORT_RUN_FLAGS = '--no-turbofan --no-maglev --no-sparkplug --no-minor-gc-task';

// Shared by every bundle in the process (the loader and a command's bundle each hold a copy of this module).
const SHORT_RUN = Symbol.for('sdcoach.short-run');

/** Switches this process to a short run: call before any code cache loads (never undone). */
export function enterShortRun(): void {
  if (isShortRun()) return;
  // Loaded here, not at the top: node:v8 brings Node's streams with it (~5 ms), which a run that is not
  // short, and every module that reads a script file, would pay for nothing.
  (createRequire(import.meta.url)('node:v8') as typeof v8).setFlagsFromString(SHORT_RUN_FLAGS);
  (globalThis as Record<symbol, unknown>)[SHORT_RUN] = true;
}

export function isShortRun(): boolean {
  return (globalThis as Record<symbol, unknown>)[SHORT_RUN] === true;
}

/** The code cache of a script file made under the flags this process runs with. */
export function codeCacheFile(file: string): string {
  return isShortRun() ? `${file}.short.cache` : `${file}.cache`;
}
