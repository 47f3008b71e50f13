// Process entry: runs the CLI with the process arguments and sets the exit code.
import { COMMANDS } from './main.js';
import { start } from './start.js';

process.exitCode = await start(COMMANDS, process.argv);
