import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, installClientAddressHook, resolveClientAddress } from "./client-address";

describe("resolveClientAddress", () => {
  it("uses the TCP peer and ignores X-Forwarded-For when no proxy is trusted", () => {
    expect(resolveClientAddress("203.0.113.9", "10.0.0.1", 0)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:127.0.0.1", "1.2.3.4, 5.6.7.8", 0)).toBe("127.0.0.1");
  });

  it("behind N trusted proxies takes the entry the outermost one appended, whatever the client prepended", () => {
    // client sent "6.6.6.6"; proxy 1 appended the real client 198.51.100.4; proxy 2 connected to us.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 198.51.100.4", 1)).toBe("198.51.100.4");
    expect(resolveClientAddress("10.0.0.3", ["6.6.6.6, 198.51.100.4", "10.0.0.2"], 2)).toBe("198.51.100.4");
    expect(resolveClientAddress("10.0.0.2", undefined, 1)).toBe("10.0.0.2");
  });

  it("never returns a client-chosen string that is not an address", () => {
    expect(resolveClientAddress("10.0.0.2", "<script>, x", 1)).toBe("unknown");
    expect(resolveClientAddress("10.0.0.2", "[2001:DB8::1]", 1)).toBe("2001:db8::1");
    expect(resolveClientAddress(undefined, undefined, 0)).toBe("unknown");
  });
});

describe("the request hook", () => {
  it("gives a handler of a real HTTP server the socket's address, not the header's", async () => {
    installClientAddressHook(0);
    const server = http.createServer(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 5)); // across an await, as in Next's own handling
      res.end(clientAddress());
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "X-Forwarded-For": "198.51.100.77" } });
      expect(await res.text()).toBe("127.0.0.1");
    } finally {
      server.close();
    }
    expect(clientAddress()).toBe("unknown");
  });
});
