import { storeContract } from '@tillkit/checkout';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { afterAll, describe, it } from 'vitest';
import { checkoutStoreEntities } from './entities.ts';
import { TypeOrmCheckoutStore } from './typeorm-store.ts';

// The checkout service's store contract on the databases Vendure runs on. PostgreSQL runs where
// TK_VENDURE_DB=postgres (as .ci/run does), on a database of its own.
const postgres = process.env['TK_VENDURE_DB'] === 'postgres';
const open: DataSource[] = [];
afterAll(() => Promise.all(open.map((db) => db.destroy())));

async function connect(options: DataSourceOptions): Promise<DataSource> {
  const db = await new DataSource({
    ...options,
    entities: checkoutStoreEntities,
    synchronize: true,
  }).initialize();
  open.push(db);
  return db;
}

describe('TypeORM store on sql.js', () => {
  for (const c of storeContract)
    it(c.name, async () => c.run(new TypeOrmCheckoutStore(await connect({ type: 'sqljs' }))));
});

describe.runIf(postgres)('TypeORM store on PostgreSQL', () => {
  const pg = {
    type: 'postgres',
    host: process.env['PGHOST'] ?? '127.0.0.1',
    port: Number(process.env['PGPORT'] ?? 5432),
    username: process.env['PGUSER'] ?? 'postgres',
  } as const;
  let db: DataSource | undefined;
  const fresh = async () => {
    if (!db) {
      const admin = await connect({ ...pg, database: 'postgres' });
      await admin.query('DROP DATABASE IF EXISTS tk_vendure_store');
      await admin.query('CREATE DATABASE tk_vendure_store');
      db = await connect({ ...pg, database: 'tk_vendure_store' });
    }
    for (const entity of checkoutStoreEntities) await db.getRepository(entity).clear();
    await db.query('ALTER SEQUENCE tillkit_event_seq_seq RESTART');
    return new TypeOrmCheckoutStore(db);
  };
  for (const c of storeContract) it(c.name, async () => c.run(await fresh()));
});
