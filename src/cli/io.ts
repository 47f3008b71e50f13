// Output helpers shared by the commands: exit codes, writing diagnostics, colour only on a TTY.
import { InvalidArgumentError, type Command } from 'commander';
import { formatDiagnostic, type Diagnostic } from '../spec/diagnostic.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export class UsageError extends Error {
  constructor(message: string, readonly diagnostics: Diagnostic[] = []) {
    super(message);
  }
}

export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR) return false;
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
