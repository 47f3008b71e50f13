// Process entry: runs the CLI with the process arguments and sets the exit code.
import { main } from './main.js';

// A reader that stops early (`sdcoach list | head`) closes the pipe: stop quietly, no stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await main(process.argv);
