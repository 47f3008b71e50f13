// One sanitizer for every output: escape sequences, bidi controls and newlines from catalog text,
// rubric messages, file names, command-line arguments and progress files never reach a terminal,
// a CI log (as a `::` workflow command), Markdown or JUnit raw.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeGithubData, sanitizeLine, sanitizeTerminal, sanitizeXml } from '../../src/specfile/sanitize.js';
import { expectNoStackTrace, ROOT, sdcoach } from '../cli/run-cli.js';
import { tempCatalog } from './catalog-helpers.js';

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const RAW_BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const TITLE_SET = '\u001b]0;pwned\u0007';
const CLEAR = '\u001b[2J\u001b[H';
const ORDERS = join(ROOT, 'test/fixtures/good/orders.yaml');

function clean(output: string): void {
  expect(output).not.toMatch(RAW_CONTROL);
  expect(output).not.toMatch(RAW_BIDI);
}

/** A rubric whose one assertion fails with `message`. */
function rubricWithMessage(message: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sdcoach-esc-'));
  const file = join(dir, 'rubric.yaml');
  writeFileSync(
    file,
    `id: esc\nchecks: {}\nassertions:\n  - id: evil\n    expr: "workload.readsPerS < 0.0"\n    message: ${JSON.stringify(message)}\n    hint: ${JSON.stringify(`hint ${CLEAR}`)}\n`,
  );
  return file;
}

describe('the sanitizer', () => {
  it('shows control and bidi characters as codes, keeping what each format needs', () => {
    expect(sanitizeTerminal(`a${TITLE_SET}b\n\tc\u202ed`)).toBe('a\\x1b]0;pwned\\x07b\n\tc\\u202ed');
    expect(sanitizeLine('one\ntwo\r::error::x')).toBe('one\\ntwo\\r::error::x');
    expect(sanitizeXml('<a>\u001b&')).toBe('&lt;a&gt;\\x1b&amp;');
    expect(sanitizeGithubData('50%\n::error::x')).toBe('50%25%0A::error::x');
  });
});

describe('every output goes through it', () => {
  it('grade text: a rubric message with a newline cannot start a ::workflow command line, nor carry escapes', () => {
    const r = sdcoach(['grade', ORDERS, '--rubric', rubricWithMessage(`too slow\n::error file=x::pwned ${CLEAR}`)]);
    expect(r.stdout).toContain('too slow');
    expect(r.all).not.toMatch(/^::/m);
    clean(r.all);
  });

  it('grade markdown and junit carry no control bytes', () => {
    const rubric = rubricWithMessage(`bad ${TITLE_SET} \u202eevil`);
    for (const format of ['markdown', 'junit', 'github']) {
      const r = sdcoach(['grade', ORDERS, '--rubric', rubric, '--format', format]);
      expect(r.stdout, format).toContain('bad');
      expect(r.stdout, format).not.toMatch(RAW_CONTROL);
      expect(r.stdout, format).not.toMatch(RAW_BIDI);
    }
  });

  it('catalog titles with bidi controls and escapes reach list and show as codes', () => {
    const c = tempCatalog();
    c.edit(/^title: .*$/m, `title: "Order \\u202Ehistory ${'\\e'}]0;pwned\\a"`);
    for (const args of [['list'], ['show', c.id]]) {
      const r = sdcoach([...args, '--problems', c.catalog]);
      expectNoStackTrace(r.all);
      expect(r.stdout, args[0]).toContain('Order');
      clean(r.all);
    }
  });

  it('explain echoes an argument without its escape sequences', () => {
    const r = sdcoach(['explain', `cqrs/${CLEAR}\u202enope`]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown check');
    clean(r.all);
  });

  it('file names in diagnostics are one clean line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sdcoach-esc-'));
    const r = sdcoach(['validate', join(dir, `x\n::error::pwned${CLEAR}.yaml`)]);
    expect(r.all).toContain('no such file');
    expect(r.all).not.toMatch(/^::/m);
    clean(r.all);
  });

  it('an excerpt of a corrupt progress file is shown as codes', () => {
    const home = mkdtempSync(join(tmpdir(), 'sdcoach-home-'));
    mkdirSync(home, { recursive: true });
    writeFileSync(join(home, 'progress.json'), JSON.stringify({ version: 1, problems: { [`${CLEAR}\u202eevil`]: {} } }));
    const r = sdcoach(['progress'], { env: { SDCOACH_HOME: home } });
    expect(r.all).toContain('not a problem id');
    clean(r.all);
  });
});
