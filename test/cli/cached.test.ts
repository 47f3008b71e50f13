// The code-cached start (src/cli/cached.ts): each cached command's bundle and each validator loads with
// the code cache the build made (a rejected cache costs every start its compile, silently), and prints
// what the ES module CLI prints.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CACHED_COMMANDS, isShortCommandLine, SHORT_RUN_MAX_BYTES } from '../../src/cli/cached.js';
import { scriptFile } from '../../src/specfile/script-file.js';
import { BIN, ROOT } from './run-cli.js';

const DIST = join(ROOT, 'dist');
const LARGE = join(ROOT, 'examples/large-platform.yaml');
const loader = (vm as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

describe.skipIf(!loader)('code-cached commands', () => {
  it('every bundle and validator takes its code cache', () => {
    const files = [
      ...CACHED_COMMANDS.map((c) => join(DIST, 'cli', `cached-${c}.cjs`)),
      join(DIST, 'validators', 'spec.cjs'),
      join(DIST, 'vendor', 'mathjs.cjs'),
    ];
    for (const file of files) {
      const options = file.includes('/cli/') ? { importModuleDynamically: loader as vm.ScriptOptions['importModuleDynamically'] } : {};
      const script = scriptFile(file, options, readFileSync(`${file}.cache`));
      expect(script.cachedDataRejected, file).toBe(false);
    }
  });

  it("under a short run's flags every bundle and validator takes its short-run cache, and no default one", () => {
    // A fresh process: the flags, once set, stay for the life of the process (vitest's worker must keep V8's compilers).
    const files = [
      ...CACHED_COMMANDS.map((c) => join(DIST, 'cli', `cached-${c}.cjs`)),
      ...['spec', 'rubric', 'problem'].map((n) => join(DIST, 'validators', `${n}.cjs`)),
      join(DIST, 'vendor', 'mathjs.cjs'),
    ];
    const probe = `
      const { readFileSync } = require('node:fs');
      const vm = require('node:vm');
      const { enterShortRun, codeCacheFile, isShortRun } = require(${JSON.stringify(join(DIST, 'cli', 'cached.cjs'))});
      const before = isShortRun();
      enterShortRun();
      const out = { before, after: isShortRun(), files: {} };
      for (const file of ${JSON.stringify(files)}) {
        const options = file.includes('/cli/') ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER } : {};
        const compile = (cache) => new vm.Script(readFileSync(file, 'latin1'), { ...options, filename: file, cachedData: readFileSync(cache) }).cachedDataRejected;
        out.files[file] = { cacheFile: codeCacheFile(file), short: compile(codeCacheFile(file)), plain: compile(file + '.cache') };
      }
      process.stdout.write(JSON.stringify(out));`;
    const r = spawnSync(process.execPath, ['-e', probe], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as {
      before: boolean;
      after: boolean;
      files: Record<string, { cacheFile: string; short: boolean; plain: boolean }>;
    };
    expect([out.before, out.after]).toEqual([false, true]);
    for (const file of files) {
      expect(out.files[file], file).toEqual({ cacheFile: `${file}.short.cache`, short: false, plain: true });
    }
  });

  it('a command over a small input runs short; over a large one, a folder or nothing it does not', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-short-'));
    try {
      const small = join(dir, 'small.yaml');
      const half = join(dir, 'half.yaml');
      writeFileSync(small, readFileSync(LARGE));
      writeFileSync(half, 'x'.repeat(SHORT_RUN_MAX_BYTES / 2 + 1));
      const argv = (...args: string[]) => [process.execPath, BIN, ...args];
      expect(isShortCommandLine(argv('grade', small))).toBe(true);
      // Option values that are not files add nothing; --problems' folder before the command is skipped.
      expect(isShortCommandLine(argv('--problems', dir, 'grade', '-p', 'order-history', '-s', '2', '--format', 'json', small))).toBe(true);
      expect(isShortCommandLine(argv('grade', small, half))).toBe(true);
      // Two halves and the small spec: over the limit, so V8 compiles as usual.
      expect(isShortCommandLine(argv('grade', small, half, half))).toBe(false);
      expect(isShortCommandLine(argv('grade', dir))).toBe(false);
      expect(isShortCommandLine(argv('grade', join(dir, 'missing.yaml')))).toBe(false);
      expect(isShortCommandLine(argv('grade'))).toBe(false);
      // Arguments that cannot be looked at are left to the command to report, never thrown here.
      expect(isShortCommandLine(argv('grade', small, '-o', join(small, 'x.svg'), 'a\0b', 'n'.repeat(5000)))).toBe(true);
      // The entry sets the flags only for a short run (each probe a fresh process).
      const probe = (args: string[]) =>
        spawnSync(
          process.execPath,
          [
            '-e',
            `const c = require(${JSON.stringify(join(DIST, 'cli', 'cached.cjs'))}); c.cachedEntry(${JSON.stringify(argv(...args))}); process.stdout.write(c.isShortRun() + ' ' + process.moduleLoadList.includes('NativeModule v8'));`,
          ],
          { encoding: 'utf8' },
        ).stdout;
      // node:v8 (which sets the flags, and loads Node's streams) only for a short run.
      expect(probe(['grade', small])).toBe('true true');
      expect(probe(['grade', small, half, half])).toBe('false false');
      expect(probe(['list'])).toBe('false false');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('print what the ES module CLI prints, exit code included', () => {
    const env = { ...process.env, NO_COLOR: '1' };
    const runs: string[][] = [
      ['validate', LARGE],
      ['grade', LARGE],
      ['grade', '--format', 'json', LARGE],
      ['metrics', LARGE],
      ['drill', LARGE, '--scenario', 'surge:2'],
      ['diagram', LARGE, '--ascii', '--width', '90'],
      ['diagram', LARGE, '--grade', '--format', 'mmd'],
      ['diagram', join(ROOT, 'examples/global-feed.yaml'), '--drill', 'region-down:eu-west', '--ascii', '--width', '100'],
    ];
    for (const args of runs) {
      const cached = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env, cwd: ROOT });
      const esm = spawnSync(process.execPath, [join(DIST, 'cli', 'run.js'), ...args], { encoding: 'utf8', env, cwd: ROOT });
      expect(cached.status, args.join(' ')).toBe(esm.status);
      expect(cached.stdout.length, args.join(' ')).toBeGreaterThan(50);
      // The one difference: a printed command is the one the user ran (node bin/sdcoach.js), where the
      // ES module entry, never run by hand, says sdcoach.
      expect(cached.stdout.replaceAll('node bin/sdcoach.js', 'sdcoach'), args.join(' ')).toBe(esm.stdout);
    }
  });
});
