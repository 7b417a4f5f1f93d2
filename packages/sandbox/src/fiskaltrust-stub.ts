// TEMPORARY until src/fiskaltrust exports createFiskaltrustEmulator: cash boxes only, /v2 answers 503.
import type { EmulatorContext } from './contract.ts';
import { createCashBox, journalOf, pairingPin, setFaults } from './fiskaltrust/cashboxes.ts';
import { FiskaltrustStorage } from './fiskaltrust/storage.ts';
import type { FiskaltrustEmulator } from './fiskaltrust/types.ts';

export function createFiskaltrustEmulator(ctx: EmulatorContext, _options: object): FiskaltrustEmulator {
  const storage = new FiskaltrustStorage(ctx.store);
  return {
    prefix: '/v2',
    handle: () => ({ status: 503, body: { title: 'Not yet available' } }),
    createCashBox: (input) => createCashBox(storage, input),
    setState: (id, faults) => setFaults(storage, id, faults),
    pairingPin: (id) => pairingPin(storage, id),
    journal: (id) => journalOf(storage, id),
  };
}
