/** Workflow types the platform runs as sagas, with realistic step names and compensations. */
export interface WorkflowStepDef {
  name: string;
  operation: string;
  compensation: string | null;
  /** Typical duration range of one attempt, seconds. */
  seconds: [number, number];
  errors: string[];
}

export interface WorkflowDef {
  type: string;
  operationType: string;
  steps: WorkflowStepDef[];
}

const step = (
  name: string,
  operation: string,
  compensation: string | null,
  seconds: [number, number],
  errors: string[],
): WorkflowStepDef => ({ name, operation, compensation, seconds, errors });

export const WORKFLOWS: readonly WorkflowDef[] = [
  {
    type: "tenant_provisioning",
    operationType: "POST_/api/v1/tenants",
    steps: [
      step("Create database", "create_tenant_database", "drop_tenant_database", [1, 4], ["database server unavailable"]),
      step("Create DNS record", "create_dns_record", "delete_dns_record", [0.3, 2], ["DNS provider returned 502"]),
      step("Issue TLS certificate", "issue_certificate", "revoke_certificate", [3, 20], ["ACME challenge failed"]),
      step("Deploy container", "deploy_container", "destroy_container", [10, 45], ["provisioner unreachable", "image pull backoff"]),
      step("Configure RADIUS", "configure_freeradius", null, [0.5, 3], ["freeradius reload failed"]),
      step("Send welcome email", "send_welcome_email", null, [0.2, 1], ["SMTP timeout"]),
    ],
  },
  {
    type: "tenant_deprovisioning",
    operationType: "DELETE_/api/v1/tenants/{tenant_id}",
    steps: [
      step("Suspend tenant", "suspend_tenant", "resume_tenant", [0.2, 1], ["tenant locked"]),
      step("Export tenant data", "export_tenant_data", null, [5, 30], ["object storage quota exceeded"]),
      step("Destroy container", "destroy_container", null, [5, 20], ["provisioner unreachable"]),
      step("Delete DNS record", "delete_dns_record", null, [0.3, 2], ["DNS provider returned 502"]),
    ],
  },
  {
    type: "plugin_installation",
    operationType: "POST_/api/v1/plugins/install",
    steps: [
      step("Validate license", "validate_plugin_license", null, [0.2, 1], ["license server timeout"]),
      step("Reserve plugin slot", "reserve_plugin_slot", "release_plugin_slot", [0.1, 0.5], ["slot limit reached"]),
      step("Install plugin", "install_plugin", "uninstall_plugin", [2, 12], ["plugin registry unreachable"]),
      step("Activate plugin", "activate_plugin", "deactivate_plugin", [0.5, 2], ["activation hook raised"]),
    ],
  },
  {
    type: "billing_run",
    operationType: "POST_/api/v1/billing/runs",
    steps: [
      step("Snapshot usage", "snapshot_usage", "discard_usage_snapshot", [1, 6], ["usage collector lagging"]),
      step("Generate invoices", "generate_invoices", "void_invoices", [2, 15], ["tax service unavailable"]),
      step("Charge payment methods", "charge_payments", "refund_payments", [3, 20], ["payment gateway 503"]),
      step("Send invoices", "send_invoices", null, [1, 5], ["SMTP timeout"]),
    ],
  },
  {
    type: "domain_setup",
    operationType: "POST_/api/v1/domains",
    steps: [
      step("Verify domain ownership", "verify_domain", null, [1, 8], ["TXT record not found"]),
      step("Create DNS zone", "create_dns_zone", "delete_dns_zone", [0.5, 3], ["DNS provider returned 502"]),
      step("Issue TLS certificate", "issue_certificate", "revoke_certificate", [3, 20], ["ACME challenge failed"]),
      step("Update ingress", "update_ingress", "restore_ingress", [0.5, 2], ["ingress controller rejected config"]),
    ],
  },
];

export const TENANTS: readonly string[] = ["acme", "globex", "initech", "umbrella", "hooli", "stark", "wayne", "vandelay"];

export function workflow(type: string): WorkflowDef {
  const found = WORKFLOWS.find((w) => w.type === type);
  if (!found) throw new Error(`unknown workflow ${type}`);
  return found;
}
