// The one storage port of the checkout service. Everything durable goes through `commit`: documents
// written with compare-and-set, jobs (the outbox) and events, in ONE atomic write, so a confirmed payment
// and its receipt job can never be recorded apart. Memory and SQLite implement it here; an adapter may
// back it with its platform's database (TypeORM entities in Vendure, Medusa's PostgreSQL) — the contract
// tests in `store/contract.ts` say what any implementation must do.
export {};
//# sourceMappingURL=port.js.map