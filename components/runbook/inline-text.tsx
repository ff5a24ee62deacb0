import type { Inline } from "@/lib/runbook/types";

/** The runbook's inline AST as React nodes: links only with the parser's safe schemes, never raw HTML. */
export function InlineText({ items }: { items: readonly Inline[] }) {
  return (
    <>
      {items.map((item, i) => {
        switch (item.type) {
          case "text":
            return <span key={i}>{item.value}</span>;
          case "code":
            return (
              <code key={i} className="rounded bg-[var(--panel-2)] px-1 text-[0.9em]">
                {item.value}
              </code>
            );
          case "break":
            return <br key={i} />;
          case "strong":
            return (
              <strong key={i}>
                <InlineText items={item.children} />
              </strong>
            );
          case "emphasis":
            return (
              <em key={i}>
                <InlineText items={item.children} />
              </em>
            );
          case "link":
            return (
              <a key={i} href={item.url} title={item.title} className="text-[var(--accent)] underline" rel="noreferrer noopener" target="_blank">
                <InlineText items={item.children} />
              </a>
            );
        }
      })}
    </>
  );
}
