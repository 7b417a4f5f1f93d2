import { ErrorCode, formatSpotCode, TillKitError } from '@tillkit/models';
import type { EmulatorContext } from './contract.ts';
import { randomToken } from './shared/ids.ts';
import { C, type ClientRecord, type LocationRecord, type SpotRecord } from './wallet/records.ts';

/** The Wallet part of a `SeedSpec`: the merchant's MAC client, its locations and their spots. */
export interface WalletSeedSpec {
  macId?: string;
  macKey?: string;
  /** @default 1221 */
  projectId?: number;
  /** Id of the first (demo café) location. @default 9975 */
  locationId?: number;
  /**
   * Locations in the merchant's project: the demo café `locationId`, then `locations - 1` more with ids
   * `locationId + 2`, `locationId + 3`… (`locationId + 1` belongs to another project). @default 1
   */
  locations?: number;
  /** Spots of each location (tables `table1`…). @default `spots`, else 4 */
  spotsPerLocation?: number;
  /** Older name of `spotsPerLocation` (from when the seed had one location); used when that is absent. */
  spots?: number;
}

/** A wallet spot of the seed: its id, table identifier and the QR code a customer scans. */
export interface SeededSpot {
  id: number;
  identifier: string;
  code: string;
}

/** A wallet location of the seed, in the merchant's project, with its spots. */
export interface SeededLocation {
  id: number;
  title: string;
  spots: SeededSpot[];
}

/** The seeded Wallet credentials and ids, as `credentials.wallet` returns them. */
export interface SeededWallet {
  macId: string;
  macKey: string;
  projectId: number;
  /** The first (demo café) location. */
  locationId: number;
  /** Spots of `locationId` (the same as `locations[0].spots`). */
  spots: SeededSpot[];
  /** Every location of the merchant's project, `locationId` first (`seed.wallet.locations` of them). */
  locations: SeededLocation[];
  /** A spot of another project's location: the merchant's requests for it answer 403. */
  otherProjectSpotId: number;
}

/** Creates the Wallet client, locations and spots of the seed (inside the seed's store transaction). */
export function seedWallet(ctx: EmulatorContext, w: WalletSeedSpec): SeededWallet {
  const projectId = w.projectId ?? 1221;
  const locationId = w.locationId ?? 9975;
  const count = positiveInteger(w.locations ?? 1, 'seed.wallet.locations', 1);
  const spotsPerLocation = positiveInteger(
    w.spotsPerLocation ?? w.spots ?? 4,
    'seed.wallet.spotsPerLocation',
    0,
  );
  const client: ClientRecord = {
    macId: w.macId ?? randomToken(10),
    macKey: w.macKey ?? randomToken(32),
    projectId,
  };
  ctx.store.put(C.clients, client.macId, client);
  const updatedAt = Math.floor(ctx.now().getTime() / 1000);
  const locations: SeededLocation[] = [
    seedLocation(ctx, spotsPerLocation, {
      id: locationId,
      projectId,
      title: 'TillKit Demo Café',
      description: 'Coffee and cakes',
      address: 'Gedimino pr. 1, Vilnius',
      updatedAt,
    }),
  ];
  for (let n = 2; n <= count; n++) {
    // Skips locationId + 1, the other project's location below.
    const location = { id: locationId + n, projectId, title: `TillKit Location ${n}`, updatedAt };
    locations.push(seedLocation(ctx, spotsPerLocation, location));
  }
  // A location of another merchant's project: its spot answers 403 to the demo client.
  const other = seedLocation(ctx, 0, {
    id: locationId + 1,
    projectId: projectId + 1,
    title: 'Another merchant',
    updatedAt,
  });
  const otherSpot = seedSpot(ctx, other.id, 'bar1');
  return {
    macId: client.macId,
    macKey: client.macKey,
    projectId,
    locationId,
    spots: locations[0]?.spots ?? [],
    locations,
    otherProjectSpotId: otherSpot.id,
  };
}

/**
 * Credentials persisted by a sandbox version without `locations` (a `--db` seeded before it existed):
 * its one location, so callers can rely on the field.
 */
export function withLocations(
  wallet: Omit<SeededWallet, 'locations'> & { locations?: SeededLocation[] },
): SeededWallet {
  const locations = wallet.locations ?? [
    { id: wallet.locationId, title: 'TillKit Demo Café', spots: wallet.spots },
  ];
  return { ...wallet, locations };
}

function seedLocation(ctx: EmulatorContext, spots: number, location: LocationRecord): SeededLocation {
  ctx.store.put(C.locations, String(location.id), location);
  const seeded: SeededLocation = { id: location.id, title: location.title, spots: [] };
  for (let i = 1; i <= spots; i++) seeded.spots.push(seedSpot(ctx, location.id, `table${i}`));
  return seeded;
}

function seedSpot(ctx: EmulatorContext, locationId: number, identifier: string): SeededSpot {
  const spot: SpotRecord = {
    id: ctx.store.nextSequence('wallet.spot'),
    locationId,
    identifier,
    status: 'free',
    orderId: null,
  };
  ctx.store.put(C.spots, String(spot.id), spot);
  return { id: spot.id, identifier, code: formatSpotCode({ locationId, identifier }) };
}

function positiveInteger(value: number, name: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new TillKitError(ErrorCode.INVALID_CONFIG, `${name} must be an integer of at least ${min}`);
  return value;
}
