import { describe, expect, it } from "vitest";
import { isSameOrigin } from "@/lib/http/same-origin";

const req = (headers: Record<string, string>, url = "http://127.0.0.1:3000/api/x") => ({ headers: new Headers(headers), nextUrl: new URL(url) });
const CONSOLE = { consoleOrigin: "https://oncall.example.com" };

describe("isSameOrigin", () => {
  it("compares scheme, host and port of Origin with the console's own origin", () => {
    expect(isSameOrigin(req({ origin: "https://oncall.example.com" }), CONSOLE)).toBe(true);
    expect(isSameOrigin(req({ origin: "http://oncall.example.com" }), CONSOLE)).toBe(false);
    expect(isSameOrigin(req({ origin: "https://oncall.example.com:8443" }), CONSOLE)).toBe(false);
    expect(isSameOrigin(req({ origin: "https://evil.example" }), CONSOLE)).toBe(false);
    expect(isSameOrigin(req({ origin: "null" }), CONSOLE)).toBe(false);
  });

  it("does not let Host or X-Forwarded-Host vouch for a foreign Origin", () => {
    const spoofed = { origin: "https://evil.example", host: "evil.example", "x-forwarded-host": "evil.example", "sec-fetch-site": "same-origin" };
    expect(isSameOrigin(req(spoofed), CONSOLE)).toBe(false);
    // Without a configured origin, X-Forwarded-Host counts only behind trusted proxies.
    expect(isSameOrigin(req({ origin: "http://evil.example:3000", "x-forwarded-host": "evil.example:3000", host: "127.0.0.1:3000" }))).toBe(false);
    expect(isSameOrigin(req({ origin: "http://console.lan:3000", "x-forwarded-host": "console.lan:3000", host: "127.0.0.1:3000" }), { trustedProxies: 1 })).toBe(true);
  });

  it("without an Origin only a browser's same-origin Sec-Fetch-Site counts; localhost and 127.0.0.1 are one host", () => {
    expect(isSameOrigin(req({ "sec-fetch-site": "same-origin" }), CONSOLE)).toBe(true);
    expect(isSameOrigin(req({ "sec-fetch-site": "same-site" }), CONSOLE)).toBe(false);
    expect(isSameOrigin(req({}), CONSOLE)).toBe(false);
    expect(isSameOrigin(req({ origin: "http://127.0.0.1:3000" }), { consoleOrigin: "http://localhost:3000" })).toBe(true);
    expect(isSameOrigin(req({ origin: "http://127.0.0.1:3001" }), { consoleOrigin: "http://localhost:3000" })).toBe(false);
  });
});
