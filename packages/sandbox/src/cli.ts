#!/usr/bin/env node
// `tillkit-sandbox --port 4010 [--host 127.0.0.1] [--db file] [--seed demo] [--locations n]
// [--spots-per-location n] [--in-flight 422|block]`: starts the sandbox and prints its URLs and the demo
// credentials (they are sandbox-only secrets).
import { parseArgs } from 'node:util';
import type { SandboxLogger } from './core/logger.ts';
import { startSandbox } from './sandbox.ts';

const usage =
  'Usage: tillkit-sandbox [--port 4010] [--host 127.0.0.1] [--db sandbox.db] [--seed demo] [--locations 1] [--spots-per-location 4] [--in-flight 422|block]';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string' },
    seed: { type: 'string', default: 'demo' },
    locations: { type: 'string', default: '1' },
    'spots-per-location': { type: 'string', default: '4' },
    'in-flight': { type: 'string', default: '422' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help === true) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const port = Number(values.port);
const inFlight = values['in-flight'];
const locations = Number(values.locations);
const spotsPerLocation = Number(values['spots-per-location']);
if (
  !Number.isInteger(port) ||
  port < 0 ||
  port > 65_535 ||
  !Number.isSafeInteger(locations) ||
  locations < 1 ||
  !Number.isSafeInteger(spotsPerLocation) ||
  spotsPerLocation < 0 ||
  values.seed !== 'demo' ||
  (inFlight !== 'block' && inFlight !== '422')
) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}

const logger: SandboxLogger = {
  info: (message, meta) => process.stdout.write(`${message}${meta ? ` ${JSON.stringify(meta)}` : ''}\n`),
  warn: (message, meta) =>
    process.stderr.write(`warn: ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}\n`),
  error: (message, meta) =>
    process.stderr.write(`error: ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}\n`),
};

const sandbox = await startSandbox({
  port,
  host: values.host,
  ...(values.db === undefined ? {} : { db: values.db }),
  seed: { wallet: { locations, spotsPerLocation } },
  fiskaltrust: { inFlightDuplicates: inFlight },
  logger,
});
const c = sandbox.credentials;
process.stdout.write(
  [
    '',
    'TillKit sandbox',
    `  POS External API   ${sandbox.urls.pos}`,
    `  Wallet API         ${sandbox.urls.wallet}`,
    `  fiskaltrust v2     ${sandbox.urls.fiskaltrust}`,
    `  control API        ${sandbox.urls.control}`,
    `  wallet simulator   ${sandbox.urls.simulator}`,
    '',
    'Demo credentials (sandbox only)',
    `  POS bearer token          ${c.pos.token}`,
    `  POS premium token         ${c.pos.premiumToken}`,
    `  POS other merchant token  ${c.pos.otherMerchantToken}`,
    `  POS cash register         ${c.pos.cashRegisterNumber}`,
    `  Wallet MAC id             ${c.wallet.macId}`,
    `  Wallet MAC key            ${c.wallet.macKey}`,
    `  Wallet project / location ${c.wallet.projectId} / ${c.wallet.locationId}`,
    `  Wallet spots              ${c.wallet.spots.map((s) => `${s.id}=${s.code}`).join('  ')}`,
    ...(c.wallet.locations.length > 1
      ? [
          `  Wallet locations          ${c.wallet.locations.map((l) => `${l.id} (${l.spots.length} spots)`).join('  ')}`,
        ]
      : []),
    `  fiskaltrust CashBox id    ${c.fiskaltrust.cashBoxId}`,
    `  fiskaltrust access token  ${c.fiskaltrust.accessToken}`,
    `  fiskaltrust POS system id ${c.fiskaltrust.posSystemId}`,
    '',
  ].join('\n'),
);

const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
