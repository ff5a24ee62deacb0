import Link from "next/link";
import type { Contact, EnvValue } from "@/components/runbook/view-types";

export function SloSummaryWidget() {
  return (
    <p className="text-xs">
      Business SLOs from <code>/metrics</code>: error budgets and burn rates are on the{" "}
      <Link href="/slo" className="text-[var(--accent)] underline">
        SLO page
      </Link>
      .
    </p>
  );
}

export function RedisKeysWidget({ patterns, redisConfigured }: { patterns: string[]; redisConfigured: boolean }) {
  return (
    <p className="text-xs">
      {redisConfigured ? (
        <>
          <code>REDIS_URL</code> is set: the console reads {patterns.map((p) => <code key={p} className="mx-0.5">{p}</code>)} read-only —{" "}
        </>
      ) : (
        <>
          <code>REDIS_URL</code> is not set, so the console cannot read {patterns.join(", ")} directly; the bgops API is used —{" "}
        </>
      )}
      <Link href="/sagas" className="text-[var(--accent)] underline">sagas</Link>,{" "}
      <Link href="/idempotency" className="text-[var(--accent)] underline">idempotency keys</Link>.
    </p>
  );
}

export function EnvTemplateWidget({ variables, env }: { variables: string[]; env: Record<string, EnvValue> }) {
  return (
    <table className="text-xs" aria-label="The console's current values">
      <tbody className="font-mono">
        {variables.map((name) => {
          const v = env[name];
          return (
            <tr key={name}>
              <th scope="row" className="pr-3 text-left font-normal">{name}</th>
              <td data-env={name}>
                {v?.value ? v.value : <span className="muted">{v?.origin === "unknown" ? "(not a console setting)" : "(not set)"}</span>}
                {v?.secret && v.value ? <span className="muted"> (secret, masked)</span> : null}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ContactsWidget({ role, contacts, source }: { role?: string; contacts: Contact[]; source: "ONCALL_CONTACTS" | "runbook" }) {
  const match = role ? contacts.find((c) => c.label.toLowerCase() === role.toLowerCase()) : undefined;
  if (source === "runbook") return <p className="muted text-xs">From the runbook; set <code>ONCALL_CONTACTS</code> to show the current rota.</p>;
  return (
    <p className="text-xs">
      {match ? (
        <>On call now ({match.label}): <b>{match.value}</b> <span className="muted">from ONCALL_CONTACTS</span></>
      ) : (
        <span className="muted">Not in ONCALL_CONTACTS{role ? ` (“${role}”)` : ""}; the runbook text above applies.</span>
      )}
    </p>
  );
}

export function SurfaceLinkWidget({ variable, url }: { variable: string; url: string | undefined }) {
  if (!url) return null;
  return (
    <p className="text-xs">
      {variable} = <a href={url} target="_blank" rel="noreferrer noopener" className="text-[var(--accent)] underline">{url}</a>
    </p>
  );
}
