import { Redis } from "ioredis";
import { loadFixture } from "@/lib/upstream/schemas/fixtures/load";

/** Test helper: writes fixture records into Redis with the platform's key schema (CONTRACT §2.4). */
export interface SeededIds {
  sagas: Record<string, string>;
  keys: Record<string, string>;
}

type Envelope = { saga?: { saga_id: string }; items?: unknown[]; item?: Record<string, string | null> };

export const SAGA_STATES = ["running", "stuck", "completed", "compensated", "compensated-with-failed-compensation", "timed-out", "retried"];
export const KEY_STATES = ["redis", "failed", "pending", "in-progress", "result-not-json", "cross-tenant", "unknown-status"];

export async function seedFixturesIntoRedis(url: string, prefix = "bgops"): Promise<SeededIds> {
  const w = new Redis(url, { lazyConnect: true });
  await w.connect();
  const ids: SeededIds = { sagas: {}, keys: {} };
  try {
    for (const state of SAGA_STATES) {
      const saga = (loadFixture(`saga.${state}`) as Envelope).saga!;
      const history = (loadFixture(`history.${state}`) as Envelope).items ?? [];
      await w.set(`${prefix}:saga:${saga.saga_id}`, JSON.stringify(saga));
      if (history.length) await w.rpush(`${prefix}:saga:history:${saga.saga_id}`, ...history.map((h) => JSON.stringify(h)));
      ids.sagas[state] = saga.saga_id;
    }
    let score = 1_757_000_000;
    for (const state of KEY_STATES) {
      const item = (loadFixture(`idempotency.${state}`) as Envelope).item!;
      const hash = Object.fromEntries(Object.entries(item).filter((e): e is [string, string] => e[1] !== null));
      await w.hset(`${prefix}:idempo:${hash.key}`, hash);
      await w.expire(`${prefix}:idempo:${hash.key}`, 86_400);
      await w.zadd(`${prefix}:idempo:index`, String((score += 10)), hash.key!);
      ids.keys[state] = hash.key!;
    }
    // In the index but expired (the HASH is gone): the list must skip it.
    await w.zadd(`${prefix}:idempo:index`, String(score + 100), "gone-expired-key");
    // Not JSON: the saga route answers 404; a history entry that is not JSON empties the history answer.
    await w.set(`${prefix}:saga:corrupt-saga`, "{not json");
    await w.rpush(`${prefix}:saga:history:corrupt-history`, JSON.stringify({ step_id: "a", status: "completed" }), "oops");
    // Not a saga at all, but under the saga prefix.
    await w.rpush(`${prefix}:saga:weird-list`, "x");
    await w.hset(`${prefix}:operation:op-1`, { operation_id: "op-1", status: "completed" });
  } finally {
    await w.quit();
  }
  return ids;
}
