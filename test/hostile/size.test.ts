// Scale without cliffs: a 1 MB spec with thousands of errors gets the first errors and a count of
// the rest (its speed is measured in scripts/bench.mjs, never asserted here); long messages are
// cut; a NUL byte anywhere is binary; CR-only line ends give the right lines; --min-score is a
// score; TERM=dumb means no colour.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain script module shared with the bench
import { manyErrorsSpec } from '../../scripts/hostile-specs.mjs';
import { errorCount, formatDiagnostic, MAX_DIAGNOSTICS, MAX_MESSAGE_CHARS } from '../../src/specfile/diagnostic.js';
import { loadSpecText } from '../../src/specfile/load.js';
import { decodeSource } from '../../src/specfile/source.js';
import { useColor } from '../../src/cli/io.js';
import { expectNoStackTrace, ROOT, sdcoach } from '../cli/run-cli.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'sdcoach-size-'));

describe('thousands of errors', () => {
  it('schema errors: the first 100 by position, then one line counting the rest', () => {
    const text = (manyErrorsSpec as (k: string, b?: number) => string)('schema', 200 * 1024);
    const components = text.split('\n').filter((l) => /^ {2}c\d+:/.test(l)).length;
    const flows = text.split('\n').filter((l) => /^ {2}f\d+:/.test(l)).length;
    const r = loadSpecText('big.yaml', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // Three errors per component (replicas < 1, threads < 1, unknown field colour), and, in the same
    // pass, one per flow for its missing-N component.
    expect(errorCount(r.diagnostics)).toBe(3 * components + flows);
    expect(r.diagnostics).toHaveLength(MAX_DIAGNOSTICS + 1);
    const last = r.diagnostics.at(-1)!;
    expect(last).toMatchObject({ code: 'more-problems', more: 3 * components + flows - MAX_DIAGNOSTICS });
    expect(r.diagnostics[0]!.line).toBe(3);
  });

  it('unknown components: the suggestion list stays short however many components there are', () => {
    const text = (manyErrorsSpec as (k: string, b?: number) => string)('semantic', 200 * 1024);
    const r = loadSpecText('big.yaml', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const d of r.diagnostics) expect(formatDiagnostic(d).length).toBeLessThan(MAX_MESSAGE_CHARS + 200);
    expect(r.diagnostics.at(-1)!.code).toBe('more-problems');
  });

  it('validate prints the capped list and the full count', () => {
    const dir = tmp();
    const file = join(dir, 'big.yaml');
    writeFileSync(file, (manyErrorsSpec as (k: string, b?: number) => string)('schema', 1024 * 1024));
    const r = sdcoach(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stdout.trim().split('\n')).toHaveLength(MAX_DIAGNOSTICS + 2);
    expect(r.stdout).toMatch(/\.\.\. and [\d,]+ more problems/);
    expect(r.stdout).toMatch(/: \d{4,} problems\n$/);
  });

  it('a long message is cut, with a count of what was cut', () => {
    const line = formatDiagnostic({ file: 'x.yaml', line: 1, column: 1, message: 'm'.repeat(5000), code: 'c', severity: 'error' });
    expect(line.length).toBeLessThan(MAX_MESSAGE_CHARS + 100);
    expect(line).toContain('4,500 more characters');
  });
});

describe('bytes and line ends', () => {
  it('a NUL after the first 8192 bytes is binary too', () => {
    const buf = Buffer.concat([Buffer.from(`regions: [us-east]\n# ${'x'.repeat(9000)}\n# `), Buffer.from([0]), Buffer.from('\n')]);
    expect(decodeSource('late-nul.yaml', buf)).toMatchObject({ ok: false, diagnostic: { code: 'binary-file' } });
  });

  it('CR-only line ends report the right line', () => {
    const dir = tmp();
    const file = join(dir, 'mac.yaml');
    writeFileSync(file, 'regions: [us-east]\rcomponents:\r  api: {kind: service, replicas: -1}\r');
    const r = sdcoach(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stdout).toContain(`${file}:3:`);
  });
});

describe('options and environment', () => {
  const spec = join(ROOT, 'test/fixtures/good/orders.yaml');
  it('--min-score outside 0-100 is a usage error', () => {
    for (const v of ['101', '-1', 'abc', '1e9']) {
      const r = sdcoach(['grade', spec, '--min-score', v]);
      expect(r.status, v).toBe(2);
      expectNoStackTrace(r.all);
      expect(r.stderr, v).toContain('--min-score must be a score from 0 to 100');
    }
    expect(sdcoach(['grade', spec, '--min-score', '100']).status).toBe(1);
  });

  it('TERM=dumb means no colour, even on a terminal', () => {
    const saved = { TERM: process.env.TERM, NO_COLOR: process.env.NO_COLOR, FORCE_COLOR: process.env.FORCE_COLOR };
    const tty = { isTTY: true } as NodeJS.WriteStream;
    try {
      delete process.env.NO_COLOR;
      delete process.env.FORCE_COLOR;
      process.env.TERM = 'xterm-256color';
      expect(useColor(tty)).toBe(true);
      process.env.TERM = 'dumb';
      expect(useColor(tty)).toBe(false);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
