/**
 * State shared by replicas: event de-duplication, per-thread memory, language preferences and the
 * WeCom send budget. One small interface; `MemoryStore` by default, `RedisStore` with REDIS_URL.
 */
export interface Store {
  /** Set when every operation stays in this process (MemoryStore): there is nothing to cache. */
  readonly local?: true;
  /** Claims `key` for `ttlSeconds`. True only for the first caller (across replicas, for Redis). */
  claim(key: string, ttlSeconds: number): Promise<boolean>;
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Increments a counter that expires `ttlSeconds` after its first increment; returns the new value. */
  incr(key: string, ttlSeconds: number): Promise<number>;
  /**
   * Several operations in one round trip (a pipeline on Redis), each atomic on its own, results in
   * order. What a message needs together goes out together: a reply costs a few round trips.
   */
  batch<const T extends readonly StoreOp[]>(ops: T): Promise<BatchResults<T>>;
  /** Tells every replica (this one included) that `key` changed: their read caches drop it. */
  invalidate(key: string): Promise<void>;
  /** Called with each key `invalidate`d by any replica (`*`: forget everything, messages may have been missed). */
  onInvalidate(listener: (key: string) => void): void;
  /** True while every replica's `invalidate` reaches the listeners: only then may reads be cached. */
  listening(): boolean;
  close(): Promise<void>;
}

/**
 * One day's counts in one hash (src/team/stats.ts): field `n|<id>` counts `id`, field `c|<id
 * without its last part>` lists up to `maxPlaces` places (space-separated). Ids past `maxIds`
 * distinct ones are not counted.
 */
export interface TallyOp {
  op: 'tally';
  key: string;
  ttl: number;
  ids: readonly string[];
  place: string;
  maxIds: number;
  maxPlaces: number;
}

export type StoreOp =
  | { op: 'claim'; key: string; ttl: number; value?: string }
  | { op: 'get'; key: string }
  | { op: 'set'; key: string; value: string; ttl?: number }
  | { op: 'incr'; key: string; ttl: number }
  | TallyOp
  | { op: 'hgetall'; key: string };

export type OpResult<O extends StoreOp> = O extends { op: 'claim' }
  ? boolean
  : O extends { op: 'get' }
    ? string | undefined
    : O extends { op: 'incr' }
      ? number
      : O extends { op: 'hgetall' }
        ? Record<string, string>
        : undefined;

export type BatchResults<T extends readonly StoreOp[]> = { -readonly [K in keyof T]: OpResult<T[K]> };

/** `tally` on a plain map of fields (MemoryStore); Redis runs the same steps in one script. */
export function tallyFields(fields: Map<string, string>, o: TallyOp): void {
  for (const id of o.ids) {
    const n = `n|${id}`;
    const count = fields.get(n);
    if (count === undefined) {
      // `#` counts the distinct ids, so the cap needs no scan of the fields.
      const ids = Number(fields.get('#') ?? 0);
      if (ids >= o.maxIds) continue;
      fields.set('#', String(ids + 1));
    }
    fields.set(n, String(Number(count ?? 0) + 1));
    const c = `c|${id.slice(0, id.lastIndexOf('|'))}`;
    const places = (fields.get(c) ?? '').split(' ').filter(Boolean);
    if (!places.includes(o.place) && places.length < o.maxPlaces) fields.set(c, [...places, o.place].join(' '));
  }
}
