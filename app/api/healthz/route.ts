// The console's own liveness: no auth, no upstream call, nothing that can hang.
export function GET() {
  return Response.json({ status: "ok", service: "dotmac-oncall-console" }, { headers: { "Cache-Control": "no-store" } });
}
