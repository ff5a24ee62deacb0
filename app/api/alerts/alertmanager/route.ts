import { receiveAlertmanager } from "@/lib/server/alerts";

// Machine-to-machine: Alertmanager's webhook with a bearer token, not a signed-in session (see lib/server/alerts.ts).
export async function POST(req: Request) {
  return receiveAlertmanager(req);
}
