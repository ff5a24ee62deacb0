import type { Observation, PlatformClient, Surface } from "@/lib/upstream/types";

/**
 * Where a 3xx points, as a path the client can request on the same surface; undefined when it
 * leaves the configured origin or path prefix (we report those, never follow them).
 */
export function followablePath(client: PlatformClient, surface: Surface, obs: Observation): string | undefined {
  if (!obs.location) return undefined;
  try {
    const base = new URL(client.config.baseUrls[surface]);
    const prefix = base.pathname.replace(/\/$/, "");
    const target = new URL(obs.location, `${base.origin}${prefix}${obs.path}`);
    if (target.origin !== base.origin || !target.pathname.startsWith(`${prefix}/`)) return undefined;
    return target.pathname.slice(prefix.length) + target.search;
  } catch {
    return undefined;
  }
}

/** "307 to /health/" — the redirect as an operator reads it. */
export function redirectLine(obs: Observation, followed?: string): string {
  return `${obs.status} to ${followed ?? obs.location ?? "(no Location header)"}`;
}
