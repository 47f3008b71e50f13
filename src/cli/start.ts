// Runs the CLI in this process with the given commands: the stream guards every entry needs, then the
// program. src/cli/run.ts starts it with every command; a code-cached bundle (src/cli/cached.ts) with its one.
import { writeSync } from 'node:fs';
import { EXIT, writeFailure } from './io.js';
import { mainWith, type Commands } from './program.js';

/** Runs the command line `argv` (process.argv style) and returns the exit code. */
export async function start(commands: Commands, argv: string[]): Promise<number> {
  for (const name of ['stdout', 'stderr'] as const) whenMade(name, guard);
  return mainWith(commands, argv);
}

/**
 * A reader that stops early (`sdcoach list | head`) closes the pipe: stop quietly, no stack trace.
 * Any other failure to write the output (a full disk: `> /dev/full`, a revoked permission) is one
 * line on stderr and exit 2.
 */
function guard(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    if (stream === process.stdout) {
      try {
        writeSync(2, `sdcoach: cannot write the output: ${writeFailure(err)}\n`);
      } catch {
        // stderr is gone too: the exit code is all that is left.
      }
    }
    process.exit(EXIT.usage);
  });
}

/**
 * Calls `then` with process[name] when something first asks for it, without making it now: Node builds
 * the stream on first use, and the commands that write through src/cli/output.ts never do. A Node whose
 * stream is not a configurable getter gets the guard at once.
 */
function whenMade(name: 'stdout' | 'stderr', then: (s: NodeJS.WriteStream) => void): void {
  const own = Object.getOwnPropertyDescriptor(process, name);
  if (!own?.get || !own.configurable) {
    then(process[name]);
    return;
  }
  Object.defineProperty(process, name, {
    configurable: true,
    enumerable: own.enumerable ?? true,
    get(): NodeJS.WriteStream {
      Object.defineProperty(process, name, own);
      const stream = process[name];
      then(stream);
      return stream;
    },
  });
}
