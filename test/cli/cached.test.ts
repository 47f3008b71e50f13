// The code-cached start (src/cli/cached.ts): each cached command's bundle and each validator loads with
// the code cache the build made (a rejected cache costs every start its compile, silently), and prints
// what the ES module CLI prints.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CACHED_COMMANDS } from '../../src/cli/cached.js';
import { scriptFile } from '../../src/specfile/script-file.js';
import { BIN, ROOT } from './run-cli.js';

const DIST = join(ROOT, 'dist');
const LARGE = join(ROOT, 'examples/large-platform.yaml');
const loader = (vm as { constants?: { USE_MAIN_CONTEXT_DEFAULT_LOADER?: unknown } }).constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;

describe.skipIf(!loader)('code-cached commands', () => {
  it('every bundle and validator takes its code cache', () => {
    const files = [...CACHED_COMMANDS.map((c) => join(DIST, 'cli', `cached-${c}.cjs`)), join(DIST, 'validators', 'spec.cjs')];
    for (const file of files) {
      const options = file.includes('/cli/') ? { importModuleDynamically: loader as vm.ScriptOptions['importModuleDynamically'] } : {};
      const script = scriptFile(file, options, readFileSync(`${file}.cache`));
      expect(script.cachedDataRejected, file).toBe(false);
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
