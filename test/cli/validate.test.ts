// `sdcoach validate` as a learner runs it: a child process on real files. Bad files exit 2 with
// `file:line:col  message  (code)` lines and never a stack trace; good files exit 0. Needs dist/ (npm test builds it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'sdcoach.js');
const bad = (name: string) => relative(ROOT, join(ROOT, 'test', 'fixtures', 'bad', name));
const GOOD = relative(ROOT, join(ROOT, 'test', 'fixtures', 'good', 'orders.yaml'));

function validate(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'validate', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, NO_COLOR: '1', SDCOACH_DEBUG: '' },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}${r.stderr}` };
}

function expectNoStackTrace(output: string) {
  expect(output).not.toMatch(/^\s{4}at /m);
  expect(output).not.toMatch(/FATAL ERROR|internal error|Maximum call stack/);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// file, line:col expected at the start of one output line, and the diagnostic code.
const BAD_FILES: [string, string, string][] = [
  [bad('unknown-hop.yaml'), '8:43', 'unknown-component'],
  [bad('tab-indent.yaml'), '4:1', 'yaml-tab-as-indent'],
  [bad('unclosed-quote.yaml'), '3:7', 'yaml-missing-char'],
  [bad('trailing-comma.json'), '4:31', 'json-trailing-comma'],
  [bad('json-bare-word.json'), '4:43', 'json-syntax'],
  [bad('alias-bomb.yaml'), '6:8', 'yaml-alias-bomb'],
  [bad('unknown-field.yaml'), '6:5', 'schema/unknown-field'],
  [bad('user-shares.yaml'), '4:3', 'user-shares'],
];

describe('sdcoach validate (CLI)', () => {
  it('exits 0 on a valid spec', () => {
    const r = validate(GOOD);
    expect(r.status, r.all).toBe(0);
    expect(r.stdout).toContain(`✓ ${GOOD}: valid`);
    expectNoStackTrace(r.all);
  });

  it.each(BAD_FILES)('exits 2 on %s and prints file:%s', (file, at, code) => {
    const r = validate(file);
    expect(r.status, r.all).toBe(2);
    expect(r.all).toMatch(new RegExp(`^${escape(file)}:${at}  .+  \\(${escape(code)}\\)$`, 'm'));
    expect(r.all).toContain(`✗ ${file}:`);
    expectNoStackTrace(r.all);
  });

  it('reports every file of a mixed batch and exits 2', () => {
    const r = validate(GOOD, bad('unknown-hop.yaml'), bad('bom.json'), bad('duplicate-key.yaml'));
    expect(r.status, r.all).toBe(2);
    expect(r.all).toContain(`${bad('duplicate-key.yaml')}:6:3  duplicate key "api"`);
    expect(r.all).toContain(`✓ ${bad('bom.json')}: valid`);
    expect(r.all).toContain('2 of 4 files valid');
    expectNoStackTrace(r.all);
  });

  describe('files that are not specs', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sdcoach-cli-'));
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('reports a missing file, a directory, a binary and an empty file without a stack trace', () => {
      const missing = join(dir, 'nope.yaml');
      const r = validate(missing, dir, bad('binary.yaml'), bad('empty.yaml'));
      expect(r.status, r.all).toBe(2);
      expect(r.all).toContain(`${missing}  no such file  (file-not-found)`);
      expect(r.all).toContain(`${dir}  is a directory`);
      expect(r.all).toContain('(binary-file)');
      expect(r.all).toContain('(empty-file)');
      expectNoStackTrace(r.all);
    });

    it('survives 10 000 levels of nesting after a tab-indented file, in one process', () => {
      // This order once aborted node with "FATAL ERROR: RegExpCompiler Allocation failed".
      const deep = join(dir, 'deep.json');
      writeFileSync(deep, `${'['.repeat(10_000)}${']'.repeat(10_000)}`);
      const r = validate(bad('tab-indent.yaml'), deep);
      expect(r.signal).toBeNull();
      expect(r.status, r.all).toBe(2);
      expect(r.all).toMatch(new RegExp(`^${escape(deep)}:1:\\d+  nesting is too deep to be a spec .*\\(too-deep\\)$`, 'm'));
      expectNoStackTrace(r.all);
    });

    it('refuses a file over the size limit', () => {
      const huge = join(dir, 'huge.yaml');
      writeFileSync(huge, Buffer.alloc(3 * 1024 * 1024, '# padding\n'));
      const r = validate(huge);
      expect(r.status, r.all).toBe(2);
      expect(r.all).toContain(`${huge}  is 3.0 MB; spec files are limited to 2.0 MB`);
      expectNoStackTrace(r.all);
    });
  });

  it('--format json prints parseable results with positions', () => {
    const r = validate('--format', 'json', GOOD, bad('unknown-hop.yaml'), bad('warnings-only.yaml'));
    expect(r.status, r.all).toBe(2);
    expectNoStackTrace(r.all);
    const out = JSON.parse(r.stdout) as {
      file: string;
      valid: boolean;
      diagnostics: {
        file: string;
        line?: number;
        column?: number;
        message: string;
        code: string;
        severity: string;
        path?: (string | number)[];
      }[];
    }[];
    expect(out.map((o) => [o.file, o.valid])).toEqual([
      [GOOD, true],
      [bad('unknown-hop.yaml'), false],
      [bad('warnings-only.yaml'), true],
    ]);
    expect(out[0]!.diagnostics).toEqual([]);
    expect(out[1]!.diagnostics).toEqual([
      expect.objectContaining({
        file: bad('unknown-hop.yaml'),
        line: 8,
        column: 43,
        code: 'unknown-component',
        severity: 'error',
        path: ['flows', 'checkout', 'path', 1],
      }),
    ]);
    expect(out[2]!.diagnostics).toEqual([expect.objectContaining({ code: 'unused-field', severity: 'warning', line: 6 })]);
  });

  it('--format json on unreadable input still parses', () => {
    const r = validate('--format', 'json', bad('empty.yaml'), bad('alias-bomb.yaml'));
    expect(r.status).toBe(2);
    const out = JSON.parse(r.stdout) as { valid: boolean; diagnostics: { code: string }[] }[];
    expect(out.map((o) => o.diagnostics.map((d) => d.code))).toEqual([['empty-file'], ['yaml-alias-bomb']]);
  });
});
