// A real Medusa 2.21 app on PostgreSQL (medusaIntegrationTestRunner) with the Paysera provider, against
// the TillKit sandbox: the customer pays in the sandbox's wallet simulator, Medusa hears it through its
// own webhook path, fiskaltrust signs in the sandbox's journal.

import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Modules } from '@medusajs/framework/utils';
import { medusaIntegrationTestRunner } from '@medusajs/test-utils';
import { type Sandbox, startSandbox } from '@tillkit/sandbox';
import { stopCheckout } from '../src/index.ts';
import { captureRefundCases } from './cases/capture-refund.ts';
import { paymentCases } from './cases/payments.ts';
import { storefrontCases } from './cases/storefront.ts';
import { webhookCases } from './cases/webhooks.ts';
import { workerKillCases } from './cases/worker-kill.ts';
import type { Ctx } from './helpers/context.ts';
import { freshStoreDatabase, setAppEnv } from './helpers/env.ts';
import { type Shop, seedShop } from './helpers/shop.ts';

jest.setTimeout(180_000);
// Databases are named per checkout, so two worktrees (or CI and a developer) never drop each other's.
const db = `tk_medusa_e2e_${createHash('sha1').update(__dirname).digest('hex').slice(0, 8)}`;
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, seed: { wallet: { locations: 1, spotsPerLocation: 20 } } });
  setAppEnv(sandbox, await freshStoreDatabase(`${db}_store`));
});

afterAll(async () => {
  await stopCheckout();
  await sandbox?.close();
});

medusaIntegrationTestRunner({
  cwd: path.join(__dirname, 'app'),
  dbName: db,
  testSuite: ({ api, getContainer }) => {
    let shop: Shop;
    beforeAll(async () => {
      shop = await seedShop(getContainer());
    });

    describe('registration', () => {
      it('registers pp_paysera_paysera and offers it in the region', async () => {
        const providers = await getContainer().resolve(Modules.PAYMENT).listPaymentProviders();
        expect(providers.map((p: { id: string }) => p.id)).toEqual(
          expect.arrayContaining(['pp_paysera_paysera', 'pp_paysera_manual']),
        );
        const { data } = await api.get(
          `/store/payment-providers?region_id=${shop.markets['eur']!.regionId}`,
          shop.storeHeaders,
        );
        expect(data.payment_providers.map((p: { id: string }) => p.id)).toContain('pp_paysera_paysera');
      });
    });

    const ctx: Ctx = { api, container: getContainer, shop: () => shop, sandbox: () => sandbox };
    paymentCases(ctx);
    storefrontCases(ctx);
    captureRefundCases(ctx);
    webhookCases(ctx);
    workerKillCases(ctx);
  },
});
