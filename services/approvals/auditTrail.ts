/** Builds audit entries for steps of a request's life. */
import type { Actor, ApprovalRequest } from '../domain';
import type { AuditAction, Ledger, NewAuditEntry } from '../ledger/types';

/** The actor of steps Firebreak takes on its own, such as recovery after a restart. */
export const FIREBREAK_ACTOR: Actor = { aadObjectId: 'firebreak', name: 'Firebreak' };

export function auditEntry(
  request: Pick<ApprovalRequest, 'id' | 'action' | 'subject'>,
  step: { actor: Actor; action: AuditAction; result: string; correlationId: string; at: Date },
): NewAuditEntry {
  const target = request.action.target;
  return {
    at: step.at.toISOString(),
    actor: { aadObjectId: step.actor.aadObjectId, name: step.actor.name },
    action: step.action,
    target: {
      kind: request.action.kind,
      type: target.type,
      id: target.id,
      displayName: target.displayName,
      parentId: target.parent?.id,
    },
    subject: { id: request.subject.id, userPrincipalName: request.subject.userPrincipalName },
    result: step.result,
    correlationId: step.correlationId,
    requestId: request.id,
  };
}

export async function recordStep(
  ledger: Ledger,
  request: Pick<ApprovalRequest, 'id' | 'action' | 'subject'>,
  step: { actor: Actor; action: AuditAction; result: string; correlationId: string; at: Date },
): Promise<void> {
  await ledger.appendAudit(auditEntry(request, step));
}
