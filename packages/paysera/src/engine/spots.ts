import { TillKitError } from '@tillkit/models';
import type { PaymentStore } from './store.ts';
import type { StartCheckoutInput } from './types.ts';
import type { WalletPort } from './wallet-port.ts';

/** The key a spot is claimed under: one live checkout per spot. */
export function spotKey(c: { locationId: number; spotId: number }): string {
  return `${c.locationId}:${c.spotId}`;
}

/** Claims the requested spot, or any free spot of the location, for a new checkout; returns its id and identifier. */
export async function pickSpot(
  input: StartCheckoutInput,
  checkoutId: string,
  wallet: WalletPort,
  store: PaymentStore,
): Promise<{ id: number; identifier: string }> {
  if (input.spotId !== undefined && input.spotIdentifier !== undefined) {
    const claimed = await store.claimSpot(
      spotKey({ locationId: input.locationId, spotId: input.spotId }),
      checkoutId,
    );
    if (claimed) return { id: input.spotId, identifier: input.spotIdentifier };
  }
  const candidates =
    input.spotId === undefined
      ? (await wallet.listLocationSpots(input.locationId)).filter((s) => s.status === 'free')
      : [await wallet.getSpot(input.spotId)].filter(
          (s) => (s.place_info?.location_id ?? input.locationId) === input.locationId,
        );
  for (const s of candidates) {
    if (await store.claimSpot(spotKey({ locationId: input.locationId, spotId: s.id }), checkoutId))
      return { id: s.id, identifier: s.identifier };
  }
  const message =
    input.spotId === undefined
      ? `Every spot at location ${input.locationId} is taken; try again in a few minutes`
      : `Spot ${input.spotId} at location ${input.locationId} is taken or unknown`;
  throw new TillKitError(input.spotId === undefined ? 'CONFLICT' : 'NOT_FOUND', message, {
    details: {
      locationId: input.locationId,
      reason: input.spotId === undefined ? 'no_free_spot' : 'spot_taken',
    },
  });
}
