import type { CheckoutStore } from './port.ts';
export interface StoreContractCase {
    name: string;
    run(store: CheckoutStore): Promise<void>;
}
export declare const storeContract: readonly StoreContractCase[];
//# sourceMappingURL=contract.d.ts.map