// Output errors are one line and exit 2: a full disk (`> /dev/full`), a destination that is a
// folder (checked before the seconds of a render), and `-o` through a symbolic link to the spec
// (compared by real path: the spec is never overwritten).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, expectNoStackTrace, ROOT, sdcoach } from '../cli/run-cli.js';

const ORDERS = join(ROOT, 'test/fixtures/good/orders.yaml');

function toDevFull(args: string[]) {
  const fd = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', fd, 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    return { status: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

function specCopy(): { dir: string; spec: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sdcoach-out-'));
  const spec = join(dir, 'design.yaml');
  copyFileSync(ORDERS, spec);
  return { dir, spec };
}

describe.skipIf(!existsSync('/dev/full'))('a full disk', () => {
  it('grade, list and explain > /dev/full: one line on stderr and exit 2, no stack trace', () => {
    for (const args of [['grade', ORDERS], ['list'], ['explain'], ['metrics', ORDERS]]) {
      const r = toDevFull(args);
      expect(r.status, args[0]).toBe(2);
      expectNoStackTrace(r.stderr);
      expect(r.stderr.trim().split('\n'), args[0]).toEqual(['sdcoach: cannot write the output: no space left on the device']);
    }
  });

  it('-o /dev/full: one line naming the file', () => {
    const r = sdcoach(['diagram', ORDERS, '-f', 'mmd', '-o', '/dev/full']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('no space left');
  });
});

describe('-o compares real paths', () => {
  it('a symbolic link to the spec is the spec: diagram refuses and the spec is unchanged', () => {
    const { dir, spec } = specCopy();
    const link = join(dir, 'out.mmd');
    symlinkSync(spec, link);
    const before = readFileSync(spec, 'utf8');
    const r = sdcoach(['diagram', spec, '-f', 'mmd', '-o', link]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refusing to write over the spec');
    expect(readFileSync(spec, 'utf8')).toBe(before);
  });

  it('the same for report, before any rendering', () => {
    const { dir, spec } = specCopy();
    const link = join(dir, 'report.html');
    symlinkSync(spec, link);
    const before = readFileSync(spec, 'utf8');
    const r = sdcoach(['report', spec, '-o', link], { env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('refusing to write over the spec');
    expect(readFileSync(spec, 'utf8')).toBe(before);
  });
});

describe('an unwritable destination is found before the render', () => {
  it('report -o a folder: says so at once, without starting a browser', () => {
    const { dir, spec } = specCopy();
    const folder = join(dir, 'out.html');
    mkdirSync(folder);
    const r = sdcoach(['report', spec, '-o', folder], { env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' } });
    expect(r.status).toBe(2);
    expectNoStackTrace(r.all);
    expect(r.stderr.trim()).toBe(`sdcoach: cannot write ${folder}: it is a folder`);
  });

  it('diagram -o under a file used as a folder: one line, exit 2', () => {
    const { spec } = specCopy();
    const r = sdcoach(['diagram', spec, '-f', 'svg', '-o', join(spec, 'x.svg')], {
      env: { PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chromium' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/cannot write .*: part of the path is a file, not a folder$/);
  });
});
