import { expect, test, type APIRequestContext } from "@playwright/test";
import { E2E, storageStateFor } from "../env";

test.use({ storageState: storageStateFor("responder") });

interface Catalog {
  sagas: Record<string, string>;
  keys: Record<string, string>;
}

async function catalog(request: APIRequestContext): Promise<Catalog> {
  return (await (await request.get(`${E2E.sim.mgmt}/__sim/catalog`)).json()) as Catalog;
}

/** Requests the simulator saw whose path contains `marker` (hostile values carry one, so parallel tests cannot disturb the count). */
async function upstreamHits(request: APIRequestContext, marker: string): Promise<number> {
  const body = (await (await request.get(`${E2E.sim.mgmt}/__sim/requests`)).json()) as { entries: { path: string; count: number }[] };
  return body.entries.filter((e) => e.path.toLowerCase().includes(marker)).reduce((n, e) => n + e.count, 0);
}

test.describe("idempotency list limit", () => {
  for (const limit of ["0", "501", "-1", "abc", "1.5", "99999"]) {
    test(`limit=${limit} → 422 validation_failed`, async ({ request }) => {
      const res = await request.get(`/api/bgops/idempotency?limit=${encodeURIComponent(limit)}`);
      expect(res.status()).toBe(422);
      const body = await res.json();
      expect(body.error.code).toBe("validation_failed");
      expect(body.error.message).toContain("1 to 500");
    });
  }

  for (const limit of ["1", "500"]) {
    test(`limit=${limit} is accepted and bounds the items`, async ({ request }) => {
      const res = await request.get(`/api/bgops/idempotency?limit=${limit}`);
      expect(res.status()).toBe(200);
      const body = await res.json();
      expect(body.limit).toBe(Number(limit));
      expect(body.received).toBeLessThanOrEqual(Number(limit));
      expect(body.received).toBeGreaterThan(0);
      expect(body.via).toBe("api");
    });
  }

  test("filters apply to what was fetched", async ({ request }) => {
    const body = await (await request.get("/api/bgops/idempotency?limit=300&status=failed")).json();
    expect(body.items.length).toBeGreaterThan(0);
    for (const item of body.items) expect(item.status.value).toBe("failed");
  });
});

test.describe("hostile ids and keys", () => {
  const MARKER = "zzhostileapi";
  const hostile = [`${MARKER}..x`, `${MARKER}%2Fx`, `${MARKER}%2e%2e`, `${MARKER}\\x`, `${MARKER}é`, `${MARKER}${"a".repeat(10_000)}`, `${MARKER}%00`];
  for (const [i, raw] of hostile.entries()) {
    test(`hostile value #${i} → 400 on saga and key routes, nothing sent upstream`, async ({ request }) => {
      const before = await upstreamHits(request, MARKER);
      for (const path of [`/api/bgops/sagas/${encodeURIComponent(raw)}`, `/api/bgops/idempotency/${encodeURIComponent(raw)}`]) {
        const res = await request.get(path);
        expect(res.status(), path.slice(0, 80)).toBe(400);
        expect((await res.json()).error.code).toBe("invalid_input");
      }
      expect(await upstreamHits(request, MARKER)).toBe(before);
      expect(before).toBe(0);
    });
  }
});

test.describe("saga and key look-ups", () => {
  test("an unknown saga is 404 'not found in the bgops API' with no other source (no REDIS_URL)", async ({ request }) => {
    const { sagas } = await catalog(request);
    const res = await request.get(`/api/bgops/sagas/${sagas.unknown}`);
    expect(res.status()).toBe(404);
    const body = await res.json();
    expect(body.error.message).toContain("not found in the bgops API");
    expect(body.error.details.otherSource).toBeNull();
  });

  test("history without a saga record is still returned", async ({ request }) => {
    const { sagas } = await catalog(request);
    const body = await (await request.get(`/api/bgops/sagas/${sagas.historyOnly}`)).json();
    expect(body.saga).toBeNull();
    expect(body.sagaNotFoundReason).toBe("Saga not found");
    expect(body.historyTotal).toBeGreaterThan(0);
    expect(body.historyPage.items.length).toBeGreaterThan(0);
  });

  test("a saga answer carries the view model and where it came from", async ({ request }) => {
    const { sagas } = await catalog(request);
    const body = await (await request.get(`/api/bgops/sagas/${sagas.compensationFailed}`)).json();
    expect(body.via).toBe("api");
    expect(body.fallbackReason).toBeNull();
    expect(typeof body.fetchedAt).toBe("number");
    expect(body.view.header.compensationFailed).toBe(true);
    expect(body.view.verdict.text).toMatch(/FAILED \(.+\) — manual clean-up needed/);
    expect(body.raw).toBeUndefined();
    const raw = await (await request.get(`/api/bgops/sagas/${sagas.compensationFailed}?raw=1`)).json();
    expect(raw.raw.saga).toBeTruthy();
    expect(raw.raw.history.items.length).toBe(body.historyTotal);
  });

  test("listing sagas needs REDIS_URL: 501 with the reason", async ({ request }) => {
    const res = await request.get("/api/bgops/sagas");
    expect(res.status()).toBe(501);
    const body = await res.json();
    expect(body.error.code).toBe("not_configured");
    expect(body.error.message).toContain("no route to list sagas");
  });

  test("a key answer says why the referencing sagas are not listed without Redis", async ({ request }) => {
    const { keys, sagas } = await catalog(request);
    const body = await (await request.get(`/api/bgops/idempotency/${keys.crossTenant}`)).json();
    expect(body.view.tenant).toBe("acme");
    expect(body.sagas).toBeNull();
    expect(body.sagasNote).toContain("REDIS_URL");
    // Coming from its saga, the key is compared with that saga's tenant even without Redis listing.
    const withSaga = await (await request.get(`/api/bgops/idempotency/${keys.crossTenant}?saga=${sagas.crossTenant}`)).json();
    expect(withSaga.sagas).toHaveLength(1);
    expect(withSaga.sagas[0].tenant).toBe("globex");
    expect(withSaga.sagas[0].keyTenantDiffers).toBe(true);
    const missing = await request.get(`/api/bgops/idempotency/${keys.unknown}`);
    expect(missing.status()).toBe(404);
    expect((await missing.json()).error.message).toContain("not found in the bgops API");
  });
});
