const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a pasted id most likely leads: saga ids are uuid4, idempotency keys are anything else. */
export function searchTargets(raw: string): { label: string; href: string }[] {
  const q = raw.trim();
  if (!q) return [];
  const saga = { label: `Open saga ${q}`, href: `/sagas/${encodeURIComponent(q)}` };
  const key = { label: `Open idempotency key ${q}`, href: `/idempotency/${encodeURIComponent(q)}` };
  return UUID.test(q) ? [saga, key] : [key, saga];
}
