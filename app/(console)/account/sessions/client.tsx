"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { useState } from "react";
import { Freshness } from "@/components/status/freshness";
import { ErrorPanel } from "@/components/ui/error-panel";
import { Spinner } from "@/components/ui/spinner";
import type { SessionView } from "@/lib/server/sessions";
import { formatTime } from "@/lib/incidents/format";
import { fetchJson, postJson } from "@/lib/query/fetch-json";

export function SessionsClient({ scope, isAdmin }: { scope: "mine" | "all"; isAdmin: boolean }) {
  const qc = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const key = ["sessions", scope];
  const list = useQuery({ queryKey: key, queryFn: () => fetchJson<{ sessions: SessionView[] }>(`/api/sessions?scope=${scope}`), refetchInterval: 15_000 });
  const end = useMutation({
    mutationFn: (s: SessionView) => postJson<{ ended: boolean }>("/api/sessions/end", { id: s.id }),
    onSuccess: async (_r, s) => {
      if (s.current) return void (await signOut({ callbackUrl: "/login" }));
      setMessage(`Ended the session of ${s.userName} from ${s.address ?? "an unknown address"}.`);
      await qc.invalidateQueries({ queryKey: ["sessions"] });
    },
    onError: (err) => setMessage(`Not ended: ${(err as Error).message}`),
  });

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{scope === "all" ? "All active sessions" : "Your active sessions"}</h1>
        {isAdmin && (
          <Link className="text-sm underline" href={scope === "all" ? "/account/sessions" : "/account/sessions?scope=all"}>
            {scope === "all" ? "Show only yours" : "Show everyone's"}
          </Link>
        )}
      </div>
      <p className="muted text-sm">
        Every sign-in is a session until it is signed out, ended here, or expires. End any you do not recognise; “Sign out
        everywhere” in the header ends all of yours.
      </p>
      {message && (
        <p role="status" className="text-sm">
          {message}
        </p>
      )}
      <section className="panel p-4">
        {list.isPending && <Spinner label="Loading sessions…" />}
        {list.isError && !list.data && <ErrorPanel title="Sessions could not be listed" message={(list.error as Error).message} />}
        {list.data && (
          <>
            <Freshness updatedAt={list.dataUpdatedAt} source="the console's store" fetching={list.isFetching} refreshError={list.isError ? (list.error as Error).message : null} />
            <table className="mt-2 w-full text-left text-sm" aria-label="Active sessions">
              <thead className="muted">
                <tr>
                  {scope === "all" && <th className="px-2 py-1 font-normal">User</th>}
                  <th className="px-2 py-1 font-normal">From</th>
                  <th className="px-2 py-1 font-normal">Browser</th>
                  <th className="px-2 py-1 font-normal">Signed in</th>
                  <th className="px-2 py-1 font-normal">Last seen</th>
                  <th className="px-2 py-1 font-normal">Expires</th>
                  <th className="px-2 py-1 font-normal"><span className="sr-only">Action</span></th>
                </tr>
              </thead>
              <tbody>
                {list.data.sessions.map((s) => (
                  <tr key={s.id} className="border-t border-[var(--border)]" data-session-id={s.id}>
                    {scope === "all" && <td className="px-2 py-1">{s.userName} <span className="muted">({s.userId}, {s.role})</span></td>}
                    <td className="px-2 py-1 font-mono">{s.address ?? "unknown"}{s.current && <b className="ml-2 font-sans">this session</b>}</td>
                    <td className="max-w-xs truncate px-2 py-1" title={s.userAgent ?? undefined}>{s.userAgent ?? "unknown"}</td>
                    <td className="px-2 py-1">{formatTime(s.createdAt)}</td>
                    <td className="px-2 py-1">{formatTime(s.lastSeenAt)}</td>
                    <td className="px-2 py-1">{formatTime(s.expiresAt)}</td>
                    <td className="px-2 py-1 text-right">
                      <button
                        type="button"
                        disabled={end.isPending}
                        onClick={() => end.mutate(s)}
                        className="rounded border border-[var(--border)] px-2 py-0.5 hover:bg-[var(--panel-2)] disabled:opacity-60"
                        aria-label={`End session from ${s.address ?? "unknown"} signed in ${formatTime(s.createdAt)}${s.current ? " (this session)" : ""}`}
                      >
                        {end.isPending && end.variables?.id === s.id ? "Ending…" : "End"}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {list.data.sessions.length === 0 && <p className="muted mt-2 text-sm">No active sessions.</p>}
          </>
        )}
      </section>
    </div>
  );
}
