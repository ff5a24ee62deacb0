import type { PhrasingContent } from "mdast";
import type { Inline } from "./types";

export type Definitions = ReadonlyMap<string, { url: string; title: string | null }>;

const SAFE_SCHEMES = new Set(["http", "https", "mailto"]);

/** The UI puts link URLs into href: any scheme that could run script (javascript:, data:, …) stays text. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"), so judge it without them.
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1];
  return scheme === undefined || SAFE_SCHEMES.has(scheme.toLowerCase());
}

export function toInlines(nodes: readonly PhrasingContent[], defs: Definitions): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) out.push(...convert(node, defs));
  return mergeText(out);
}

function convert(node: PhrasingContent, defs: Definitions): Inline[] {
  switch (node.type) {
    case "text":
      return [{ type: "text", value: node.value }];
    case "inlineCode":
      return [{ type: "code", value: node.value }];
    case "strong":
      return [{ type: "strong", children: toInlines(node.children, defs) }];
    case "emphasis":
      return [{ type: "emphasis", children: toInlines(node.children, defs) }];
    case "break":
      return [{ type: "break" }];
    case "link":
      return link(node.url, node.title ?? null, toInlines(node.children, defs));
    case "linkReference": {
      const def = defs.get(node.identifier.toLowerCase());
      const children = toInlines(node.children, defs);
      return def ? link(def.url, def.title, children) : children;
    }
    case "image":
      return node.alt ? [{ type: "text", value: node.alt }] : [];
    case "imageReference":
      return node.alt ? [{ type: "text", value: node.alt }] : [];
    case "html":
      return [{ type: "text", value: node.value }];
    default:
      // delete (~~x~~), footnote references and future node kinds: keep their words, drop the styling.
      if ("children" in node && Array.isArray(node.children)) {
        return toInlines(node.children as PhrasingContent[], defs);
      }
      return "value" in node && typeof node.value === "string" ? [{ type: "text", value: node.value }] : [];
  }
}

function link(url: string, title: string | null, children: Inline[]): Inline[] {
  if (!isSafeUrl(url)) return children.length ? children : [{ type: "text", value: url }];
  return [title ? { type: "link", url, title, children } : { type: "link", url, children }];
}

function mergeText(items: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.type === "text" && last?.type === "text") {
      out[out.length - 1] = { type: "text", value: last.value + item.value };
    } else if (!(item.type === "text" && item.value === "")) {
      out.push(item);
    }
  }
  return out;
}

/** Plain text of an inline tree; code spans keep their content, breaks become single spaces. */
export function inlineText(items: readonly Inline[]): string {
  let s = "";
  for (const item of items) {
    if (item.type === "text" || item.type === "code") s += item.value;
    else if (item.type === "break") s += " ";
    else s += inlineText(item.children);
  }
  return s;
}

/** Every code span, in order, including those inside links and emphasis. */
export function codeSpans(items: readonly Inline[]): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (item.type === "code") out.push(item.value);
    else if ("children" in item) out.push(...codeSpans(item.children));
  }
  return out;
}

/** Joins paragraphs into one Inline[] with a break between them. */
export function joinParagraphs(paragraphs: Inline[][]): Inline[] {
  const out: Inline[] = [];
  for (const p of paragraphs) {
    if (p.length === 0) continue;
    if (out.length) out.push({ type: "break" });
    out.push(...p);
  }
  return out;
}
