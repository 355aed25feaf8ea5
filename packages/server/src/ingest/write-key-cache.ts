import type { VerifiedKey } from '../app/api-keys.js';
import type { Clock } from '../clock.js';

export interface WriteKeyCacheOptions {
  verify: (key: string) => Promise<VerifiedKey | undefined>;
  clock: Clock;
  /** How long a valid key is trusted without asking the database (a revocation takes this long). */
  ttlMs?: number;
  /** How long an unknown key is remembered as unknown (blunts floods of bad keys). */
  negativeTtlMs?: number;
  maxEntries?: number;
}

export interface WriteKeyCache {
  resolve(key: string): Promise<VerifiedKey | undefined>;
}

/**
 * Verified write keys, kept briefly in memory: ingestion is the hot path, and without it every
 * request would hash the key and query api_key. Concurrent lookups of one key share a query.
 */
export function createWriteKeyCache(options: WriteKeyCacheOptions): WriteKeyCache {
  const ttl = options.ttlMs ?? 30_000;
  const negativeTtl = options.negativeTtlMs ?? 5_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const entries = new Map<string, { value: VerifiedKey | undefined; expires: number }>();
  const inFlight = new Map<string, Promise<VerifiedKey | undefined>>();

  return {
    async resolve(key) {
      const now = options.clock().getTime();
      const cached = entries.get(key);
      if (cached && cached.expires > now) return cached.value;
      const pending = inFlight.get(key);
      if (pending) return pending;
      const lookup = options
        .verify(key)
        .then((value) => {
          if (entries.size >= maxEntries) entries.clear();
          entries.set(key, { value, expires: now + (value ? ttl : negativeTtl) });
          return value;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, lookup);
      return lookup;
    },
  };
}
