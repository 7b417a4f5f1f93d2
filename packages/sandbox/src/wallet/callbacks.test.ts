import { verify } from 'node:crypto';
import { Transaction } from '@tillkit/models';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../sandbox.ts';
import { control, startReceiver, wallet } from '../testing/helpers.ts';

// Callbacks as Paysera sends them (classic docs /en/wallet/payment/callbacks; PHP Callback/Handler.php and
// SignChecker.php): a form POST of `event` + `sign`, RSA-SHA256 over the exact event string, verifiable with
// the key at GET /publickey; only for events the merchant did not cause itself.

let s: Sandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const scheduled: Array<{ fn: () => void; ms: number }> = [];
/** Runs every scheduled delivery step until none is left (a controlled clock for retries and delays). */
async function runScheduled(): Promise<void> {
  while (scheduled.length > 0) await runOne();
}
async function runOne(): Promise<void> {
  scheduled.shift()?.fn();
  await s.control.walletCallbacks.quiet();
}

beforeAll(async () => {
  s = await startSandbox({
    seed: { wallet: { spots: 12 } },
    walletCallbacks: { schedule: (fn, ms) => scheduled.push({ fn, ms }), retries: 2, retryDelayMs: 30_000 },
  });
});
afterAll(() => s.close());
afterEach(async () => {
  await receiver?.close();
  s.control.walletCallbacks.configure({ drop: false, delayMs: 0 });
});

let spotIndex = 0;
async function attached(extra: Record<string, unknown> = {}, statuses: number[] = []) {
  receiver = await startReceiver(statuses);
  const spot = s.credentials.wallet.spots[spotIndex++];
  if (spot === undefined) throw new Error('out of seeded spots');
  s.control.wallet.scan(spot.code);
  const body = {
    payments: [{ description: 'Table', price: 1000, currency: 'EUR' }],
    callback_uri: receiver.url,
    ...extra,
  };
  const tx = Transaction.parse((await wallet(s, 'POST', '/transaction', { body })).body);
  await wallet(s, 'POST', `/spot/${spot.id}/order`, { body: { transaction_key: tx.transaction_key } });
  return { spotId: spot.id, key: tx.transaction_key };
}

const events = () => receiver.bodies.map((b) => JSON.parse(new URLSearchParams(b.body).get('event') ?? '{}'));

describe('Wallet callbacks', () => {
  it('posts reserved as a form with event and an RSA-SHA256 sign that verifies with GET /publickey', async () => {
    const { spotId, key } = await attached();
    s.control.wallet.accept(spotId);
    await runScheduled();
    expect(receiver.bodies).toHaveLength(1);
    const first = receiver.bodies[0] as { contentType: string; body: string };
    expect(first.contentType).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(first.body);
    expect([...form.keys()].sort()).toEqual(['event', 'sign']);
    const event = form.get('event') as string;
    const pem = await (await fetch(s.urls.walletPublicKey)).text();
    expect(pem).toContain('BEGIN PUBLIC KEY');
    expect(verify('sha256', Buffer.from(event), pem, Buffer.from(form.get('sign') as string, 'base64'))).toBe(
      true,
    );
    expect(
      verify('sha256', Buffer.from(`${event} `), pem, Buffer.from(form.get('sign') as string, 'base64')),
    ).toBe(false);
    const parsed = JSON.parse(event);
    expect(parsed).toMatchObject({ type: 'reserved', object: 'transaction', data: { transaction_key: key } });
    expect(Transaction.parse(parsed.data).status).toBe('reserved');
  });

  it('sends only confirmed (no reserved) with auto_confirm, and rejected and failed for those outcomes', async () => {
    const auto = await attached({ auto_confirm: true });
    s.control.wallet.accept(auto.spotId);
    await runScheduled();
    expect(events().map((e) => e.type)).toEqual(['confirmed']);
    await receiver.close();
    const rejected = await attached();
    s.control.wallet.reject(rejected.spotId);
    await runScheduled();
    expect(events().map((e) => [e.type, e.data.status])).toEqual([['rejected', 'rejected']]);
    await receiver.close();
    const failed = await attached();
    s.control.wallet.fail(failed.spotId);
    await runScheduled();
    expect(events().map((e) => e.type)).toEqual(['failed']);
  });

  it("sends nothing for the merchant's own confirm and revoke, nor with callback_uri false", async () => {
    const mine = await attached();
    s.control.wallet.accept(mine.spotId);
    await runScheduled();
    await wallet(s, 'PUT', `/transaction/${mine.key}/confirm`);
    await runScheduled();
    expect(events().map((e) => e.type)).toEqual(['reserved']);
    await receiver.close();
    const off = await attached({ callback_uri: false });
    s.control.wallet.accept(off.spotId);
    await wallet(s, 'DELETE', `/transaction/${off.key}`);
    await runScheduled();
    expect(receiver.bodies).toEqual([]);
  });

  it('retries a failing receiver after retryDelayMs and gives up after the configured retries', async () => {
    const ok = await attached({}, [500, 503]);
    s.control.wallet.accept(ok.spotId);
    await runScheduled();
    const delivery = s.control.walletCallbacks.deliveries().find((d) => d.transactionKey === ok.key);
    expect(delivery).toMatchObject({ status: 'delivered', attempts: 3, responses: [500, 503, 200] });
    await receiver.close();
    const never = await attached({}, [500, 500, 500, 500]);
    s.control.wallet.accept(never.spotId);
    const waits: number[] = [];
    while (scheduled.length > 0) {
      waits.push((scheduled[0] as { ms: number }).ms);
      await runOne();
    }
    expect(waits).toEqual([0, 30_000, 30_000]);
    const gaveUp = s.control.walletCallbacks.deliveries().find((d) => d.transactionKey === never.key);
    expect(gaveUp).toMatchObject({ status: 'failed', attempts: 3 });
    expect(receiver.bodies).toHaveLength(3);
  });

  it('delays the first attempt by delayMs and drops callbacks when told to', async () => {
    s.control.walletCallbacks.configure({ delayMs: 2500 });
    const late = await attached();
    s.control.wallet.accept(late.spotId);
    expect(scheduled.map((x) => x.ms)).toEqual([2500]);
    expect(receiver.bodies).toEqual([]);
    await runScheduled();
    expect(receiver.bodies).toHaveLength(1);
    await receiver.close();
    s.control.walletCallbacks.configure({ delayMs: 0 });
    const res = await control(s, 'PATCH', '/wallet/callbacks', { dropNext: 1 });
    expect(res.status).toBe(204);
    const dropped = await attached();
    s.control.wallet.accept(dropped.spotId);
    await runScheduled();
    expect(receiver.bodies).toEqual([]);
    const listed = (await control(s, 'GET', '/wallet/callbacks')).body as {
      callbacks: Array<{ status: string }>;
    };
    expect(listed.callbacks.at(-1)?.status).toBe('dropped');
    expect((await control(s, 'PATCH', '/wallet/callbacks', { dropNext: -1 })).status).toBe(400);
  });
});
