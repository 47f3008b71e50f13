// Writes dist/validators/<name>.cjs.cache: V8's code cache of each precompiled validator, taken after
// the validator has checked every shipped spec, rubric and problem (so the functions a validation runs
// are compiled and cached, not only the module's top level). Run by scripts/build.mjs on the fresh build,
// and again with --short for <name>.cjs.short.cache (src/specfile/script-file.ts).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2];
const require = createRequire(import.meta.url);
const jsyaml = require('js-yaml');
const { scriptFile, runScriptModule, enterShortRun, codeCacheFile } = await import(`${out}/specfile/script-file.js`);
// --short: the caches a short run takes (<file>.short.cache), made under its flags.
if (process.argv.includes('--short')) enterShortRun();
const { validatorOf } = await import(`${out}/specfile/schema-validator.js`);

const yamlIn = (dir, pick = (f) => /\.(ya?ml|json)$/.test(f)) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter(pick)
    .map((f) => join(dir, f));
const read = (file) => {
  try {
    return jsyaml.load(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};
const samples = {
  spec: [...yamlIn(`${root}examples`), ...yamlIn(`${root}problems`, (f) => /(solutions|fixtures)\/.*\.ya?ml$|starter\.ya?ml$/.test(f))],
  rubric: yamlIn(`${root}rubrics`),
  problem: yamlIn(`${root}problems`, (f) => /problem\.ya?ml$/.test(f)),
};
for (const [name, files] of Object.entries(samples)) {
  const file = `${out}/validators/${name}.cjs`;
  const script = scriptFile(file);
  const validate = validatorOf(runScriptModule(script, file));
  for (const f of files) validate(read(f));
  writeFileSync(codeCacheFile(file), script.createCachedData());
}
