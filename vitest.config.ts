import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The browser tests share one seeded server. The verification walk selects a firm into a new cohort, which
 * rightly changes what the explorer opens on (the latest cohort's anchors); it runs after every other file
 * so that the others see the seed as it was loaded.
 */
class ChangesSharedDataLast extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const last = (f: TestSpecification) => /test\/e2e\/verification\.test\.ts$/.test(f.moduleId);
    return [...sorted.filter((f) => !last(f)), ...sorted.filter(last)];
  }
}

// Three projects: pure unit tests; integration tests against one real local Neo4j started by the global
// setup; browser end-to-end tests in real Chromium against the real server.
export default defineConfig({
  test: {
    sequence: { sequencer: ChangesSharedDataLast },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // Generous: a few reference checks (sampled betweenness, Louvain against ten runs, the seed as CSV)
          // take seconds, and several times that on a loaded two-core machine. Not a speed check.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
