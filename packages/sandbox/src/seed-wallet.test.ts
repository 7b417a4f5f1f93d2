import { isTillKitError } from '@tillkit/models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from './sandbox.ts';
import { obj, wallet } from './testing/helpers.ts';

interface WireSpot {
  id: number;
  identifier: string;
  status: string;
  place_info?: { location_id: number };
}
interface WireLocation {
  id: number;
  project_id: number;
  title: string;
  spots: WireSpot[];
}

const LOCATIONS = 12;
const SPOTS_PER_LOCATION = 10;

let s: Sandbox;
beforeAll(async () => {
  s = await startSandbox({
    seed: { wallet: { locations: LOCATIONS, spotsPerLocation: SPOTS_PER_LOCATION } },
  });
});
afterAll(() => s.close());

describe('seed.wallet.locations and spotsPerLocation', () => {
  it('returns every seeded location with its spots in credentials.wallet, the demo location first', () => {
    const w = s.credentials.wallet;
    expect(w.locations).toHaveLength(LOCATIONS);
    expect(w.locations[0]?.id).toBe(w.locationId);
    expect(w.locations[0]?.spots).toEqual(w.spots);
    expect(new Set(w.locations.map((l) => l.id)).size).toBe(LOCATIONS);
    const spots = w.locations.flatMap((l) => l.spots);
    expect(spots).toHaveLength(LOCATIONS * SPOTS_PER_LOCATION);
    expect(new Set(spots.map((x) => x.id)).size).toBe(spots.length);
    expect(spots).not.toContainEqual(expect.objectContaining({ id: w.otherProjectSpotId }));
  });

  it('serves the seeded locations, each with its spots, on a MAC-signed GET /locations', async () => {
    const res = await wallet(s, 'GET', '/locations?limit=200');
    expect(res.status).toBe(200);
    const served = obj(res)['locations'] as WireLocation[];
    const w = s.credentials.wallet;
    expect(served.map((l) => l.id).sort()).toEqual(w.locations.map((l) => l.id).sort());
    for (const seeded of w.locations) {
      const location = served.find((l) => l.id === seeded.id);
      expect(location).toMatchObject({ project_id: w.projectId, title: seeded.title });
      expect(location?.spots.map((x) => [x.id, x.identifier])).toEqual(
        seeded.spots.map((x) => [x.id, x.identifier]),
      );
    }
  });

  it('serves every seeded spot, free and at its location, on a MAC-signed GET /spots', async () => {
    const w = s.credentials.wallet;
    const ids = w.locations.map((l) => l.id).join(',');
    const res = await wallet(s, 'GET', `/spots?location_id=${ids}&limit=200`);
    expect(res.status).toBe(200);
    const served = obj(res)['spots'] as WireSpot[];
    const expected = w.locations.flatMap((l) =>
      l.spots.map((x) => ({ id: x.id, identifier: x.identifier, status: 'free', location_id: l.id })),
    );
    expect(
      served.map((x) => ({
        id: x.id,
        identifier: x.identifier,
        status: x.status,
        location_id: x.place_info?.location_id,
      })),
    ).toEqual(expected);
  });

  it('makes a spot of an added location waiting when a customer scans its seeded code', async () => {
    const last = s.credentials.wallet.locations.at(-1);
    const spot = last?.spots.at(-1);
    if (last === undefined || spot === undefined) throw new Error('seed has no added location');
    expect(s.control.wallet.scan(spot.code)).toMatchObject({ ok: true });
    const res = await wallet(s, 'GET', `/spots?status=waiting&location_id=${last.id}`);
    expect((obj(res)['spots'] as WireSpot[]).map((x) => x.id)).toEqual([spot.id]);
  });
});

describe('the default seed', () => {
  it('has one location with the four demo tables', async () => {
    const d = await startSandbox();
    try {
      expect(d.credentials.wallet.locations).toEqual([
        {
          id: d.credentials.wallet.locationId,
          title: 'TillKit Demo Café',
          spots: d.credentials.wallet.spots,
        },
      ]);
      expect(d.credentials.wallet.spots.map((x) => x.identifier)).toEqual([
        'table1',
        'table2',
        'table3',
        'table4',
      ]);
    } finally {
      await d.close();
    }
  });

  it('refuses a location count below one with INVALID_CONFIG', async () => {
    const error = await startSandbox({ seed: { wallet: { locations: 0 } } }).catch((e: unknown) => e);
    expect(isTillKitError(error) && error.code).toBe('INVALID_CONFIG');
  });
});
