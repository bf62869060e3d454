import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// One runner for the whole repository: `npm test` runs every project. Server tests share one
// migrated template database per run (see server/test/global-setup.ts), so they stay fast on
// both PGlite and PostgreSQL.
export default defineConfig({
  test: {
    // Vitest's default keeps one core free (cores - 1): a single worker on a two-core CI machine,
    // which leaves a core idle while that worker's files wait on PostgreSQL or on PGlite's I/O.
    maxWorkers: Math.max(availableParallelism(), 2),
    projects: [
      {
        test: {
          name: 'kernel',
          include: ['packages/kernel/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'verifier',
          include: ['packages/verifier/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'web',
          include: ['web/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'server',
          // Test files of a worker share loaded modules: importing the hub's module graph anew
          // for every file took a third of the run. Each file still gets its own database and
          // hub; TRADEHUB_TEST_ISOLATE=1 isolates files again (to rule out leaking state).
          isolate: process.env.TRADEHUB_TEST_ISOLATE === '1',
          include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts'],
          // Checks against outside programs (xmlsec1) run in the interop project below.
          exclude: ['**/*.interop.test.ts', '**/node_modules/**'],
          environment: 'node',
          globalSetup: ['server/test/global-setup.ts', 'server/test/log-audit-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { TZ: 'UTC' },
        },
      },
      // `npm run test:interop` (and CI): tradehub's output checked by independent programs that a
      // fresh machine may lack (Debian's xmlsec1), so they are not part of `npm test`.
      ...(process.env.TRADEHUB_INTEROP === '1'
        ? [
            {
              test: {
                name: 'interop',
                include: ['server/src/**/*.interop.test.ts'],
                environment: 'node' as const,
                testTimeout: 30_000,
              },
            },
          ]
        : []),
    ],
  },
});
