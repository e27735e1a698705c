import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests, CDK template tests (bundling off), and integration
// tests that run against one local stack started by the global setup.
export default defineConfig({
  test: {
    maxWorkers: 2,
    // The JSON report is what .ci/run counts for its closing "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // The integration project's local stack sets the handler environment in the main
          // process, which workers inherit; unit tests must see no outbound allow-list.
          env: { OUTBOUND_ALLOW_LIST: '' },
          // Property tests (fast-check, hundreds of runs) take 2–4 s alone and twice that while
          // the integration project's local stack shares the two cores; 5 s made them flaky.
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
