import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { parseRunbook } from "@/lib/runbook/parse";
import { contactsFromRunbook, envValues, parseContacts } from "./runbook";

const runbook = parseRunbook(readFileSync(new URL("../runbook/dotmac-runbook.md", import.meta.url), "utf8"));

describe("on-call contacts", () => {
  it("reads ONCALL_CONTACTS pairs in order", () => {
    expect(parseContacts("Primary on-call=Platform SRE (Slack: #ops-oncall);Secondary=App Team Lead")).toEqual({
      contacts: [
        { label: "Primary on-call", value: "Platform SRE (Slack: #ops-oncall)" },
        { label: "Secondary", value: "App Team Lead" },
      ],
      problems: [],
    });
  });

  it("reports bad entries instead of guessing, and strips control characters", () => {
    const { contacts, problems } = parseContacts("Primary=Alice\u001b[31m;just text;=nobody;Secondary=" + "x".repeat(300));
    expect(contacts).toEqual([{ label: "Primary", value: "Alice [31m" }]);
    expect(problems).toEqual(['entry 2 is not "Label=Contact"', 'entry 3 is not "Label=Contact"', "entry 4 is too long (label ≤ 60, contact ≤ 200 characters)"]);
    expect(parseContacts(undefined)).toEqual({ contacts: [], problems: [] });
  });

  it("defaults to the runbook's own escalation section", () => {
    expect(contactsFromRunbook(runbook)).toEqual([
      { label: "Primary on-call", value: "Platform SRE (Slack: #ops-oncall)" },
      { label: "Secondary", value: "App Team Lead" },
      { label: "External dependencies", value: "DNS/SSL provider, Cloud, Signoz maintainer" },
    ]);
  });
});

describe("env template values", () => {
  beforeAll(() => {
    vi.stubEnv("ADMIN_BASE_URL", "http://127.0.0.1:18191");
    vi.stubEnv("RESELLER_BASE_URL", "http://127.0.0.1:18192");
    vi.stubEnv("TENANT_BASE_URL", "http://127.0.0.1:18193");
    vi.stubEnv("MGMT_API_URL", "http://127.0.0.1:18190");
    vi.stubEnv("TENANT_SLUG", "acme");
    vi.stubEnv("API_VERSION", "v1");
    vi.stubEnv("MGMT_API_TOKEN", "tok-very-secret-123");
  });

  it("shows the console's values, masks secrets and URL passwords, and never reads unrelated variables", () => {
    const env = { MGMT_API_TOKEN: "tok-very-secret-123", REDIS_URL: "redis://:hunter2@cache:6379/0", HOME: "/root" };
    const v = envValues(["TENANT_SLUG", "MGMT_API_URL", "MGMT_API_TOKEN", "REDIS_URL", "HOME", "DATABASE_URL"], env);
    expect(v.TENANT_SLUG?.value).toBe("acme");
    expect(v.MGMT_API_URL?.value).toContain("127.0.0.1:18190");
    expect(v.MGMT_API_TOKEN).toMatchObject({ value: "••••••", secret: true });
    expect(v.REDIS_URL?.value).toBe("redis://:••••••@cache:6379/0");
    expect(v.HOME).toMatchObject({ value: null, origin: "unknown" });
    expect(v.DATABASE_URL).toMatchObject({ value: null, origin: "console" });
    expect(JSON.stringify(v)).not.toMatch(/hunter2|tok-very-secret/);
  });
});
