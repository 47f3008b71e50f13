#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the CLI's modules between runs (NODE_DISABLE_COMPILE_CACHE=1
// turns it off); Node 20 has no such cache and runs as before.
module.enableCompileCache?.();
// validate, grade, drill and metrics start from a bundle with V8's code cache made at build time
// (src/cli/cached.ts); every other command, or a Node that cannot run it, from the ES module CLI.
const { cachedEntry } = await import('../dist/cli/cached.js');
const run = cachedEntry(process.argv);
if (run) process.exitCode = await run(process.argv);
else await import('../dist/cli/run.js');
