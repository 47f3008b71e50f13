import { defineConfig } from 'vitest/config';

// In CI a JSON report is also written, so .ci/run can print "N passed, N failed".
const reporters: NonNullable<NonNullable<Parameters<typeof defineConfig>[0]['test']>['reporters']> = process.env.CI
  ? ['default', ['json', { outputFile: '.vitest-results.json' }]]
  : ['default'];

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    pool: 'forks',
    reporters,
  },
});
