/**
 * The Redis commands the store, lock and budget send, typed structurally instead of as ioredis's `Redis`
 * class: a host's ioredis 5 or 6 client (Medusa and Vendure peer on 5) then fits without a type error,
 * and `@tillkit/paysera/redis` needs no ioredis types of its own at all.
 */
export interface RedisClient {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, nx: 'NX'): Promise<'OK' | null>;
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<'OK' | null>;
  mget(...keys: string[]): Promise<Array<string | null>>;
  sadd(key: string, ...members: string[]): Promise<number>;
  srem(key: string, ...members: string[]): Promise<number>;
  smembers(key: string): Promise<string[]>;
  eval(script: string, numberOfKeys: number, ...keysAndArgs: Array<string | number>): Promise<unknown>;
}
