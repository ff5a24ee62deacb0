import type { Generated } from "kysely";

// Times are integer milliseconds since the epoch on both engines; JSON columns are text.
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  role: string;
  action: string;
  target: string | null;
  outcome: string;
  details: string | null;
  ip: string | null;
}

export interface IncidentsTable {
  id: string;
  seq: number;
  title: string;
  severity: string;
  tenant: string | null;
  status: string;
  started_at: number;
  opened_at: number;
  opened_by: string;
  runbook_version: string;
  resolved_at: number | null;
  resolved_by: string | null;
  summary: string | null;
  /** The Alertmanager group the receiver opened it for; unique among open incidents (0007_alert_group_lock). */
  alert_group_key: string | null;
}

export interface IncidentStepsTable {
  incident_id: string;
  step_id: string;
  section_id: string;
  position: number;
  text: string;
  state: string;
  reason: string | null;
  note: string | null;
  version: number;
  changed_seq: number;
  updated_by: string | null;
  updated_at: number | null;
}

export interface IncidentEventsTable {
  id: Generated<number>;
  incident_id: string;
  seq: number;
  at: number;
  actor: string;
  kind: string;
  step_id: string | null;
  data: string;
  /** The browser's idempotency key for a note or evidence: a retried post finds its first answer. */
  client_key: string | null;
}

export interface SmokeRunsTable {
  id: string;
  started_at: number;
  finished_at: number;
  actor: string;
  platform: string;
  ok_count: number;
  warn_count: number;
  fail_count: number;
  error_count: number;
  results: string;
}

export interface SeriesTable {
  id: Generated<number>;
  name: string;
  labels: string;
}

export interface SamplesTable {
  series_id: number;
  ts: number;
  value: number | null;
}

export interface LeasesTable {
  name: string;
  holder: string;
  expires_at: number;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  user_name: string;
  role: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
  ended_at: number | null;
  ended_by: string | null;
  address: string | null;
  user_agent: string | null;
}

export interface SignInThrottleTable {
  key: string;
  kind: string;
  username: string;
  address: string;
  window_start: number;
  failures: number;
  locked_until: number;
  expires_at: number;
  audit_at: number;
  pending_failed: number;
  pending_refused: number;
  claimed_failed: number;
  claimed_refused: number;
}

export interface AlertsTable {
  id: Generated<number>;
  fingerprint: string;
  starts_at: number;
  alertname: string;
  status: string;
  severity: string;
  service: string | null;
  group_key: string;
  labels: string;
  annotations: string;
  value: string | null;
  runbook_sections: string;
  section_source: string;
  generator_url: string | null;
  ends_at: number | null;
  received_at: number;
  updated_at: number;
  resolved_at: number | null;
  incident_id: string | null;
  action: string;
}

export interface NotificationsTable {
  id: Generated<number>;
  incident_id: string;
  event: string;
  target: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

export interface Database {
  audit_log: AuditLogTable;
  incidents: IncidentsTable;
  incident_steps: IncidentStepsTable;
  incident_events: IncidentEventsTable;
  smoke_runs: SmokeRunsTable;
  series: SeriesTable;
  samples: SamplesTable;
  leases: LeasesTable;
  alerts: AlertsTable;
  notifications: NotificationsTable;
  sessions: SessionsTable;
  sign_in_throttle: SignInThrottleTable;
}
