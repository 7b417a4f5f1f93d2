import { afterEach, describe, expect, it } from 'vitest';
import { createFiscalClient } from './client.ts';
import type { FiscalClientOptions } from './config.ts';
import { operationIdFor } from './operation-id.ts';
import { buildReceipt } from './receipt/builder.ts';
import { closeSandbox, failure, order, setup } from './testing/client-fixture.ts';
import { heldClock } from './testing/held-clock.ts';

// Races between the client's timers and the sandbox's processing delay, on a clock the test moves
// (testing/held-clock.ts): the first attempt reaches the sandbox and is in flight there before any
// client timer may fire, so each test sees the same order of events on any machine.
type Setup = Awaited<ReturnType<typeof setup>>;
let clock: ReturnType<typeof heldClock> | undefined;
afterEach(async () => {
  clock?.uninstall();
  clock = undefined;
  await closeSandbox();
});

/** A probe with real timers and its own fetch: is the operation registered (in flight or done)? */
function registered(env: Setup, operationId: string) {
  const probe = createFiscalClient({
    baseUrl: env.sandbox.url,
    cashBoxId: env.box.cashBoxId,
    accessToken: env.box.accessToken,
    logger: {},
  });
  return () =>
    probe.operationItem(operationId).then(
      () => true,
      () => false,
    );
}

async function heldSetup(
  id: string,
  inFlight: 'block' | '422',
  client: Partial<FiscalClientOptions>,
  onResponse?: (response: Response) => void,
) {
  const operationId = operationIdFor(id, 'sign');
  let isRegistered: () => Promise<boolean> = async () => false;
  clock = heldClock({ inFlight: () => isRegistered(), ...(onResponse ? { onResponse } : {}) });
  const env = await setup({ inFlight, client: { ...client, fetch: clock.fetch } });
  isRegistered = registered(env, operationId);
  // Fake ms: the sandbox finishes only when the test's clock gets there.
  env.sandbox.control.fiskaltrust.setState(env.box.cashBoxId, { processingDelayMs: 1000 });
  const request = buildReceipt(order(id), { country: 'AT', cashBoxId: env.box.cashBoxId });
  clock.install();
  return { ...env, clock, operationId, request };
}

describe('FiscalClient while an operation is still in flight', () => {
  it('waits out 422 "still in process" with the same id and returns the one result', async () => {
    const env = await heldSetup('o-5', '422', { timeoutMs: 60, inFlight: { limit: 20, delayMs: 100 } });
    const result = await env.clock.run(env.client.sign(env.request, { operationId: env.operationId }));
    expect(result.state.outcome).toBe('ok');
    expect(result.operationId).toBe(env.operationId);
    // The timed-out first attempt, at least one 422 under the same id, then the answer.
    expect(env.sandbox.control.count('POST /v2/sign')).toBeGreaterThanOrEqual(3);
    expect(env.receiptsOf('o-5')).toHaveLength(1);
  });

  it('turns a caller abort during the 422 wait into a non-retryable TillKitError, not a bare AbortError', async () => {
    const controller = new AbortController();
    // Aborts as soon as the first 422 has been read, so the abort lands in the client's own wait.
    const env = await heldSetup(
      'o-13',
      '422',
      { timeoutMs: 60, inFlight: { limit: 20, delayMs: 10_000 } },
      (response) => {
        if (response.status === 422) controller.abort();
      },
    );
    const error = await env.clock.run(
      failure(env.client.sign(env.request, { operationId: env.operationId, signal: controller.signal })),
    );
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', retryable: false });
    expect(controller.signal.aborted).toBe(true);
    expect(env.sandbox.control.count('POST /v2/sign')).toBe(2);
  });

  it('times out a sign that takes too long, and a later sign with the same order id returns the one receipt', async () => {
    const env = await heldSetup('o-12', 'block', { timeoutMs: 50, retry: { limit: 0 } });
    const error = await env.clock.run(
      failure(env.client.sign(env.request, { operationId: env.operationId })),
    );
    expect(error.code).toBe('TIMEOUT');
    expect(env.receiptsOf('o-12')).toHaveLength(0); // still processing, on the test's clock
    await env.clock.advance(1000);
    const restarted = createFiscalClient({
      baseUrl: env.sandbox.url,
      cashBoxId: env.box.cashBoxId,
      accessToken: env.box.accessToken,
      logger: {},
    });
    const result = await env.clock.run(
      restarted.sign(env.request, { operationId: operationIdFor('o-12', 'sign') }),
    );
    expect(result.replayed).toBe(true);
    expect(env.receiptsOf('o-12')).toHaveLength(1);
  });
});
