import { DataSource, type DataSourceOptions } from 'typeorm';
import { afterAll, describe, it } from 'vitest';
import { storeContract } from './contract.ts';
import { checkoutStoreEntities, TypeOrmCheckoutStore } from './typeorm.ts';

// The checkout service's store contract on sql.js and, where TK_VENDURE_DB=postgres (.ci/run's run of the
// vitest project `vendure`, which includes this file), on PostgreSQL in a database of its own.
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
  // TK_VENDURE_DB_PREFIX keeps concurrent runs (several worktrees, one server) on databases of their own.
  const database = `${process.env['TK_VENDURE_DB_PREFIX'] ?? 'tk_vendure'}_store`;
  let db: DataSource | undefined;
  const fresh = async () => {
    if (!db) {
      const admin = await connect({ ...pg, database: 'postgres' });
      await admin.query(`DROP DATABASE IF EXISTS ${database}`);
      await admin.query(`CREATE DATABASE ${database}`);
      db = await connect({ ...pg, database });
    }
    await db.query('TRUNCATE tillkit_doc, tillkit_job, tillkit_event, tillkit_lease RESTART IDENTITY');
    return new TypeOrmCheckoutStore(db);
  };
  for (const c of storeContract) it(c.name, async () => c.run(await fresh()));
});
