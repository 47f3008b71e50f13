// ESLint flat config: type-aware TypeScript rules, and the one-way import rule of the pipeline
// (STYLE.md: "a module imports only from modules upstream of it"), as zones per src/ folder.
// Formatting is Prettier's job (npm run lint runs both); no stylistic rule lives here.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, upstream first, and what each may import. Derived from the import graph:
 * data <- the spec file (load, validate, resolve) <- analysis <- checks <- grading <- problems <- {progress, diagrams, lsp} <- tui <- cli.
 * progress, diagrams and lsp are siblings: none imports another, so a front end can take any of them alone.
 */
export const LAYERS = {
  data: [],
  specfile: ['data'],
  analysis: ['specfile', 'data'],
  checks: ['analysis', 'specfile', 'data'],
  grading: ['checks', 'analysis', 'specfile', 'data'],
  problems: ['grading', 'checks', 'analysis', 'specfile', 'data'],
  progress: ['problems', 'grading', 'checks', 'analysis', 'specfile', 'data'],
  diagrams: ['problems', 'grading', 'checks', 'analysis', 'specfile', 'data'],
  lsp: ['problems', 'grading', 'checks', 'analysis', 'specfile', 'data'],
  tui: ['progress', 'diagrams', 'problems', 'grading', 'checks', 'analysis', 'specfile', 'data'],
  cli: ['tui', 'lsp', 'progress', 'diagrams', 'problems', 'grading', 'checks', 'analysis', 'specfile', 'data'],
};

/** Ink and React load only in the practice TUI (DESIGN.md: `grade` starts close to bare node). */
const TUI_ONLY = ['ink', 'ink-*', 'react', 'react/*', 'react-dom'];

/**
 * One config block per layer: a relative import that climbs out (`../`, `../../`, ...) into a
 * layer not listed above is an error. The match is on the import text: src/ has no subfolder named
 * like a layer, which keeps `../name/` unambiguous (a new subfolder must not take a layer's name).
 */
export function layerZones() {
  const names = Object.keys(LAYERS);
  return names.map((layer) => {
    const forbidden = names.filter((n) => n !== layer && !LAYERS[layer].includes(n));
    const patterns = [];
    if (forbidden.length)
      patterns.push({
        regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`,
        message: `src/${layer}/ may import only from ${LAYERS[layer].map((l) => `src/${l}/`).join(', ') || 'no other layer'} (one-way pipeline, CONTRIBUTING.md#layers).`,
      });
    if (layer !== 'tui')
      patterns.push({
        group: TUI_ONLY,
        message: 'Ink and React load only in src/tui/ (the practice session), so that grading starts without them.',
      });
    return {
      name: `sdcoach/layer-${layer}`,
      files: [`src/${layer}/**/*.{ts,tsx}`],
      ignores: ['**/*.test.ts', '**/*.test.tsx'],
      rules: { 'no-restricted-imports': ['error', { patterns }] },
    };
  });
}

export default tseslint.config(
  {
    name: 'sdcoach/ignores',
    ignores: [
      'dist/**',
      '.dist-build-*/**',
      '.dist-old-*/**',
      'coverage/**',
      'node_modules/**',
      'src/specfile/spec-types.ts',
      'sdcoach-work/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    name: 'sdcoach/typescript',
    languageOptions: {
      parserOptions: {
        // One program for src and test (tsconfig.test.json includes both): one type-check pass.
        project: './tsconfig.test.json',
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'separate-type-imports' }],
      '@typescript-eslint/no-import-type-side-effects': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  ...layerZones(),
  {
    // Tests read the CLI's JSON output and parsed YAML (typed any) and check their shape with
    // expect(), which is the type check there; the promise rules stay on (an un-awaited
    // expect(...).rejects passes silently). Regexes match aligned YAML text: literal spaces read as the fixture does.
    name: 'sdcoach/tests',
    files: ['test/**/*.{ts,tsx}', 'src/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      'no-regex-spaces': 'off',
    },
  },
  {
    // Scripts, the bin entry and config files are plain JavaScript outside the TypeScript program.
    name: 'sdcoach/javascript',
    files: ['**/*.{js,mjs,cjs}', 'vitest.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
);
