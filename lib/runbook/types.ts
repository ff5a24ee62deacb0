/**
 * The runbook as the console sees it: plain JSON (serialisable from server to client components), with a
 * small inline AST so the UI renders code spans, links and emphasis without dangerouslySetInnerHTML.
 */
export type Inline =
  | { type: "text"; value: string }
  | { type: "code"; value: string }
  | { type: "link"; url: string; title?: string; children: Inline[] }
  | { type: "strong"; children: Inline[] }
  | { type: "emphasis"; children: Inline[] }
  /** A hard line break, or the boundary between two paragraphs folded into one Inline[]. */
  | { type: "break" };

export interface CodeBlock {
  kind: "code";
  /** `${sectionSlug}.code-${hash}`; stable while the block's own content is unchanged. */
  id: string;
  sectionId: string;
  lang: string | null;
  meta: string | null;
  value: string;
}

export interface Step {
  kind: "step";
  /** `${sectionSlug}.${hash of the step's own normalised text}`, `-2`, `-3` … only for exact duplicates. */
  id: string;
  sectionId: string;
  /** Id of the enclosing list item for nested steps. */
  parentId?: string;
  /** 0 for top-level items, 1 for their children, … */
  depth: number;
  /** The step's own text (nested items excluded), as plain text. */
  text: string;
  inline: Inline[];
  /** GFM task-list state written in the Markdown (`- [x]`), null when the item is not a task. */
  checked: boolean | null;
  /** Fenced code inside the list item. */
  codeBlocks: CodeBlock[];
}

export interface Section {
  /** The slug; it ignores the section number so renumbering keeps every id. */
  id: string;
  /** "1" from "1) Smoke Test"; absent for unnumbered sections (Quick Links, Appendix). */
  number?: string;
  /** Heading text without its number. */
  title: string;
  slug: string;
  /** Markdown heading depth (2 for `##`, 3 for `###`). */
  depth: number;
  /** Paragraphs and other prose of the section outside its lists. */
  intro: Inline[];
  /** Every step of the section in document order; nested ones carry parentId. */
  steps: Step[];
  /** Fenced code blocks at section level (e.g. the appendix env template). */
  codeBlocks: CodeBlock[];
}

export interface Runbook {
  title: string;
  /** First 12 hex digits of the sha256 of the Markdown: identifies the exact text an incident was worked on. */
  version: string;
  /** Prose between the title and the first section. */
  intro: Inline[];
  sections: Section[];
}
