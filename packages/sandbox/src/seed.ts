import type { EmulatorContext } from './contract.ts';
import { type PosSeedSpec, seedPos } from './seed-pos.ts';
import { type SeededWallet, seedWallet, type WalletSeedSpec, withLocations } from './seed-wallet.ts';
import { randomToken } from './shared/ids.ts';

/** What `startSandbox({ seed })` creates; every field is optional and `'demo'` means all defaults. */
export interface SeedSpec {
  pos?: PosSeedSpec;
  wallet?: WalletSeedSpec;
  fiskaltrust?: {
    cashBoxId?: string;
    accessToken?: string;
    posSystemId?: string;
    /** @default 'AT' */
    country?: 'AT' | 'DE' | 'IT';
  };
}

/** The credentials of the seeded merchant, as `startSandbox` returns them and the CLI prints them. */
export interface SandboxCredentials {
  pos: {
    token: string;
    otherMerchantToken: string;
    premiumToken: string;
    cashRegisterNumber: string;
    otherCashRegisterNumber: string;
  };
  wallet: SeededWallet;
  fiskaltrust: { cashBoxId: string; accessToken: string; posSystemId: string };
}

/** Creates the seeded fiskaltrust CashBox; supplied by the core so the seed does not depend on the emulator's internals. */
export type CashBoxFactory = (input: {
  cashBoxId?: string;
  accessToken?: string;
  posSystemId: string;
  country: 'AT' | 'DE' | 'IT';
}) => { cashBoxId: string; accessToken: string };

const META = 'sandbox.meta';

/** Seeds the store once; a store that was seeded before (a restarted `--db`) keeps its data and credentials. */
export function seedOnce(
  ctx: EmulatorContext,
  spec: SeedSpec,
  createCashBox: CashBoxFactory,
): SandboxCredentials {
  const existing = ctx.store.get<SandboxCredentials>(META, 'credentials');
  if (existing !== undefined) return { ...existing, wallet: withLocations(existing.wallet) };
  return ctx.store.transaction(() => {
    const credentials = seed(ctx, spec, createCashBox);
    ctx.store.put(META, 'credentials', credentials);
    return credentials;
  });
}

function seed(ctx: EmulatorContext, spec: SeedSpec, createCashBox: CashBoxFactory): SandboxCredentials {
  const wallet = seedWallet(ctx, spec.wallet ?? {});

  const p = spec.pos ?? {};
  const posTokens = {
    token: p.token ?? randomToken(40),
    otherMerchantToken: p.otherMerchantToken ?? randomToken(40),
    premiumToken: p.premiumToken ?? randomToken(40),
  };
  seedPos(ctx, p, posTokens);

  const f = spec.fiskaltrust ?? {};
  const posSystemId = f.posSystemId ?? crypto.randomUUID();
  const cashBox = createCashBox({
    ...(f.cashBoxId === undefined ? {} : { cashBoxId: f.cashBoxId }),
    ...(f.accessToken === undefined ? {} : { accessToken: f.accessToken }),
    posSystemId,
    country: f.country ?? 'AT',
  });
  return {
    pos: { ...posTokens, cashRegisterNumber: 'REG-001', otherCashRegisterNumber: 'REG-900' },
    wallet,
    fiskaltrust: { cashBoxId: cashBox.cashBoxId, accessToken: cashBox.accessToken, posSystemId },
  };
}
