import swc from 'unplugin-swc';
import { configDefaults, defineConfig } from 'vitest/config';
import { sourceConditions } from './tooling/vitest/src/conditions.ts';

// Vendure adapter sources and their tests run in the `vendure` project only (SWC, below).
const vendurePaths = ['packages/vendure-plugin', 'apps/vendure-example'];
const notVendure = [...configDefaults.exclude, ...vendurePaths.map((p) => `${p}/**`)];

const shared = {
  resolve: { conditions: sourceConditions },
  ssr: { resolve: { conditions: sourceConditions, externalConditions: ['@tillkit/source'] } },
};

// Each project spreads `shared` itself: merged configs concatenate arrays, so conditions set here at the
// root would also land in the vendure project, which must not have them (see there).
export default defineConfig({
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
          exclude: notVendure,
          typecheck: {
            enabled: true,
            include: ['packages/*/src/**/*.test.ts'],
            exclude: notVendure,
            tsconfig: './tsconfig.json',
          },
        },
      },
      {
        ...shared,
        extends: true,
        test: {
          name: 'e2e',
          include: ['packages/*/e2e/**/*.e2e.test.ts', 'apps/*/e2e/**/*.e2e.test.ts'],
          exclude: notVendure,
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Vendure's DI needs decorator metadata, which neither Node's type stripping nor oxc emits: these
        // sources go through SWC (legacy decorators, metadata, no define semantics for class fields).
        resolve: shared.resolve,
        // vitest hands ssr conditions to Node as --conditions, which also steer require(): with `import`
        // there, `pg` would require pg-pool's ESM build. Vendure's CommonJS graph gets plain Node conditions.
        ssr: {
          resolve: { conditions: ['@tillkit/source', 'node'], externalConditions: ['@tillkit/source'] },
        },
        extends: true,
        plugins: [
          swc.vite({
            jsc: {
              parser: { syntax: 'typescript', decorators: true },
              transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
            },
          }),
        ],
        test: {
          name: 'vendure',
          // The TypeORM store's contract runs in `unit` on sql.js and here too, so CI's PostgreSQL run of
          // this project (TK_VENDURE_DB=postgres) checks it on the database Vendure shops run on.
          include: [
            ...vendurePaths.map((p) => `${p}/**/*.test.ts`),
            'packages/checkout/src/store/typeorm.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
