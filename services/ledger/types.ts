/**
 * The durable record of reports, approval requests and the audit trail. The interface is
 * asynchronous although the SQLite backend is not, so that a table-storage backend can replace
 * it without changing callers.
 */
import type {
  ActionKind,
  Actor,
  ApprovalRequest,
  ApprovalStatus,
  Remediation,
  Report,
  ReportUser,
  TargetType,
} from '../domain';

export interface StoredReport {
  id: string;
  report: Report;
  /** The bot's conversation reference, kept opaque so the ledger stays free of bot types. */
  conversation?: unknown;
  cardActivityId?: string;
  /** ISO 8601 in UTC. */
  savedAt: string;
}

export interface OfferedAction {
  reportId: string;
  action: Remediation;
  subject: ReportUser;
}

export interface NewRequest {
  actionId: string;
  reportId: string;
  action: Remediation;
  subject: ReportUser;
  requestedBy: Actor;
  requestedAt: string;
  expiresAt: string;
}

/** Target of an audit entry: the remediation's kind and the Graph object it changes. */
export interface AuditTarget {
  kind: ActionKind;
  type: TargetType;
  id: string;
  displayName: string;
  parentId?: string;
}

/** Steps of a request's life that the audit trail records. */
export type AuditAction =
  'requested' | 'approved' | 'rejected' | 'expired' | 'refused' | 'succeeded' | 'failed';

/** One link of the hash-chained audit trail. */
export interface AuditEntry {
  /** Position in the chain, from 1 without gaps. */
  seq: number;
  /** ISO 8601 in UTC. */
  at: string;
  actor: Actor;
  action: AuditAction;
  target: AuditTarget;
  /** The user the report is about, so the trail can be read per user. */
  subject: { id: string; userPrincipalName: string };
  /** Outcome in words; never a secret value, at most a secret store reference. */
  result: string;
  correlationId: string;
  requestId?: string;
  /** Hash of the previous entry, or 64 zeros for the first. */
  prevHash: string;
  /** sha256 hex over `prevHash` and the canonical JSON of the entry without `hash`. */
  hash: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'seq' | 'hash' | 'prevHash'>;

export type TransitionResult =
  { ok: true; request: ApprovalRequest } | { ok: false; current?: ApprovalRequest };

export interface Ledger {
  saveReport(input: {
    report: Report;
    conversation?: unknown;
    cardActivityId?: string;
  }): Promise<string>;
  setReportCard(reportId: string, cardActivityId: string): Promise<void>;
  getReport(reportId: string): Promise<StoredReport | undefined>;
  /** Looks an action up in the newest report that offers it. */
  findAction(actionId: string): Promise<OfferedAction | undefined>;
  createRequest(input: NewRequest): Promise<ApprovalRequest>;
  getRequest(id: string): Promise<ApprovalRequest | undefined>;
  /** Guarded state change: applies only if the current status is one of `from`. */
  transition(
    id: string,
    from: ApprovalStatus[],
    to: ApprovalStatus,
    patch: Partial<ApprovalRequest>,
  ): Promise<TransitionResult>;
  listRequests(filter: {
    status?: ApprovalStatus[];
    subjectId?: string;
  }): Promise<ApprovalRequest[]>;
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Entries in chain order; `limit` keeps the newest. */
  listAudit(filter?: { subjectId?: string; limit?: number }): Promise<AuditEntry[]>;
  close(): Promise<void>;
}
