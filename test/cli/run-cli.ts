// Runs the built CLI as a learner or mentor would: a child process, no TTY, no colour. Needs dist/.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'sdcoach.js');

/** `timeout`: ms before the child is killed (default 60 s; rendering in Chromium on a loaded 2-core machine needs more). */
export function sdcoach(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string | undefined>; input?: string; timeout?: number } = {},
) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: opts.timeout ?? 60_000,
    input: opts.input ?? '',
    env: { ...process.env, NO_COLOR: '1', SDCOACH_DEBUG: '', SDCOACH_PROBLEMS: '', ...opts.env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, all: `${r.stdout}${r.stderr}` };
}

export function expectNoStackTrace(output: string): void {
  expect(output).not.toMatch(/^\s{4}at /m);
  expect(output).not.toMatch(/internal error|Maximum call stack/);
}
