// Process entry: runs the CLI with the process arguments and sets the exit code.
import { writeSync } from 'node:fs';
import { EXIT, writeFailure } from './io.js';
import { main } from './main.js';

// A reader that stops early (`sdcoach list | head`) closes the pipe: stop quietly, no stack trace.
// Any other failure to write the output (a full disk: `> /dev/full`, a revoked permission) is one
// line on stderr and exit 2.
for (const stream of [process.stdout, process.stderr]) {
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

process.exitCode = await main(process.argv);
