import { defineConfig } from 'vitest/config';

// One embedded database per worker: files share it (isolate: false) and each test makes its own
// tenant, so nothing is truncated and PGlite starts only twice per run.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    isolate: false,
    maxWorkers: 2,
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
