/** Remembers seen MAC nonces so a captured request cannot be replayed. Implement it on Redis for several workers. */
export interface NonceStore {
  /** Remembers `key` until `expiresAtSeconds`; returns false if the key was already seen (replay). */
  checkAndRemember(key: string, expiresAtSeconds: number): boolean;
}

/** Options of {@link createMemoryNonceStore}. */
export interface MemoryNonceStoreOptions {
  /** Clock in Unix seconds used to forget expired keys. @default () => Date.now() / 1000 */
  nowSeconds?: () => number;
}

const minimumSweepSize = 1024;

/**
 * An in-process {@link NonceStore}. Expired keys are swept once the map has doubled since the last sweep,
 * so memory stays proportional to the keys still inside the window and each check is O(1) amortised.
 */
export function createMemoryNonceStore(options: MemoryNonceStoreOptions = {}): NonceStore {
  const now = options.nowSeconds ?? (() => Date.now() / 1000);
  const seen = new Map<string, number>();
  let sweepAt = minimumSweepSize;
  return {
    checkAndRemember(key, expiresAtSeconds) {
      if (seen.has(key)) return false;
      seen.set(key, expiresAtSeconds);
      if (seen.size >= sweepAt) {
        const t = now();
        for (const [k, expiresAt] of seen) if (expiresAt < t) seen.delete(k);
        sweepAt = Math.max(minimumSweepSize, seen.size * 2);
      }
      return true;
    },
  };
}
