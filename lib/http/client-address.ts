import { AsyncLocalStorage } from "node:async_hooks";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { isIP } from "node:net";

/**
 * The client's address: the TCP peer, or — behind `trustedProxies` reverse proxies — the X-Forwarded-For entry
 * that the outermost trusted proxy appended. Entries further left were written by the client and prove nothing.
 */
export function resolveClientAddress(peer: string | undefined, forwardedFor: string | string[] | undefined, trustedProxies: number): string {
  const forwarded = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",").map((s) => s.trim()).filter(Boolean);
  const chain = [...(trustedProxies > 0 ? forwarded : []), peer ?? ""];
  // Fewer entries than proxies: the request did not come through all of them; the leftmost is the best we have.
  return normalise(chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? "");
}

function normalise(raw: string): string {
  const address = raw.replace(/^\[(.*)\]$/, "$1").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return isIP(address) ? address.toLowerCase() : "unknown";
}

interface ClientContext { address: string }
const holder = globalThis as { __consoleClientContext?: AsyncLocalStorage<ClientContext>; __consoleClientHook?: number };
const context = (holder.__consoleClientContext ??= new AsyncLocalStorage<ClientContext>());

/**
 * Next's route handlers never see the socket (and Next itself fills X-Forwarded-For only when the client did not),
 * so the address is taken where the request arrives: every HTTP server of this process runs its request handling
 * inside a context holding the resolved address. Installed once at start (instrumentation.ts).
 */
export function installClientAddressHook(trustedProxies: number): void {
  if (holder.__consoleClientHook !== undefined) return;
  holder.__consoleClientHook = trustedProxies;
  for (const proto of [http.Server.prototype, https.Server.prototype] as { emit: (event: string | symbol, ...args: unknown[]) => boolean }[]) {
    const original = proto.emit;
    proto.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
      if (event !== "request") return original.call(this, event, ...args);
      const req = args[0] as IncomingMessage;
      const address = resolveClientAddress(req.socket?.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
      return context.run({ address }, () => original.call(this, event, ...args));
    };
  }
}

let warned = false;
/** The current request's client address ("unknown" outside a request, or if the hook was not installed). */
export function clientAddress(): string {
  const address = context.getStore()?.address;
  if (address) return address;
  if (!warned && holder.__consoleClientHook === undefined) {
    warned = true;
    console.error("[auth] client addresses are unknown: the request hook was not installed (instrumentation.ts)");
  }
  return "unknown";
}
