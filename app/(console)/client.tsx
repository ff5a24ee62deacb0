"use client";

import Link from "next/link";

interface Props {
  canRunChecks: boolean;
  platform: { demo: boolean; tenant: string; apiVersion: string; baseUrls: Record<string, string> };
}

export function OverviewClient({ platform }: Props) {
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-xl font-semibold">Overview</h1>
        <p className="muted text-sm">
          Tenant {platform.tenant}, API {platform.apiVersion}
          {platform.demo ? " — simulated platform" : ""}.
        </p>
      </div>
      <section className="grid gap-4 md:grid-cols-2">
        <Link href="/runbook" className="panel p-4 hover:bg-[var(--panel-2)]">
          <h2 className="font-medium">Runbook</h2>
          <p className="muted text-sm">Follow the on-call runbook; steps run their checks in place.</p>
        </Link>
        <Link href="/smoke" className="panel p-4 hover:bg-[var(--panel-2)]">
          <h2 className="font-medium">Smoke test</h2>
          <p className="muted text-sm">Every surface&apos;s health, client check, metrics and bgops in one run.</p>
        </Link>
        <Link href="/sagas" className="panel p-4 hover:bg-[var(--panel-2)]">
          <h2 className="font-medium">Sagas</h2>
          <p className="muted text-sm">What happened to a provisioning request: state, steps, timeline.</p>
        </Link>
        <Link href="/slo" className="panel p-4 hover:bg-[var(--panel-2)]">
          <h2 className="font-medium">SLOs</h2>
          <p className="muted text-sm">Login success, provisioning, error rates: budgets and burn rates.</p>
        </Link>
      </section>
    </div>
  );
}
