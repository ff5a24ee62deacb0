import { route } from "@/lib/http/route";
import { exportIncidentMarkdown, zIncidentParams } from "@/lib/server/incidents";

/** The postmortem starting point as Markdown; exports are audited. */
export const GET = route({ role: "responder", params: zIncidentParams }, async ({ params, audit }) => {
  const { markdown } = await exportIncidentMarkdown(params.id);
  await audit("incident.export", params.id);
  return new Response(markdown, {
    headers: {
      "Content-Type": "text/markdown; charset=utf-8",
      "Content-Disposition": `attachment; filename="incident-${params.id}.md"`,
    },
  });
});
