import { configDefaults, defineConfig } from 'vitest/config';

// In CI a JSON report is also written, so .ci/run can print "N passed, N failed".
const reporters: NonNullable<NonNullable<Parameters<typeof defineConfig>[0]['test']>['reporters']> = process.env.CI
  ? ['default', ['json', { outputFile: '.vitest-results.json' }]]
  : ['default'];

const ALL = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'];

// Tests of pure functions (analysis, checks, spec reading, grading, the catalog) share one module graph per worker:
// isolating each of their ~140 files re-imported the whole source tree for each, and cost more than the tests
// themselves (checks and analysis: 73 s isolated, 8 s shared, on 2 CPUs). The tests that run the CLI, a browser,
// the TUI, the language server, hostile inputs or the progress file (environment, terminals, files on disk) stay
// isolated, one fresh module graph per file.
const SHARED = ['analysis', 'checks', 'specfile', 'grading', 'problems', 'docs', 'lint'].flatMap((d) => [
  `test/${d}/**/*.test.ts`,
  `test/${d}/**/*.test.tsx`,
]);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    pool: 'forks',
    reporters,
    projects: [
      { extends: true, test: { name: 'pure', include: SHARED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ALL, exclude: [...configDefaults.exclude, ...SHARED] } },
    ],
  },
});
