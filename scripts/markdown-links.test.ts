import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Root, RootContent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/**
 * The files a plain clone has: tracked ones plus new ones not ignored (so a file about to be committed counts,
 * and something that only exists on this machine — .data/, ../shared — does not).
 */
function repoFiles(): Set<string> {
  const out = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" });
  return new Set(out.split("\0").filter(Boolean).map((f) => normalize(f)));
}

/** Relative targets: Markdown links, images and definitions, plus code spans written as a path to a .md file. */
function relativeTargets(markdown: string): string[] {
  const tree = unified().use(remarkParse).use(remarkGfm).parse(markdown) as Root;
  const found: string[] = [];
  const walk = (node: Root | RootContent) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") found.push(node.url);
    if (node.type === "inlineCode" && /^\.{1,2}\/\S+\.md(#\S*)?$/.test(node.value)) found.push(node.value);
    if ("children" in node) for (const child of node.children) walk(child);
  };
  walk(tree);
  return found.filter((url) => !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("#") && !url.startsWith("//"));
}

describe("Markdown links in the repository", () => {
  const files = repoFiles();
  const markdown = [...files].filter((f) => f.endsWith(".md")).sort();
  // Directories a clone has: the parents of its files.
  const dirs = new Set([...files].flatMap((f) => f.split("/").slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join("/"))));

  it("finds the repository's Markdown files", () => {
    expect(markdown).toEqual(expect.arrayContaining(["README.md", "sim/README.md", "docs/platform-contract.md"]));
  });

  it.each(markdown)("every relative link in %s resolves to a file of the repository", (file) => {
    const broken: string[] = [];
    for (const url of relativeTargets(readFileSync(join(ROOT, file), "utf8"))) {
      const path = decodeURIComponent(url.split(/[?#]/, 1)[0] ?? "");
      if (path === "") continue;
      const target = normalize(relative(ROOT, join(ROOT, dirname(file), path))).replace(/\/$/, "");
      if (target.startsWith("..") || !(files.has(target) || dirs.has(target))) broken.push(`${url} → ${target}`);
    }
    expect(broken).toEqual([]);
  });
});
