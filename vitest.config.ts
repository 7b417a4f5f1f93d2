import { defineConfig } from 'vitest/config';
import { sourceConditions } from './tooling/vitest/src/conditions.ts';

const shared = {
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@tillkit/source'] } },
};

export default defineConfig({
  ...shared,
  test: {
    setupFiles: ['./tooling/vitest/src/fail-on-console.ts'],
    coverage: {
      provider: 'v8',
      include: ['packages/*/src/**/*.ts'],
      exclude: ['**/*.test.ts', '**/index.ts', '**/cli.ts', '**/bin/**'],
      reporter: ['text-summary', 'json-summary'],
    },
    projects: [
      {
        ...shared,
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'tooling/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
          typecheck: { enabled: true, include: ['packages/*/src/**/*.test.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        ...shared,
        extends: true,
        test: {
          name: 'e2e',
          include: ['packages/*/e2e/**/*.e2e.test.ts', 'apps/*/e2e/**/*.e2e.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
