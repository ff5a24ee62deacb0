import { route } from "@/lib/http/route";
import { coalesced, getPlatformClient } from "@/lib/server/platform";
import { runHealthMatrix } from "@/lib/smoke/run";

// Every open /health page polls this; coalescing makes that one round of probes per window, not per browser.
export const GET = route({ role: "viewer" }, async () => {
  const { value, fetchedAt } = await coalesced("health-matrix", () => runHealthMatrix(getPlatformClient()));
  return { ...value, fetchedAt };
});
