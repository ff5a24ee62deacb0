import { gzipSync } from "node:zlib";
import { timedGet } from "./http";

/** gzip bytes of the JavaScript a page's HTML makes the browser load before it is interactive. */
export async function firstLoadJs(baseUrl: string, path: string, cookie: string): Promise<{ path: string; kb: number; files: number }> {
  const page = await timedGet(`${baseUrl}${path}`, { Cookie: cookie });
  if (page.status !== 200) throw new Error(`${path} answered ${page.status}`);
  // noModule scripts are legacy polyfills that modern browsers skip, so they are not counted.
  const tags = [...page.body.matchAll(/<script[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\bnoModule\b/i.test(tag));
  const srcs = new Set(tags.flatMap((tag) => [...tag.matchAll(/src="([^"]+\.js[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, "&"))));
  let bytes = 0;
  for (const src of srcs) {
    const res = await fetch(new URL(src, baseUrl));
    bytes += gzipSync(Buffer.from(await res.arrayBuffer()), { level: 9 }).length;
  }
  return { path, kb: Math.round((bytes / 1024) * 10) / 10, files: srcs.size };
}
