import { defineConfig } from 'vitest/config';

// Two projects: `unit` (Node; happy-dom per file via `// @vitest-environment happy-dom`; fake-indexeddb and
// fake-browser installed globally) and `e2e` (real Chromium with the built extension, run one file at a time).
export default defineConfig({
  test: {
    reporters: ['default', './tests/setup/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
          environment: 'node',
          setupFiles: ['tests/setup/unit.ts'],
          // Property tests run hundreds of cases; on a loaded 2-core machine 5 s is a timing assertion in disguise.
          // Speed goals live in the bench, so a unit test fails only on what it asserts.
          testTimeout: 30_000,
        },
        oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
      },
      {
        test: {
          name: 'build',
          include: ['tests/build/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
