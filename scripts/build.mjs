// Builds dist/: compiles TypeScript, then precompiles the JSON Schemas to standalone ajv validators
// so that `sdcoach validate` and `grade` never compile a schema at start-up. Builds into a fresh
// folder and swaps it in, so a build never leaves a half-written dist/ for a command running meanwhile.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const out = `${root}.dist-build-${process.pid}`;

// What dist/ is built from: the sources, schemas, build scripts, configuration, locked dependencies, the
// shipped problem files and Node's version. `npm install && npm test` builds twice (prepare, then test):
// the second finds dist/ made from the same inputs and stops (--force rebuilds anyway).
function inputsHash() {
  const h = createHash('sha256');
  h.update(process.version);
  const add = (rel) => {
    h.update(`\0${rel}\0`);
    h.update(readFileSync(`${root}${rel}`));
  };
  const walk = (rel) => {
    for (const e of readdirSync(`${root}${rel}`, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(`${rel}/${e.name}`);
      else if (e.isFile()) add(`${rel}/${e.name}`);
    }
  };
  for (const dir of ['src', 'schemas', 'scripts', 'bin', 'rubrics']) walk(dir);
  for (const f of ['tsconfig.json', 'package.json', 'package-lock.json']) if (existsSync(`${root}${f}`)) add(f);
  // The shipped problems' estimate facts: dist/problems/estimate-references.json is computed from them.
  for (const id of readdirSync(`${root}problems`).sort())
    if (existsSync(`${root}problems/${id}/problem.yaml`)) add(`problems/${id}/problem.yaml`);
  return h.digest('hex');
}
const inputs = inputsHash();
const stamp = `${root}dist/.inputs`;
if (!process.argv.includes('--force') && existsSync(stamp) && readFileSync(stamp, 'utf8') === inputs) {
  console.log('dist/ is up to date (built from these sources; node scripts/build.mjs --force rebuilds)');
  process.exit(0);
}

rmSync(out, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', `${root}tsconfig.json`, '--outDir', out], {
    stdio: 'inherit',
  });

  const { linearErrors, concatCount } = await import(`${out}/specfile/ajv-linear.js`);
  // Validators and command bundles are stored as script files: wrapped, ASCII (src/specfile/script-file.ts).
  const { scriptFileText } = await import(`${out}/specfile/script-file.js`);
  const { schemaAjv } = await import(`${out}/specfile/schema-validator.js`);
  const standaloneCode = require('ajv/dist/standalone').default;
  mkdirSync(`${out}/validators`, { recursive: true });
  const schemaFiles = readdirSync(`${root}schemas`).filter((f) => f.endsWith('.schema.json'));
  const schemas = schemaFiles.map((f) => JSON.parse(readFileSync(`${root}schemas/${f}`, 'utf8')));
  for (const [i, file] of schemaFiles.entries()) {
    // One Ajv per output so each standalone module holds only what it needs; the others are
    // registered so that cross-schema $refs (problem -> rubric) resolve.
    const ajv = schemaAjv(schemas);
    schemas.forEach((s, j) => {
      if (j !== i) ajv.addSchema(s);
    });
    const validate = ajv.compile(schemas[i]);
    const name = file.replace('.schema.json', '');
    // Errors appended in place instead of concatenated (linear in the number of errors): src/specfile/ajv-linear.ts.
    const code = linearErrors(standaloneCode(ajv, validate));
    if (concatCount(code))
      throw new Error(`${name}: ajv's error concatenation was not rewritten (src/specfile/ajv-linear.ts no longer matches its code)`);
    writeFileSync(`${out}/validators/${name}.cjs`, scriptFileText(code));
  }
  // Every check's options schema in one module (src/grading/options.ts): a rubric that sets options (every
  // problem stage's does) is checked without ajv's compiler at run time.
  {
    const { ALL_CHECKS } = await import(`${out}/checks/registry.js`);
    const { optionsExportName, OPTIONS_AJV } = await import(`${out}/grading/options.js`);
    const ajv = new (require('ajv').default)({ ...OPTIONS_AJV, code: { source: true } });
    const exports = {};
    for (const check of ALL_CHECKS) {
      const name = optionsExportName(check.meta.id);
      if (exports[name]) throw new Error(`checks ${exports[name]} and ${check.meta.id} share the export name ${name}`);
      exports[name] = `sdcoach:options:${check.meta.id}`;
      ajv.addSchema(check.meta.optionsSchema, exports[name]);
    }
    writeFileSync(`${out}/validators/check-options.cjs`, scriptFileText(linearErrors(standaloneCode(ajv, exports))));
  }
  // The default rubric, loaded once here (src/grading/rubric.ts, PrebuiltRubric): grade starts without parsing it.
  {
    const { defaultRubric, prebuiltRubric, RUBRICS_DIR } = await import(`${out}/grading/rubric.js`);
    const pre = prebuiltRubric(defaultRubric(), readFileSync(`${RUBRICS_DIR}general.yaml`, 'utf8'));
    if (!pre)
      throw new Error('rubrics/general.yaml is no longer one file of plain checks: src/grading/rubric.ts prebuiltRubric cannot store it');
    mkdirSync(`${out}/rubrics`, { recursive: true });
    writeFileSync(`${out}/rubrics/general.json`, JSON.stringify(pre));
  }
  // V8's code cache of each validator (see src/specfile/schema-validator.ts), made in a fresh process
  // after validating every example, rubric and problem, so it holds the functions a validation runs.
  // Twice: under V8's default flags and under a short run's (src/specfile/script-file.ts), each cache
  // taken only under the flags it was made under.
  for (const mode of [[], ['--short']])
    execFileSync(process.execPath, [`${root}scripts/validator-cache.mjs`, out, ...mode], { stdio: 'inherit' });
  // The CLI itself is bundled: one module per command chunk instead of ~100 files to resolve and
  // compile at start-up. Packages stay external (Ink, mermaid-cli and puppeteer load only when used),
  // except the few every command loads at start-up (STARTUP_PACKAGES): bundled, they cost no package
  // resolution, and commander (CommonJS) no export scan by Node's CommonJS-from-ESM loader.
  // Every bundled source lives two folders deep (src/<area>/<file>), as does dist/cli/, so paths
  // built from import.meta.url (schemas/, rubrics/, problems/, validators/) resolve the same.
  const esbuild = require('esbuild');
  const STARTUP_PACKAGES = ['commander', 'js-yaml', 'fastest-levenshtein'];
  // Every package is external (as esbuild's packages: 'external'), transitive ones imported by name included
  // (puppeteer comes with mermaid-cli), except the start-up ones, which are bundled.
  const packageName = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  const externals = {
    name: 'externals-but-startup',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        STARTUP_PACKAGES.includes(packageName(args.path)) ? undefined : { path: args.path, external: true },
      );
    },
  };
  // commander requires node:child_process at load, for executable subcommands sdcoach never uses: loading it
  // (with net, dgram and streams) is about a tenth of a bare Node start. Required on the first spawn instead.
  const CHILD_PROCESS = "const childProcess = require('node:child_process');";
  const lazyChildProcess = {
    name: 'commander-lazy-child-process',
    setup(build) {
      build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        // Another commander without that line: bundled unchanged.
        if (!text.includes(CHILD_PROCESS)) return undefined;
        return {
          contents: text.replace(CHILD_PROCESS, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"),
          loader: 'js',
        };
      });
    },
  };
  await esbuild.build({
    entryPoints: [`${root}src/cli/run.ts`],
    outdir: `${out}/cli`,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    plugins: [externals, lazyChildProcess],
    // The ES module build of a bundled package where it has one (fastest-levenshtein).
    mainFields: ['module', 'main'],
    // A bundled CommonJS package (commander) requires Node's built-ins: give the ES module output a require.
    banner: { js: "import { createRequire as __sdcoachRequire } from 'node:module'; const require = __sdcoachRequire(import.meta.url);" },
    jsx: 'automatic',
    sourcemap: true,
    logLevel: 'warning',
  });
  // cel-js (rubric assertions) ships ES modules only: one CommonJS file of it lets src/grading/assertions.ts
  // require it synchronously on the first assertion instead of importing it at every start-up.
  esbuild.buildSync({
    entryPoints: [require.resolve('@marcbachmann/cel-js')],
    outfile: `${out}/vendor/cel-js.cjs`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  });
  // mathjs's one-file build as a script file (src/specfile/units.ts: its package entry loads ~800 modules), and
  // V8's code cache of it made after reading every estimate in the repository (scripts/vendor-cache.mjs).
  writeFileSync(`${out}/vendor/mathjs.cjs`, scriptFileText(readFileSync(require.resolve('mathjs/lib/browser/math.js'), 'utf8')));
  for (const mode of [[], ['--short']])
    execFileSync(process.execPath, [`${root}scripts/vendor-cache.mjs`, out, ...mode], { stdio: 'inherit' });
  // The shipped catalog's estimate references (src/problems/estimate-store.ts): computed here, as a grade would,
  // and stored by a hash of their inputs, so grading against a problem does not load mathjs to recompute them.
  {
    const { loadCatalog, SHIPPED_PROBLEMS } = await import(`${out}/problems/catalog.js`);
    const { estimateReferences } = await import(`${out}/problems/estimate.js`);
    const { referencesKey } = await import(`${out}/problems/estimate-store.js`);
    const stored = {};
    for (const problem of loadCatalog([SHIPPED_PROBLEMS]).problems) {
      for (const { estimate: e } of problem.stages) {
        if (!e) continue;
        const result = estimateReferences(e.facts, e.quantities, problem.difficulty);
        if (result.ok) stored[referencesKey(e.facts, e.quantities, problem.difficulty)] = result;
      }
    }
    mkdirSync(`${out}/problems`, { recursive: true });
    writeFileSync(`${out}/problems/estimate-references.json`, JSON.stringify(stored));
  }
  // The commands run most often also get a CommonJS bundle each, that command alone (src/cli/cached.ts), and
  // V8's code cache of it made after running it on the shipped examples (scripts/cli-cache.mjs): they start
  // without parsing or compiling their code. Paths from import.meta.url resolve from the bundle's own file.
  const { CACHED_COMMANDS } = await import(`${out}/cli/cached.js`);
  for (const command of CACHED_COMMANDS) {
    const register = `register${command[0].toUpperCase()}${command.slice(1)}`;
    await esbuild.build({
      stdin: {
        contents: [
          "import { start } from './src/cli/start.ts';",
          `import { ${register} } from './src/cli/${command}.ts';`,
          `export const run = (argv) => start({ ${command}: async () => ${register} }, argv);`,
        ].join('\n'),
        resolveDir: root,
        sourcefile: `cached-${command}.ts`,
        loader: 'ts',
      },
      outfile: `${out}/cli/cached-${command}.cjs`,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      plugins: [externals, lazyChildProcess],
      mainFields: ['module', 'main'],
      define: { 'import.meta.url': '__sdcoachModuleUrl' },
      banner: { js: "var __sdcoachModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
      jsx: 'automatic',
      // No comments or indentation, and every character ASCII (escaped in strings; scriptFileText escapes
      // what esbuild leaves in regular expressions): a third less source to read, one byte a character.
      minifyWhitespace: true,
      charset: 'ascii',
      logLevel: 'warning',
    });
    const bundle = `${out}/cli/cached-${command}.cjs`;
    writeFileSync(bundle, scriptFileText(readFileSync(bundle, 'utf8')));
  }
  // Their loader, CommonJS as bin/sdcoach.js is (bin/package.json): a command with a bundle starts without
  // Node's ES module loader.
  await esbuild.build({
    entryPoints: [`${root}src/cli/cached.ts`],
    outfile: `${out}/cli/cached.cjs`,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    define: { 'import.meta.url': '__sdcoachModuleUrl' },
    banner: { js: "var __sdcoachModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    logLevel: 'warning',
  });
  // Its standard output is dropped: the commands write their results straight to file descriptor 1
  // (src/cli/output.ts), where no patched process.stdout.write can catch them.
  for (const mode of [[], ['--short']])
    execFileSync(process.execPath, [`${root}scripts/cli-cache.mjs`, out, ...mode], { stdio: ['ignore', 'ignore', 'inherit'] });
  writeFileSync(`${out}/.inputs`, inputs);
  const old = `${root}.dist-old-${process.pid}`;
  if (existsSync(`${root}dist`)) renameSync(`${root}dist`, old);
  renameSync(out, `${root}dist`);
  rmSync(old, { recursive: true, force: true });
} catch (err) {
  rmSync(out, { recursive: true, force: true });
  process.exitCode = 1;
  if (!(err && err.status)) console.error(err);
}
