// Writes dist/cli/cached-<command>.cjs.cache: V8's code cache of each command bundle (src/cli/cached.ts),
// taken after the command has run on the shipped examples in this process, so it holds the bytecode of the
// functions a run compiles, not only the bundle's top level. Output is discarded (build.mjs runs this with its
// standard output ignored: the commands write to file descriptor 1 directly). Run by scripts/build.mjs
// on the fresh build, whose bundles resolve schemas/, rubrics/ and problems/ from the repository root, and
// again with --short for <command>.cjs.short.cache (src/specfile/script-file.ts).
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2];
// The loader bin/sdcoach.js uses, so the cache is made for the very script it compiles.
const { CACHED_COMMANDS, bundleFile, bundleScript, bundleEntry, enterShortRun, codeCacheFile } = createRequire(import.meta.url)(
  `${out}/cli/cached.cjs`,
);
// --short: the caches a short run takes (<bundle>.short.cache), made under its flags (src/specfile/script-file.ts).
if (process.argv.includes('--short')) enterShortRun();

const examples = readdirSync(join(root, 'examples'))
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((f) => join(root, 'examples', f));
const large = join(root, 'examples/large-platform.yaml');
const solution = (id, stage) => ['--problem', id, '--stage', String(stage), join(root, `problems/${id}/solutions/stage-${stage}.yaml`)];
// The command lines each command runs before its cache is taken: the benchmarked one, then the others.
const TRAINING = {
  validate: [[large], examples],
  grade: [[large], examples, solution('order-history', 2), ['--format', 'json', large]],
  drill: [
    [large, '--scenario', 'region-down:us-east'],
    [join(root, 'examples/orders-cqrs.yaml'), '--scenario', 'surge:3'],
    [join(root, 'examples/checkout-bulkhead.yaml'), '--scenario', 'slow:payment-api=5000'],
  ],
  metrics: [[large], [join(root, 'examples/orders-cqrs.yaml')]],
  // The terminal preview and the Mermaid text (a browser render runs in Chromium, not in this code).
  diagram: [
    [large, '--ascii', '--width', '100'],
    [join(root, 'examples/orders-cqrs.yaml'), '--ascii', '--width', '80'],
    [join(root, 'examples/global-feed.yaml'), '--drill', 'region-down:us-east', '--ascii', '--width', '120'],
    [large, '--format', 'mmd', '--output', '-'],
  ],
};

const write = { out: process.stdout.write, err: process.stderr.write };
process.stdout.setMaxListeners(0);
process.stderr.setMaxListeners(0);
for (const command of CACHED_COMMANDS) {
  const file = bundleFile(command, `${out}/cli`);
  const script = bundleScript(file);
  if (!script) {
    console.error(
      `cli-cache: this Node cannot run a code-cached bundle (vm main-context loader missing); ${command} starts from the ES module CLI`,
    );
    break;
  }
  const run = bundleEntry(script, file);
  process.stdout.write = process.stderr.write = () => true;
  const codes = [];
  try {
    for (const args of TRAINING[command] ?? []) codes.push(await run([process.execPath, 'sdcoach', command, ...args]));
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
  // A training input that no longer exists or no longer loads only leaves less in the cache: said, not fatal.
  if (codes.some((c) => c === 2))
    console.warn(`cli-cache: sdcoach ${command} exited 2 on a training input (exit codes ${codes.join(', ')})`);
  writeFileSync(codeCacheFile(file), script.createCachedData());
}
process.exitCode = 0;
