import { formatSpotCode } from '@tillkit/models';
import type { EmulatorContext } from './contract.ts';
import { type PosSeedSpec, seedPos } from './seed-pos.ts';
import { randomToken } from './shared/ids.ts';
import { C, type ClientRecord, type LocationRecord, type SpotRecord } from './wallet/records.ts';

/** What `startSandbox({ seed })` creates; every field is optional and `'demo'` means all defaults. */
export interface SeedSpec {
  pos?: PosSeedSpec;
  wallet?: {
    macId?: string;
    macKey?: string;
    /** @default 1221 */
    projectId?: number;
    /** @default 9975 */
    locationId?: number;
    /** Number of spots (tables `table1`…). @default 4 */
    spots?: number;
  };
  fiskaltrust?: {
    cashBoxId?: string;
    accessToken?: string;
    posSystemId?: string;
    /** @default 'AT' */
    country?: 'AT' | 'DE' | 'IT';
  };
}

/** A wallet spot of the seed: its id, table identifier and the QR code a customer scans. */
export interface SeededSpot {
  id: number;
  identifier: string;
  code: string;
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
  wallet: {
    macId: string;
    macKey: string;
    projectId: number;
    locationId: number;
    spots: SeededSpot[];
    otherProjectSpotId: number;
  };
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
  if (existing !== undefined) return existing;
  return ctx.store.transaction(() => {
    const credentials = seed(ctx, spec, createCashBox);
    ctx.store.put(META, 'credentials', credentials);
    return credentials;
  });
}

function seed(ctx: EmulatorContext, spec: SeedSpec, createCashBox: CashBoxFactory): SandboxCredentials {
  const { store } = ctx;
  const w = spec.wallet ?? {};
  const projectId = w.projectId ?? 1221;
  const locationId = w.locationId ?? 9975;
  const client: ClientRecord = {
    macId: w.macId ?? randomToken(10),
    macKey: w.macKey ?? randomToken(32),
    projectId,
  };
  store.put(C.clients, client.macId, client);
  const updatedAt = Math.floor(ctx.now().getTime() / 1000);
  const location: LocationRecord = {
    id: locationId,
    projectId,
    title: 'TillKit Demo Café',
    description: 'Coffee and cakes',
    address: 'Gedimino pr. 1, Vilnius',
    updatedAt,
  };
  store.put(C.locations, String(locationId), location);
  const spots: SeededSpot[] = [];
  for (let i = 1; i <= (w.spots ?? 4); i++) {
    const spot: SpotRecord = {
      id: store.nextSequence('wallet.spot'),
      locationId,
      identifier: `table${i}`,
      status: 'free',
      orderId: null,
    };
    store.put(C.spots, String(spot.id), spot);
    spots.push({
      id: spot.id,
      identifier: spot.identifier,
      code: formatSpotCode({ locationId, identifier: spot.identifier }),
    });
  }
  // A location of another merchant's project: its spot answers 403 to the demo client.
  const otherLocation: LocationRecord = {
    id: locationId + 1,
    projectId: projectId + 1,
    title: 'Another merchant',
    updatedAt,
  };
  store.put(C.locations, String(otherLocation.id), otherLocation);
  const otherSpot: SpotRecord = {
    id: store.nextSequence('wallet.spot'),
    locationId: otherLocation.id,
    identifier: 'bar1',
    status: 'free',
    orderId: null,
  };
  store.put(C.spots, String(otherSpot.id), otherSpot);

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
    wallet: {
      macId: client.macId,
      macKey: client.macKey,
      projectId,
      locationId,
      spots,
      otherProjectSpotId: otherSpot.id,
    },
    fiskaltrust: { cashBoxId: cashBox.cashBoxId, accessToken: cashBox.accessToken, posSystemId },
  };
}
