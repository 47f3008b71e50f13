// The one-way import rule holds: an import from a downstream layer (analysis/ reaching into
// grading/) fails lint, an upstream one passes, and every folder of src/ has its place in the order.
// Runs ESLint's Node API on the real zone blocks of eslint.config.js, without type information
// (the zones need none), so it takes a second, not the whole lint.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- eslint.config.js is plain JavaScript outside the TypeScript program
import { LAYERS, layerZones } from '../../eslint.config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const layers = LAYERS as Record<string, string[]>;
const zones = (layerZones as () => object[])();

const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [{ files: ['**/*.{ts,tsx}'], languageOptions: { parser: tseslint.parser } }, ...zones],
});

async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  return result!.messages.map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('one-way imports (eslint.config.js zones)', () => {
  it('fails an analysis module that imports from grading (downstream)', async () => {
    const errors = await importErrors('src/analysis/x.ts', "import { grade } from '../grading/grade.js';\nexport const g = grade;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^no-restricted-imports: .*src\/analysis\/ may import only from/);
  });

  it('passes the same module importing upstream (spec, data)', async () => {
    const code =
      "import type { Model } from '../specfile/model.js';\nimport { SOURCES } from '../data/figures.js';\nexport type M = Model;\nexport const s = SOURCES;\n";
    expect(await importErrors('src/analysis/x.ts', code)).toEqual([]);
  });

  it('counts type-only imports and re-exports, at any depth', async () => {
    expect(
      await importErrors('src/specfile/x.ts', "import type { Metrics } from '../analysis/metrics.js';\nexport type M = Metrics;\n"),
    ).toHaveLength(1);
    expect(await importErrors('src/checks/cost/x.ts', "export { grade } from '../../grading/grade.js';\n")).toHaveLength(1);
    expect(await importErrors('src/grading/format/x.ts', "export { loadCatalog } from '../../problems/catalog.js';\n")).toHaveLength(1);
  });

  it('keeps siblings apart and the front ends on top', async () => {
    expect(await importErrors('src/lsp/x.ts', "export * from '../diagrams/mermaid.js';\n")).toHaveLength(1);
    expect(await importErrors('src/tui/x.ts', "export * from '../cli/main.js';\n")).toHaveLength(1);
    expect(await importErrors('src/cli/x.ts', "export * from '../tui/app.js';\nexport * from '../lsp/server.js';\n")).toEqual([]);
  });

  it('keeps Ink and React out of everything but the TUI', async () => {
    expect(await importErrors('src/grading/x.ts', "import { render } from 'ink';\nexport const r = render;\n")).toHaveLength(1);
    expect(await importErrors('src/tui/x.ts', "import { render } from 'ink';\nexport const r = render;\n")).toEqual([]);
  });

  it('places every folder of src/ in the order, upstream layers only', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(Object.keys(layers).sort()).toEqual(folders.sort());
    // Acyclic: each layer's imports come earlier in the listed order.
    const order = Object.keys(layers);
    for (const [layer, upstream] of Object.entries(layers))
      for (const u of upstream) expect(order.indexOf(u), `${layer} -> ${u}`).toBeLessThan(order.indexOf(layer));
  });
});
