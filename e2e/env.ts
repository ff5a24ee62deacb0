/** Fixed ports and paths of the end-to-end environment (a console + simulator of their own). */
export const E2E = {
  port: 3199,
  baseURL: "http://127.0.0.1:3199",
  simPortBase: 18190,
  sim: {
    mgmt: "http://127.0.0.1:18190",
    admin: "http://127.0.0.1:18191",
    reseller: "http://127.0.0.1:18192",
    tenant: "http://127.0.0.1:18193",
  },
  dataDir: ".data/e2e",
  // A recognisable value so tests can prove it never reaches a browser.
  upstreamToken: "sim-upstream-token-7f3a9c1e5b",
  authDir: "e2e/.auth",
} as const;

export type DemoRole = "viewer" | "responder" | "admin";
export const storageStateFor = (role: DemoRole) => `${E2E.authDir}/${role}.json`;
