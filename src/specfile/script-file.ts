// A CommonJS module stored as a script file: the build writes the precompiled validators
// (dist/validators/*.cjs) and the code-cached command bundles (dist/cli/cached-*.cjs) this way, and
// their loaders compile them with vm.Script and V8's code cache. The file holds the module already in
// the function `require` would wrap it in, so the text read is the script compiled: joining a wrapper
// to half a megabyte of source made V8 copy it whole into one flat string before compiling. Every
// character is ASCII (escaped in strings and regular expressions), so it reads as latin1: one byte
// a character, no UTF-8 decoding, and V8 keeps it as a one-byte string.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
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

/** Compiles a script file (with V8's code cache when given one); run it with runScriptModule. */
export function scriptFile(file: string, options: Omit<vm.ScriptOptions, 'filename' | 'cachedData'> = {}, cachedData?: Buffer): vm.Script {
  const text = readFileSync(file, 'latin1');
  if (!text.startsWith(HEAD)) throw new Error(`${file} is not a script file (rebuild: npm run build)`);
  return new vm.Script(text, { ...options, filename: file, ...(cachedData ? { cachedData } : {}) });
}

/** Runs a compiled script file's module code as `require` would, and returns its exports. */
export function runScriptModule(script: vm.Script, file: string): unknown {
  const mod = { exports: {} as unknown };
  const init = script.runInThisContext() as (e: unknown, r: NodeJS.Require, m: typeof mod, f: string, d: string) => void;
  init(mod.exports, createRequire(file), mod, file, dirname(file));
  return mod.exports;
}
