// The output of the commands that print one result and exit (validate, grade, metrics, drill), written
// straight to file descriptor 1 or 2. Node builds process.stdout on first use: a net.Socket for a pipe
// (loading net and streams), a tty.WriteStream for a terminal, a SyncWriteStream for a file. That is
// about 150 page faults and a few milliseconds of every start, for a command that writes once: a
// tenth of what separates `sdcoach grade` from a bare Node start. Whatever the descriptor cannot take
// at once (a pipe set non-blocking by the reader, EAGAIN) goes on through the stream, which waits.
import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { isatty } from 'node:tty';
import { EXIT, writeFailure } from './io.js';

export interface Output {
  write(text: string): boolean;
  /** Whether the descriptor is a terminal (colour, widths); false for a pipe or a file. */
  readonly isTTY: boolean;
}

const require = createRequire(import.meta.url);

/**
 * Whether `fd` is a terminal, without loading tty (and net, ~5 ms) for a pipe, a file or /dev/null
 * (`sdcoach grade x.yaml > /dev/null` for the exit code alone), which are not. /dev/null is a character
 * device like a terminal: it is told by its device number.
 */
export function isTerminal(fd: number): boolean {
  let rdev: number;
  try {
    const st = fstatSync(fd);
    if (!st.isCharacterDevice()) return false;
    rdev = st.rdev;
  } catch {
    return false;
  }
  try {
    const nul = statSync('/dev/null');
    if (nul.isCharacterDevice() && nul.rdev === rdev) return false;
  } catch {
    // No /dev/null (Windows): ask tty.
  }
  return (require('node:tty') as { isatty: typeof isatty }).isatty(fd);
}

/** What a writer uses of the system (tests give their own). */
export interface OutputSystem {
  writeSync(fd: number, data: string | Uint8Array): number;
  stream(fd: 1 | 2): { write(data: string | Uint8Array): boolean };
  exit(code: number): never;
}

const SYSTEM: OutputSystem = {
  writeSync: (fd, data) => (typeof data === 'string' ? writeSync(fd, data) : writeSync(fd, data)),
  stream: (fd) => (fd === 1 ? process.stdout : process.stderr),
  exit: (code) => process.exit(code),
};

/**
 * A writer on `fd` (1 or 2). Once a write has gone to the stream, every later one does too, so the
 * order holds. A reader that stops early (EPIPE) ends the process quietly; any other failure is one
 * line on stderr and exit 2, as start.ts does for the streams.
 */
export function fdOutput(fd: 1 | 2, sys: OutputSystem = SYSTEM): Output {
  let stream: { write(data: string | Uint8Array): boolean } | undefined;
  let tty: boolean | undefined;
  return {
    get isTTY(): boolean {
      return (tty ??= isTerminal(fd));
    },
    write(text: string): boolean {
      if (stream) return stream.write(text);
      if (!text) return true;
      let rest: string | Uint8Array = text;
      try {
        const done = sys.writeSync(fd, text);
        if (done === Buffer.byteLength(text)) return true;
        // A short write: the rest by bytes (a character may straddle the cut).
        rest = Buffer.from(text).subarray(done);
        while (rest.length) rest = rest.subarray(sys.writeSync(fd, rest));
        return true;
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        if (e.code === 'EAGAIN') {
          stream = sys.stream(fd);
          return stream.write(rest);
        }
        return endOnWriteError(e, fd, sys);
      }
    },
  };
}

/**
 * A failed write to the output ends the process, for these writers and for the streams (start.ts): a
 * reader that stops early (`sdcoach list | head`, EPIPE) quietly, with the exit code already set; any
 * other failure (a full disk: `> /dev/full`, a revoked permission) with one line on stderr and exit 2.
 */
export function endOnWriteError(e: NodeJS.ErrnoException, fd: 1 | 2, sys: Pick<OutputSystem, 'writeSync' | 'exit'> = SYSTEM): never {
  if (e.code === 'EPIPE') return sys.exit(process.exitCode === undefined ? 0 : Number(process.exitCode));
  if (fd === 1) {
    try {
      sys.writeSync(2, `sdcoach: cannot write the output: ${writeFailure(e)}\n`);
    } catch {
      // stderr is gone too: the exit code is all that is left.
    }
  }
  return sys.exit(EXIT.usage);
}

let outputs: { stdout: Output; stderr: Output } | undefined;

/** The process's two outputs, made once. */
export function stdio(): { stdout: Output; stderr: Output } {
  return (outputs ??= { stdout: fdOutput(1), stderr: fdOutput(2) });
}
