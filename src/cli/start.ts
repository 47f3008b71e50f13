// Runs the CLI in this process with the given commands: the stream guards every entry needs, then the
// program. src/cli/run.ts starts it with every command; a code-cached bundle (src/cli/cached.ts) with its one.
import { endOnWriteError } from './output.js';
import { mainWith, type Commands } from './program.js';

/** Runs the command line `argv` (process.argv style) and returns the exit code. */
export async function start(commands: Commands, argv: string[]): Promise<number> {
  // A stream's write error ends the process as a direct write's does (output.ts).
  for (const name of ['stdout', 'stderr'] as const)
    whenMade(name, (stream) => stream.on('error', (err: NodeJS.ErrnoException) => endOnWriteError(err, name === 'stdout' ? 1 : 2)));
  return mainWith(commands, argv);
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
