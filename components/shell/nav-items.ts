export const NAV_ITEMS = [
  { href: "/", label: "Overview", key: "o" },
  { href: "/runbook", label: "Runbook", key: "r" },
  { href: "/incidents", label: "Incidents", key: "i" },
  { href: "/alerts", label: "Alerts", key: "t" },
  { href: "/smoke", label: "Smoke test", key: "s" },
  { href: "/health", label: "Health", key: "h" },
  { href: "/sagas", label: "Sagas", key: "g" },
  { href: "/idempotency", label: "Idempotency keys", key: "k" },
  { href: "/slo", label: "SLOs", key: "l" },
  { href: "/audit", label: "Audit trail", key: "a", role: "admin" },
] as const;
