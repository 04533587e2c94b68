/**
 * Domain types shared by the investigation, the remediation ledger, the CLI and the bot.
 * Nothing here depends on HTTP, Graph URLs or the Bot Framework.
 */

export type Severity = 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low', 'info'];

/** Finding kinds are a published contract: tools downstream match on these strings. */
export type FindingKind =
  | 'signin.unfamiliar'
  | 'signin.risky'
  | 'signin.legacy-protocol'
  | 'risk.detection'
  | 'app.created'
  | 'app.credential-added'
  | 'app.owner-added'
  | 'consent.granted'
  | 'approle.assigned'
  | 'auth-method.registered'
  | 'inbox-rule.suspicious'
  | 'mail.sent-burst'
  | 'device.registered'
  | 'role.assigned'
  | 'password.changed';

/** Action kinds are a published contract, like finding kinds. */
export type ActionKind =
  | 'revoke-sessions'
  | 'disable-user'
  | 'reset-password'
  | 'remove-credential'
  | 'rotate-credential'
  | 'remove-consent'
  | 'remove-app-role-assignment'
  | 'remove-federated-credential'
  | 'delete-inbox-rule'
  | 'remove-auth-method'
  | 'disable-service-principal'
  | 'confirm-compromised';

export type TargetType =
  | 'user'
  | 'application'
  | 'servicePrincipal'
  | 'oauth2PermissionGrant'
  | 'appRoleAssignment'
  | 'federatedIdentityCredential'
  | 'messageRule'
  | 'authenticationMethod';

/** The Graph object an action changes. */
export interface ActionTarget {
  type: TargetType;
  id: string;
  displayName: string;
  /** Object that contains the target, e.g. the application of a credential. */
  parent?: { type: TargetType; id: string; displayName: string };
  /** Extra Graph facts the executor needs, e.g. the `@odata.type` of an auth method. */
  details?: Record<string, string>;
}

/** A remediation offered on a report. `id` is stable for the same report. */
export interface Remediation {
  id: string;
  kind: ActionKind;
  target: ActionTarget;
  /** Short button label, e.g. "Revoke sessions". */
  label: string;
}

export type EvidenceValue = string | number | boolean | null | string[];

export interface Finding {
  kind: FindingKind;
  severity: Severity;
  title: string;
  /** ISO 8601 in UTC. */
  at: string;
  evidence: Record<string, EvidenceValue>;
  /** MITRE ATT&CK technique id, e.g. T1098.001. */
  attack?: string;
  /** Ids of the remediations in `Report.actions` that fit this finding. */
  actions: string[];
}

export type SectionStatus = 'checked' | 'unavailable' | 'not-covered';

export interface Section {
  name: string;
  status: SectionStatus;
  reason?: string;
  /** Graph request id of the failing request, for Microsoft support. */
  requestId?: string;
}

export interface ReportUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
}

export interface Report {
  user: ReportUser;
  /** ISO 8601 in UTC. */
  since: string;
  until: string;
  verdict: string;
  findings: Finding[];
  actions: Remediation[];
  sections: Section[];
  /** Notes about the data itself, e.g. a paging cap that cut results. */
  notes: string[];
}

export type ApprovalStatus =
  | 'pending'
  | 'rejected'
  | 'expired'
  | 'running'
  | 'succeeded'
  | 'failed';

export interface Actor {
  aadObjectId: string;
  name: string;
}

/** A requested remediation and its life: who asked, who decided, what ran. */
export interface ApprovalRequest {
  id: string;
  actionId: string;
  reportId: string;
  action: Remediation;
  /** The user the report is about. */
  subject: ReportUser;
  status: ApprovalStatus;
  requestedBy: Actor;
  requestedAt: string;
  expiresAt: string;
  decidedBy?: Actor;
  decidedAt?: string;
  rejectReason?: string;
  /** Human summary of the result, e.g. "Sessions revoked; valid-from moved to 09:14 UTC". */
  result?: string;
  /** True once Graph was read back and showed the change. */
  verified?: boolean;
  finishedAt?: string;
}
