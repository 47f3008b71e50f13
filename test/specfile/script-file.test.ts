// Script files (src/specfile/script-file.ts): the build stores validators and command bundles wrapped
// and ASCII, and the loaders compile exactly the text they read.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScriptFile, runScriptModule, scriptFile, scriptFileText } from '../../src/specfile/script-file.js';

const dir = mkdtempSync(join(tmpdir(), 'sdcoach-script-'));

describe('script files', () => {
  it('escape every character beyond ASCII, and the module still sees the same strings and patterns', () => {
    // "≤" is U+2264, "é" U+00E9, "😀" U+1F600 (the surrogate pair D83D DE00).
    const code = 'module.exports = { text: "≤ 2 é 😀", pattern: /^[≤é]$/u.test("é") && /😀/u.test("a😀") };';
    const text = scriptFileText(code);
    expect(/[\u0080-\uffff]/.test(text)).toBe(false);
    expect(text).toContain('\\u2264');
    expect(text).toContain('\\ud83d\\ude00');
    const file = join(dir, 'm.cjs');
    writeFileSync(file, text);
    expect(runScriptModule(scriptFile(file), file)).toEqual({ text: '≤ 2 é 😀', pattern: true });
  });

  it('run as require runs a module: exports, module.exports, __filename and require', () => {
    const file = join(dir, 'n.cjs');
    writeFileSync(file, scriptFileText("exports.name = require('node:path').basename(__filename); exports.dir = __dirname;"));
    expect(runScriptModule(scriptFile(file), file)).toEqual({ name: 'n.cjs', dir });
  });

  it('refuse a plain module (an old build) with the way out', () => {
    const file = join(dir, 'plain.cjs');
    writeFileSync(file, 'module.exports = 1;');
    expect(() => scriptFile(file)).toThrow(/is not a script file \(rebuild: npm run build\)/);
  });

  it('a code cache made from one is taken by the next compile of the same file', () => {
    const file = join(dir, 'c.cjs');
    writeFileSync(file, scriptFileText('module.exports = function f(n) { return n * 2; };'));
    const first = scriptFile(file);
    (runScriptModule(first, file) as (n: number) => number)(21);
    const again = scriptFile(file, {}, first.createCachedData());
    expect(again.cachedDataRejected).toBe(false);
    expect(readFileSync(file, 'latin1').startsWith('(function (exports, require, module, __filename, __dirname) {')).toBe(true);
  });

  it('read through one shared buffer: each text intact after later reads, a cache read from its file, a missing one skipped', () => {
    // Files larger than the buffer's first size (1 MiB), then a smaller one: the buffer grows, then is reused.
    const big = join(dir, 'big.cjs');
    const small = join(dir, 'small.cjs');
    writeFileSync(big, scriptFileText(`module.exports = ${JSON.stringify('b'.repeat(1_500_000))}.length;`));
    writeFileSync(small, scriptFileText('module.exports = function g(n) { return n + 1; };'));
    const bigText = readScriptFile(big);
    const smallText = readScriptFile(small);
    expect(bigText).toBe(readFileSync(big, 'latin1'));
    expect(smallText).toBe(readFileSync(small, 'latin1'));
    expect(runScriptModule(scriptFile(big), big)).toBe(1_500_000);
    const first = scriptFile(small);
    (runScriptModule(first, small) as (n: number) => number)(1);
    writeFileSync(`${small}.cache`, first.createCachedData());
    const cached = scriptFile(small, {}, `${small}.cache`);
    expect(cached.cachedDataRejected).toBe(false);
    expect((runScriptModule(cached, small) as (n: number) => number)(41)).toBe(42);
    // The big file read after the cache: its text is not the cache's bytes.
    expect(runScriptModule(scriptFile(big, {}, join(dir, 'no-such.cache')), big)).toBe(1_500_000);
    expect(scriptFile(big, {}, join(dir, 'no-such.cache')).cachedDataRejected).toBeUndefined();
  });
});
