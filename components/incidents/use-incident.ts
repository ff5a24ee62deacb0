"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useRef } from "react";
import { mergeChanges, withStep, type IncidentDetail } from "@/components/incidents/incident-state";
import type { EvidenceDraft } from "@/components/runbook/view-types";
import { ConsoleApiError, fetchJson, postJson } from "@/lib/query/fetch-json";
import type { IncidentChanges, IncidentStep, StepState } from "@/lib/store";

const POLL_MS = 2_500;

/** 128 random bits as hex; getRandomValues works on plain http too, where randomUUID does not exist. */
function newClientKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export interface StepChange {
  stepId: string;
  state: StepState;
  reason?: string | null;
}

export type StepOutcome = { ok: true } | { ok: false; conflict: IncidentStep } | { ok: false; error: string };

/** The incident plus a 2.5 s poll of what others changed since the newest seq this page has. */
export function useIncident(id: string) {
  const qc = useQueryClient();
  const key = ["incident", id];
  const detail = useQuery({ queryKey: key, queryFn: () => fetchJson<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`) });
  const changes = useQuery({
    queryKey: ["incident-changes", id],
    enabled: detail.data !== undefined,
    refetchInterval: POLL_MS,
    refetchIntervalInBackground: true,
    queryFn: async () => {
      const since = qc.getQueryData<IncidentDetail>(key)?.incident.seq ?? 0;
      const c = await fetchJson<IncidentChanges>(`/api/incidents/${encodeURIComponent(id)}/changes?since=${since}`);
      qc.setQueryData<IncidentDetail>(key, (d) => (d ? mergeChanges(d, c) : d));
      return { at: Date.now(), events: c.events.length };
    },
  });

  const refresh = useCallback(() => void changes.refetch(), [changes]);

  const changeStep = useCallback(
    async (change: StepChange): Promise<StepOutcome> => {
      const current = qc.getQueryData<IncidentDetail>(key)?.incident.steps.find((s) => s.stepId === change.stepId);
      if (!current) return { ok: false, error: "That step is not part of this incident." };
      try {
        const res = await postJson<{ step: IncidentStep }>(`/api/incidents/${encodeURIComponent(id)}/steps`, {
          stepId: change.stepId,
          expectedVersion: current.version,
          state: change.state,
          reason: change.reason ?? null,
        });
        qc.setQueryData<IncidentDetail>(key, (d) => (d ? withStep(d, res.step) : d));
        refresh();
        return { ok: true };
      } catch (err) {
        const theirs = (err as ConsoleApiError).details as { step?: IncidentStep } | undefined;
        if (err instanceof ConsoleApiError && err.status === 409 && theirs?.step) {
          qc.setQueryData<IncidentDetail>(key, (d) => (d ? withStep(d, theirs.step!) : d));
          refresh();
          return { ok: false, conflict: theirs.step };
        }
        return { ok: false, error: (err as Error).message };
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [id, qc, refresh],
  );

  // One key per note or evidence until it is saved: sending it again (a retry, a second click after "the console
  // did not answer") finds the first one on the server instead of adding a duplicate.
  const clientKeys = useRef(new Map<string, string>());
  const postOnce = useCallback(async (url: string, body: Record<string, unknown>) => {
    const what = `${url} ${JSON.stringify(body)}`;
    const clientKey = clientKeys.current.get(what) ?? newClientKey();
    clientKeys.current.set(what, clientKey);
    try {
      await postJson(url, { ...body, clientKey });
    } catch (err) {
      // The answer was lost, not refused: once more with the same key, which cannot duplicate.
      if (!(err instanceof ConsoleApiError && err.code === "network")) throw err;
      await postJson(url, { ...body, clientKey });
    }
    clientKeys.current.delete(what);
  }, []);

  const addNote = useCallback(
    async (text: string, stepId?: string | null) => {
      await postOnce(`/api/incidents/${encodeURIComponent(id)}/notes`, { text, stepId: stepId ?? null });
      refresh();
    },
    [id, refresh, postOnce],
  );

  const attachEvidence = useCallback(
    async (draft: EvidenceDraft, stepId?: string | null) => {
      await postOnce(`/api/incidents/${encodeURIComponent(id)}/evidence`, { ...draft, stepId: stepId ?? null });
      refresh();
    },
    [id, refresh, postOnce],
  );

  const resolve = useCallback(
    async (summary: string) => {
      await postJson(`/api/incidents/${encodeURIComponent(id)}/resolve`, { summary: summary || null });
      refresh();
      await qc.invalidateQueries({ queryKey: ["incidents"] });
    },
    [id, qc, refresh],
  );

  const reopen = useCallback(
    async (reason: string) => {
      await postJson(`/api/incidents/${encodeURIComponent(id)}/reopen`, { reason: reason || null });
      refresh();
      await qc.invalidateQueries({ queryKey: ["incidents"] });
    },
    [id, qc, refresh],
  );

  /** Resolves once the incident is gone; the caller navigates away. */
  const remove = useCallback(async () => {
    await fetchJson(`/api/incidents/${encodeURIComponent(id)}`, { method: "DELETE" });
    qc.removeQueries({ queryKey: ["incident-changes", id] });
    await qc.invalidateQueries({ queryKey: ["incidents"] });
  }, [id, qc]);

  return { detail, changes, changeStep, addNote, attachEvidence, resolve, reopen, remove };
}
