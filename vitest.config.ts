import { defineConfig } from 'vitest/config';

// Two projects: pure tests (analytics, generator, web logic) need no database; the others run
// against a real Neo4j that test/globalSetup.ts starts (or NEO4J_URI names).
const DB_TESTS = [
  // a test file named *.db.test.ts anywhere runs against Neo4j
  '**/*.db.test.ts',
  'test/**/*.test.ts',
  'server/import/**/*.test.ts',
  'server/graphql/**/*.test.ts',
  'server/projection/**/*.test.ts',
  'server/http/**/*.test.ts',
  'web/e2e/**/*.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'server/**/*.test.ts',
            'seeds/**/*.test.ts',
            'web/**/*.test.ts',
            'common/**/*.test.ts',
          ],
          exclude: [...DB_TESTS, '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'db',
          include: DB_TESTS,
          globalSetup: ['test/globalSetup.ts'],
          // Files that write to the one test database run one at a time, so a test that counts
          // nodes before and after never sees another file's data.
          fileParallelism: false,
        },
      },
    ],
  },
});
