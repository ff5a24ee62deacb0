import "server-only";
import { authorize } from "@/lib/server/access";
import { coalesced, getPlatformClient } from "@/lib/server/platform";
import { runHealthMatrix } from "@/lib/smoke/run";

/** Every surface's health/readiness; every open page polls it, coalescing makes that one round of probes per window. */
export async function getHealthMatrix() {
  await authorize("viewer");
  const { value, fetchedAt } = await coalesced("health-matrix", () => runHealthMatrix(getPlatformClient()));
  return { ...value, fetchedAt };
}
export type HealthMatrixResponse = Awaited<ReturnType<typeof getHealthMatrix>>;
