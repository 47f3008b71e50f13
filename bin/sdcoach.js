#!/usr/bin/env node
// CommonJS (bin/package.json): a command with a code-cached bundle starts without Node's ES module loader.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS: require is how this file loads */

// Node 22.1+ keeps V8's compiled code of the CLI's ES modules between runs (NODE_DISABLE_COMPILE_CACHE=1
// turns it off); Node 20 has no such cache.
require('node:module').enableCompileCache?.();
// validate, grade, drill, metrics and diagram start from a bundle with V8's code cache made at build time
// (src/cli/cached.ts); every other command, or a Node that cannot run it, from the ES module CLI.
// Whatever goes wrong there (an unreadable bundle, say) leaves the ES module CLI to run the command.
let run;
try {
  run = require('../dist/cli/cached.cjs').cachedEntry(process.argv);
} catch {
  run = undefined;
}
if (run)
  void run(process.argv).then((code) => {
    process.exitCode = code;
  });
else void import('../dist/cli/run.js');
