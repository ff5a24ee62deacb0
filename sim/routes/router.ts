import type { SimContext } from "../context";
import { json, redirect, type SimRequest, type SimResponse } from "../http";

export interface Route {
  pattern: RegExp;
  methods: string[];
  handle(r: SimRequest, ctx: SimContext, match: RegExpMatchArray): Promise<SimResponse> | SimResponse;
}

function find(routes: Route[], path: string): { route: Route; match: RegExpMatchArray } | null {
  for (const route of routes) {
    const match = path.match(route.pattern);
    if (match) return { route, match };
  }
  return null;
}

/** Starlette routing: exact match, else a 307 to the slash-toggled path if that one exists (redirect_slashes). */
export async function dispatchFastApi(routes: Route[], r: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const hit = find(routes, r.path);
  if (hit) {
    const allowed = hit.route.methods.includes(r.method) || (r.method === "HEAD" && hit.route.methods.includes("GET"));
    if (!allowed) return json(405, { detail: "Method Not Allowed" }, { allow: hit.route.methods.join(", ") });
    return hit.route.handle(r, ctx, hit.match);
  }
  if (r.path !== "/") {
    const toggled = r.path.endsWith("/") ? r.path.slice(0, -1) : `${r.path}/`;
    if (find(routes, toggled)) return redirect(r, toggled);
  }
  return json(404, { detail: "Not Found" });
}
