import type { SandboxStore } from '../contract.ts';

/** One change recorded inside a transaction so it can be undone if the transaction throws. */
type Undo = () => void;

/**
 * The in-memory SandboxStore. Values are kept by reference (emulators always `put` after changing a
 * value, so the SQLite store, which writes on `put`, sees the same changes). A throwing `transaction`
 * rolls back the puts and deletes it made, like SQLite would.
 */
export class MemoryStore implements SandboxStore {
  protected readonly collections = new Map<string, Map<string, unknown>>();
  protected readonly sequences = new Map<string, number>();
  private undo: Undo[] | undefined;

  protected collection(name: string): Map<string, unknown> {
    let c = this.collections.get(name);
    if (c === undefined) {
      c = new Map();
      this.collections.set(name, c);
    }
    return c;
  }

  get<T>(collection: string, id: string): T | undefined {
    return this.collections.get(collection)?.get(id) as T | undefined;
  }

  put<T>(collection: string, id: string, value: T): void {
    const c = this.collection(collection);
    if (this.undo !== undefined) this.undo.push(restore(c, id));
    c.set(id, value);
  }

  delete(collection: string, id: string): void {
    const c = this.collections.get(collection);
    if (c === undefined) return;
    if (this.undo !== undefined) this.undo.push(restore(c, id));
    c.delete(id);
  }

  list<T>(collection: string): T[] {
    const c = this.collections.get(collection);
    return c === undefined ? [] : ([...c.values()] as T[]);
  }

  nextSequence(name: string): number {
    const previous = this.sequences.get(name) ?? 0;
    if (this.undo !== undefined) this.undo.push(() => this.sequences.set(name, previous));
    const next = previous + 1;
    this.sequences.set(name, next);
    return next;
  }

  transaction<T>(fn: () => T): T {
    // Nested transactions join the outer one, as SQLite savepoint-free code would.
    if (this.undo !== undefined) return fn();
    this.undo = [];
    try {
      const result = fn();
      this.undo = undefined;
      return result;
    } catch (error) {
      const undo = this.undo ?? [];
      this.undo = undefined;
      for (let i = undo.length - 1; i >= 0; i--) undo[i]?.();
      throw error;
    }
  }

  close(): void {}
}

function restore(c: Map<string, unknown>, id: string): Undo {
  const had = c.has(id);
  const previous = c.get(id);
  return () => {
    if (had) c.set(id, previous);
    else c.delete(id);
  };
}
