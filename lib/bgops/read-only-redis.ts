/** The part of an ioredis client the Redis source needs; `call` sends any command by name. */
export interface RedisLike {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
}

/** Only these ever reach Redis: the console reads the platform's bgops keys and never changes them. */
export const READ_COMMANDS = ["GET", "HGETALL", "LRANGE", "ZREVRANGE", "ZSCORE", "SCAN", "TYPE", "TTL", "PTTL", "EXISTS"] as const;
export type ReadCommand = (typeof READ_COMMANDS)[number];

const ALLOWED = new Set<string>(READ_COMMANDS);

export class RedisWriteRefused extends Error {
  constructor(command: string) {
    super(`Refused to send ${command.slice(0, 32)} to Redis: the console only reads (${READ_COMMANDS.join(", ")})`);
    this.name = "RedisWriteRefused";
  }
}

export interface ReadOnlyRedis {
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  get(key: string): Promise<string | null>;
  hgetall(key: string): Promise<Record<string, string>>;
  lrange(key: string, start: number, stop: number): Promise<string[]>;
  zrevrange(key: string, start: number, stop: number): Promise<string[]>;
  zscore(key: string, member: string): Promise<number | null>;
  scan(cursor: string, match: string, count: number): Promise<[cursor: string, keys: string[]]>;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer ${what} within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.map((x) => String(x)) : []);

/** ioredis turns HGETALL into an object through `call` on some paths and leaves the flat array on others. */
function asHash(v: unknown): Record<string, string> {
  if (Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (let i = 0; i + 1 < v.length; i += 2) out[String(v[i])] = String(v[i + 1]);
    return out;
  }
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, String(x)]));
  return {};
}

/** Wraps a client so that anything but a read command throws before it is sent. */
export function readOnlyRedis(client: RedisLike, opts: { timeoutMs?: number } = {}): ReadOnlyRedis {
  const timeoutMs = opts.timeoutMs ?? 3000;
  const call = (command: string, ...args: (string | number)[]) => {
    const name = command.toUpperCase();
    if (!ALLOWED.has(name)) return Promise.reject(new RedisWriteRefused(name));
    return withTimeout(client.call(name, ...args), timeoutMs, name);
  };
  return {
    call,
    get: async (key) => {
      const v = await call("GET", key);
      return v === null || v === undefined ? null : String(v);
    },
    hgetall: async (key) => asHash(await call("HGETALL", key)),
    lrange: async (key, start, stop) => asStrings(await call("LRANGE", key, start, stop)),
    zrevrange: async (key, start, stop) => asStrings(await call("ZREVRANGE", key, start, stop)),
    zscore: async (key, member) => {
      const v = await call("ZSCORE", key, member);
      const n = v === null || v === undefined ? NaN : Number(v);
      return Number.isFinite(n) ? n : null;
    },
    scan: async (cursor, match, count) => {
      const v = await call("SCAN", cursor, "MATCH", match, "COUNT", count);
      const [next, keys] = Array.isArray(v) ? v : ["0", []];
      return [String(next), asStrings(keys)];
    },
  };
}
