// Output helpers shared by the commands: exit codes, writing diagnostics, colour only on a TTY.
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { formatDiagnostic, type Diagnostic } from '../specfile/diagnostic.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
  }
}

export function useColor(stream: { readonly isTTY?: boolean } = process.stdout): boolean {
  if (process.env.NO_COLOR) return false;
  // A terminal that says it cannot show escape sequences gets none (FORCE_COLOR still wins).
  if (process.env.TERM === 'dumb' && !(process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0')) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

export function printDiagnostics(ds: readonly Diagnostic[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const d of ds) stream.write(`${formatDiagnostic(d)}\n`);
}

/** An option parser for whole numbers: a bad value is a usage error (exit 2), never an internal one. */
export function wholeNumber(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number, not "${value}"`);
    return n;
  };
}

/** An option parser for a score: a number from 0 to 100, else a usage error (exit 2). */
export function score0to100(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100)
      throw new InvalidArgumentError(`${name} must be a score from 0 to 100, not "${value}"`);
    return n;
  };
}

/** Commander collector for repeatable options (--problems DIR --problems DIR2). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The options that pick a rubric (grade, diagram --grade, report), described the same everywhere. */
export function rubricOptions(command: Command, prefix = ''): Command {
  return command
    .option('-p, --problem <id>', `${prefix}grade against a catalog problem's rubric (default: the spec's \`problem:\`)`)
    .option('-s, --stage <n>', `${prefix}stage of the problem (default: the spec's \`stage:\`, else 1)`, wholeNumber('--stage'))
    .option('-r, --rubric <file>', `${prefix}grade against a rubric file instead`);
}

/** The real path of a file that may not exist yet: its nearest existing folder resolved, the rest appended. */
export function realPathOf(file: string): string {
  const abs = resolve(file);
  try {
    return realpathSync(abs);
  } catch {
    const parent = dirname(abs);
    return parent === abs ? abs : join(realPathOf(parent), basename(abs));
  }
}

/** Whether two paths name the same file once symbolic links are followed (a link to the spec is the spec). */
export function sameFile(a: string, b: string): boolean {
  if (realPathOf(a) === realPathOf(b)) return true;
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/**
 * Why `file` cannot be written, checked before a long render: a folder in its place, or no write
 * permission on it or on the nearest existing folder above it. Undefined when it looks writable.
 */
export function outputProblem(file: string): string | undefined {
  const abs = resolve(file);
  try {
    const st = statSync(abs);
    if (st.isDirectory()) return 'it is a folder';
    accessSync(abs, constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') return 'part of the path is a file, not a folder';
    if (code !== 'ENOENT') return code === 'EACCES' ? 'permission denied' : (code ?? 'cannot be written');
  }
  let dir = dirname(abs);
  for (;;) {
    try {
      if (!statSync(dir).isDirectory()) return `${dir} is not a folder`;
      accessSync(dir, constants.W_OK);
      return undefined;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') return code === 'EACCES' ? `permission denied in ${dir}` : (code ?? 'cannot be written');
      if (dirname(dir) === dir) return undefined;
      dir = dirname(dir);
    }
  }
}

/** One line for a failed write of output (ENOSPC on a full disk, EACCES...). */
export function writeFailure(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e.code === 'ENOSPC') return 'no space left on the device';
  if (e.code === 'EACCES' || e.code === 'EPERM') return 'permission denied';
  if (e.code === 'EISDIR') return 'it is a folder';
  return e.code ?? (e.message ?? String(err)).split('\n')[0]!;
}
