import { createServer, type IncomingMessage } from "node:http";

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  at: number;
}

export interface LoopbackReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Status the next requests get (default 200); a function decides per request. */
  respondWith(status: number | ((r: ReceivedRequest, n: number) => number)): void;
  /** Resolves with the first request (at or after index `from`) that `pred` accepts; rejects after `timeoutMs`. */
  waitFor(pred: (r: ReceivedRequest) => boolean, timeoutMs: number, from?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

/** A real HTTP server on a free loopback port that records every request: the "team" a webhook notifies. */
export async function startReceiver(): Promise<LoopbackReceiver> {
  const requests: ReceivedRequest[] = [];
  let decide: (r: ReceivedRequest, n: number) => number = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      requests.push(r);
      res.writeHead(decide(r, requests.length), { "Content-Type": "text/plain" }).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith(status) {
      decide = typeof status === "number" ? () => status : status;
    },
    async waitFor(pred, timeoutMs, from = 0) {
      const by = Date.now() + timeoutMs;
      for (;;) {
        const hit = requests.slice(from).find(pred);
        if (hit) return hit;
        if (Date.now() > by) throw new Error(`no matching request within ${timeoutMs} ms (got ${requests.length}: ${requests.map((r) => `${r.method} ${r.path}`).join(", ")})`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
