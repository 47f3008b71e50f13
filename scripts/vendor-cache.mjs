// Writes dist/vendor/mathjs.cjs.cache: V8's code cache of mathjs's one-file build (src/specfile/units.ts), taken
// after it has read every estimate in the repository: each problem's estimate facts and references, every
// shipped spec's estimates, and each estimate stage's reference answer graded against its stage. Run by
// scripts/build.mjs on the fresh build, and again with --short for <file>.short.cache (src/specfile/script-file.ts).
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = process.argv[2];
const { scriptFile, runScriptModule, enterShortRun, codeCacheFile } = await import(`${out}/specfile/script-file.js`);
// --short: the cache a short run takes, made under its flags.
if (process.argv.includes('--short')) enterShortRun();
const { useMathjs } = await import(`${out}/specfile/units.js`);
const { loadSpecFile } = await import(`${out}/specfile/load.js`);
const { loadCatalog, SHIPPED_PROBLEMS } = await import(`${out}/problems/catalog.js`);
const { estimateReferences } = await import(`${out}/problems/estimate.js`);
const { stageRubric } = await import(`${out}/problems/stage-rubric.js`);
const { gradeLoaded } = await import(`${out}/grading/grade.js`);

const file = `${out}/vendor/mathjs.cjs`;
const script = scriptFile(file);
useMathjs(runScriptModule(script, file));

const specs = (dir) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.ya?ml$/.test(f) && !/problem\.ya?ml$|interview/.test(f))
    .map((f) => join(dir, f));
for (const f of [...specs(`${root}examples`), ...specs(`${root}problems`)]) loadSpecFile(f);
for (const problem of loadCatalog([SHIPPED_PROBLEMS]).problems) {
  problem.stages.forEach((stage, i) => {
    if (!stage.estimate) return;
    // Computed here, not read from the build's stored references (src/problems/estimate-store.ts).
    estimateReferences(stage.estimate.facts, stage.estimate.quantities, problem.difficulty);
    const rubric = stageRubric(problem, i + 1);
    const spec = loadSpecFile(stage.solution);
    if (rubric.ok && spec.ok) gradeLoaded(spec.loaded, rubric.rubric, { problem: problem.id, stage: i + 1 });
  });
}
writeFileSync(codeCacheFile(file), script.createCachedData());
