// Process entry: runs the CLI with the process arguments and sets the exit code.
import { main } from './main.js';

process.exitCode = await main(process.argv);
