import { createHmac, randomUUID } from "node:crypto";

const SIM_SECRET = "dotmac-simulator-not-a-secret";
const b64 = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

/** An HS256 token shaped like the platform's (CONTRACT §6); signed with a public, simulator-only key. */
export function fakeJwt(claims: Record<string, unknown>, nowMs: number, lifetimeS: number): string {
  const iat = Math.floor(nowMs / 1000);
  const payload = { ...claims, iat, exp: iat + lifetimeS, jti: randomUUID(), iss: "dotmac-management", aud: "dotmac-platform", scope: "read write", scopes: ["read", "write"] };
  const head = `${b64({ alg: "HS256", typ: "JWT" })}.${b64(payload)}`;
  return `${head}.${createHmac("sha256", SIM_SECRET).update(head).digest("base64url")}`;
}
