import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Builds the packages an example app runs on (turbo: a cache hit when nothing changed). The examples run on
 * plain Node like a shop deploys them, so on the builds: a stale build would test old code.
 */
export function buildPackagesOf(app: '@tillkit/vendure-example' | '@tillkit/medusa-example'): void {
  execFileSync(
    join(root, 'node_modules/.bin/turbo'),
    ['run', 'build', `--filter=${app}^...`, '--output-logs=errors-only'],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    },
  );
}
