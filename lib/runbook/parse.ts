import { unified } from "unified";
import remarkParse from "remark-parse";
import remarkGfm from "remark-gfm";
import { toString } from "mdast-util-to-string";
import type { Code, List, ListItem, Root, RootContent } from "mdast";
import type { CodeBlock, Inline, Runbook, Section, Step } from "./types";
import { inlineText, joinParagraphs, toInlines, type Definitions } from "./inline";
import { makeDisambiguator, sha256Hex, slugify, splitHeadingNumber, stepHash } from "./ids";

const processor = unified().use(remarkParse).use(remarkGfm);

/** Sections start at `##` and `###` headings; the first `#` is the title; deeper headings stay prose. */
export function parseRunbook(markdown: string): Runbook {
  const tree = processor.parse(markdown) as Root;
  const defs = collectDefinitions(tree);
  const sectionSlug = makeDisambiguator();
  const runbookIntro: Inline[][] = [];
  const sections: SectionBuilder[] = [];
  let title: string | undefined;
  let current: SectionBuilder | undefined;

  const ensureSection = (): SectionBuilder => {
    // Lists or code before the first heading still need a home (and ids) for the checklist.
    current ??= pushSection(sections, sectionSlug, "Introduction", 2);
    return current;
  };

  const visit = (node: RootContent): void => {
    switch (node.type) {
      case "heading": {
        const text = inlineText(toInlines(node.children, defs));
        if (node.depth === 1 && title === undefined && sections.length === 0) title = text.trim();
        else if (node.depth <= 3) current = pushSection(sections, sectionSlug, text, node.depth);
        else (current ? current.intro : runbookIntro).push([{ type: "strong", children: toInlines(node.children, defs) }]);
        return;
      }
      case "paragraph":
        (current ? current.intro : runbookIntro).push(toInlines(node.children, defs));
        return;
      case "list":
        ensureSection().addList(node, undefined, 0, defs);
        return;
      case "code":
        ensureSection().addCode(node);
        return;
      case "blockquote":
        node.children.forEach(visit);
        return;
      case "table":
        for (const row of node.children) {
          (current ? current.intro : runbookIntro).push([{ type: "text", value: row.children.map((c) => toString(c)).join(" | ") }]);
        }
        return;
      default:
        // thematic breaks, definitions, raw HTML (often comments), front matter: nothing to show or tick.
        return;
    }
  };
  tree.children.forEach(visit);

  return {
    title: title ?? "Runbook",
    version: sha256Hex(markdown).slice(0, 12),
    intro: joinParagraphs(runbookIntro),
    sections: sections.map((s) => s.build()),
  };
}

interface SectionBuilder {
  intro: Inline[][];
  addList(list: List, parentId: string | undefined, depth: number, defs: Definitions): void;
  addCode(node: Code): CodeBlock;
  build(): Section;
}

function pushSection(
  sections: SectionBuilder[],
  sectionSlug: (base: string) => string,
  heading: string,
  depth: number,
): SectionBuilder {
  const { number, title } = splitHeadingNumber(heading);
  const slug = sectionSlug(slugify(title));
  const intro: Inline[][] = [];
  const steps: Step[] = [];
  const codeBlocks: CodeBlock[] = [];
  const uniqueId = makeDisambiguator();

  const toCode = (node: Code): CodeBlock => ({
    kind: "code",
    id: uniqueId(`${slug}.code-${sha256Hex(node.value).slice(0, 8)}`),
    sectionId: slug,
    lang: node.lang ?? null,
    meta: node.meta ?? null,
    value: node.value,
  });

  const addItem = (item: ListItem, parentId: string | undefined, depth: number, defs: Definitions): void => {
    const paragraphs: Inline[][] = [];
    const nested: List[] = [];
    const code: Code[] = [];
    for (const child of item.children) {
      if (child.type === "paragraph") paragraphs.push(toInlines(child.children, defs));
      else if (child.type === "list") nested.push(child);
      else if (child.type === "code") code.push(child);
      else paragraphs.push([{ type: "text", value: toString(child) }]);
    }
    const inline = joinParagraphs(paragraphs);
    const text = inlineText(inline).trim();
    const step: Step = {
      kind: "step",
      id: uniqueId(`${slug}.${stepHash(text)}`),
      sectionId: slug,
      depth,
      text,
      inline,
      checked: item.checked ?? null,
      codeBlocks: code.map(toCode),
    };
    if (parentId !== undefined) step.parentId = parentId;
    steps.push(step);
    for (const list of nested) builder.addList(list, step.id, depth + 1, defs);
  };

  const builder: SectionBuilder = {
    intro,
    addList(list, parentId, depth, defs) {
      for (const item of list.children) addItem(item, parentId, depth, defs);
    },
    addCode(node) {
      const block = toCode(node);
      codeBlocks.push(block);
      return block;
    },
    build() {
      const section: Section = { id: slug, title, slug, depth, intro: joinParagraphs(intro), steps, codeBlocks };
      if (number !== undefined) section.number = number;
      return section;
    },
  };
  sections.push(builder);
  return builder;
}

function collectDefinitions(tree: Root): Definitions {
  const defs = new Map<string, { url: string; title: string | null }>();
  const walk = (nodes: readonly RootContent[]): void => {
    for (const node of nodes) {
      if (node.type === "definition") defs.set(node.identifier.toLowerCase(), { url: node.url, title: node.title ?? null });
      else if ("children" in node) walk(node.children as RootContent[]);
    }
  };
  walk(tree.children);
  return defs;
}
