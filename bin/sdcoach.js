#!/usr/bin/env node
import module from 'node:module';

// Node 22.1+ keeps V8's compiled code of the CLI's modules between runs (NODE_DISABLE_COMPILE_CACHE=1
// turns it off); Node 20 has no such cache and runs as before.
module.enableCompileCache?.();
await import('../dist/cli/run.js');
