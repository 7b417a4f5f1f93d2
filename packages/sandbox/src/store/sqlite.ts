import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { parseJsonLossless, stringifyJsonLossless } from '@tillkit/models';
import { MemoryStore } from './memory.ts';

/**
 * A SandboxStore persisted to a SQLite file (node:sqlite, built into Node 22). Reads are served from an
 * in-memory copy loaded at open, writes go through to the file, so a restart with the same file keeps
 * every transaction, receipt and journal entry while reads cost what they cost in memory.
 */
export class SqliteStore extends MemoryStore {
  private readonly db: DatabaseSync;
  private readonly upsert: StatementSync;
  private readonly remove: StatementSync;
  private readonly setSequence: StatementSync;
  private depth = 0;

  constructor(file: string) {
    super();
    this.db = new DatabaseSync(file);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      CREATE TABLE IF NOT EXISTS kv (collection TEXT NOT NULL, id TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (collection, id));
      CREATE TABLE IF NOT EXISTS sequences (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `);
    // ON CONFLICT … DO UPDATE keeps the rowid, so ORDER BY rowid is insertion order, as `list` promises.
    this.upsert = this.db.prepare(
      'INSERT INTO kv (collection, id, value) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO UPDATE SET value = excluded.value',
    );
    this.remove = this.db.prepare('DELETE FROM kv WHERE collection = ? AND id = ?');
    this.setSequence = this.db.prepare(
      'INSERT INTO sequences (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    );
    this.load();
  }

  private load(): void {
    const rows = this.db.prepare('SELECT collection, id, value FROM kv ORDER BY rowid').all();
    for (const row of rows) {
      this.collection(String(row['collection'])).set(
        String(row['id']),
        parseJsonLossless(String(row['value'])),
      );
    }
    for (const row of this.db.prepare('SELECT name, value FROM sequences').all()) {
      this.sequences.set(String(row['name']), Number(row['value']));
    }
  }

  override put<T>(collection: string, id: string, value: T): void {
    super.put(collection, id, value);
    this.upsert.run(collection, id, stringifyJsonLossless(value));
  }

  override delete(collection: string, id: string): void {
    super.delete(collection, id);
    this.remove.run(collection, id);
  }

  override nextSequence(name: string): number {
    const next = super.nextSequence(name);
    this.setSequence.run(name, next);
    return next;
  }

  override transaction<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.depth++;
    this.db.exec('BEGIN');
    try {
      const result = super.transaction(fn);
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.depth--;
    }
  }

  override close(): void {
    if (this.db.isOpen) this.db.close();
  }
}
