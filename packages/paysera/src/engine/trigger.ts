import { isLive, type Observation } from './machine.ts';
import type { PaymentStore } from './store.ts';
import type { Checkout } from './types.ts';
import type { WalletPort } from './wallet-port.ts';

// Paysera's callbacks as a trigger (spec §6.5): a verified callback only says "look at this transaction
// now". The transaction is re-read (the callback's own copy is never acted on) and the checkout advanced
// from what the Wallet answers, under the checkout's lock like any round, so a repeated, late or
// out-of-order callback changes nothing the machine would not have done from a poll. Polling stays.

export interface TriggerDeps {
  store: PaymentStore;
  /** The budgeted Wallet (the re-read takes a token like any request). */
  wallet: WalletPort;
  /** Advances one checkout from an observation (locks; a held lock leaves it to the next round). */
  advance: (id: string, observation: Observation) => Promise<boolean>;
  now: () => number;
}

/** What a trigger did: the checkout it concerned (undefined when none of ours), and whether it re-read it. */
export interface TriggerResult {
  checkout: Checkout | undefined;
  refetched: boolean;
}

/** The live checkout whose transaction is `transactionKey`: by the hinted id first, else among the live ones. */
async function findCheckout(store: PaymentStore, transactionKey: string, hint: string | undefined) {
  const hinted = hint === undefined ? undefined : await store.get(hint);
  if (hinted?.transactionKey === transactionKey) return hinted;
  return (await store.listLive()).find((c) => c.transactionKey === transactionKey);
}

export async function triggerTransaction(
  deps: TriggerDeps,
  transactionKey: string,
  checkoutIdHint?: string,
): Promise<TriggerResult> {
  const c = await findCheckout(deps.store, transactionKey, checkoutIdHint);
  // Not ours, or its work is done (a duplicate callback): nothing to read, no token spent.
  if (!c || !isLive(c)) return { checkout: c, refetched: false };
  const tx = await deps.wallet.getTransaction(transactionKey);
  await deps.advance(c.id, { now: deps.now(), transactionStatus: tx.status });
  return { checkout: await deps.store.get(c.id), refetched: true };
}
