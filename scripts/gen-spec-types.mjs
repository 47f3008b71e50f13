// Generates src/specfile/spec-types.ts from schemas/spec.schema.json, so the TypeScript types never drift from the schema.
// `--check` exits 1 when the committed file is out of date (used by the test suite).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const schema = JSON.parse(readFileSync(`${root}schemas/spec.schema.json`, 'utf8'));
// The per-kind conditionals (allOf of if/then, see gen-schema-kinds.mjs) only forbid fields and
// describe defaults: they add no type, and json-schema-to-typescript would turn them into intersections.
delete schema.$defs.component.allOf;
const out = `${root}src/specfile/spec-types.ts`;

export async function generate() {
  const ts = await compile(schema, 'Spec', {
    bannerComment:
      '// Generated from schemas/spec.schema.json by scripts/gen-spec-types.mjs. Do not edit: change the schema and run `npm run gen:types`.',
    additionalProperties: false,
    unreachableDefinitions: false,
    strictIndexSignatures: true,
    format: false,
  });
  return ts;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ts = await generate();
  if (process.argv.includes('--check')) {
    const current = readFileSync(out, 'utf8');
    if (current !== ts) {
      console.error('src/specfile/spec-types.ts is out of date: run `npm run gen:types`.');
      process.exit(1);
    }
  } else {
    writeFileSync(out, ts);
    console.log(`wrote ${out}`);
  }
}
