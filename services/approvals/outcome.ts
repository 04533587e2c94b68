/**
 * Results of the approval service for the bot: the request as recorded, or a stable code with a
 * chat sentence that states what happened and what to do next.
 */
import type { ApprovalRequest } from '../domain';

export type RefusalCode =
  | 'approval.not-configured'
  | 'approval.not-responder'
  | 'approval.not-approver'
  | 'approval.self-approval'
  | 'approval.unknown-action'
  | 'approval.unknown-request'
  | 'approval.action-not-allowed'
  | 'approval.expired'
  | 'approval.running'
  | 'approval.finished'
  | 'approval.membership-unavailable'
  | 'approval.read-only'
  | 'remediation.failed'
  | 'internal';

export type Outcome =
  | { ok: true; request: ApprovalRequest }
  | { ok: false; code: RefusalCode; message: string; request?: ApprovalRequest };

export type CheckResult = { ok: true } | { ok: false; code: RefusalCode; message: string };

/**
 * An approval handed over for execution. `accepted` is returned once the request is `running`,
 * so the bot can send its invoke response in time. `done` settles when Graph was written and
 * read back; it never rejects, and for a rejected approval it resolves to the same refusal.
 */
export interface ApprovalStart {
  accepted: Outcome;
  done: Promise<Outcome>;
}

export const PASSED: CheckResult = { ok: true };

export function refuse(code: RefusalCode, message: string): CheckResult {
  return { ok: false, code, message };
}
