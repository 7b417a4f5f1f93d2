// Runs this package's jest suites (unit specs and the Medusa e2e) the way CI does: Medusa's runners need
// jest with --experimental-vm-modules, DB_HOST=localhost (127.0.0.1 turns SSL on) and an explicit user.
// `pnpm test` at the root reaches it through e2e/medusa.e2e.test.ts; run it alone with
// `pnpm --filter @tillkit/medusa-payment-paysera test [jest args]`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const jest = path.join(
  path.dirname(createRequire(path.join(root, 'package.json')).resolve('jest/package.json')),
  'bin/jest.js',
);
const env = {
  ...process.env,
  NODE_OPTIONS: '--experimental-vm-modules',
  DB_HOST: 'localhost',
  DB_PORT: process.env.PGPORT ?? '5432',
  DB_USERNAME: process.env.PGUSER ?? 'postgres',
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
};
const result = spawnSync(
  process.execPath,
  [jest, '-c', path.join(root, 'jest.config.cjs'), '--runInBand', '--forceExit', ...process.argv.slice(2)],
  {
    cwd: root,
    env,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
