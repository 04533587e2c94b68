/**
 * The check chains of the approval flow: who may request, and who may approve or reject. Each
 * link is a named check from `checks.ts`, so a refusal in the log names the rule that refused.
 */
import type { Actor, ApprovalRequest } from '../domain';
import {
  actionAllowed,
  groupConfigured,
  isResponder,
  mayApprove,
  notExpired,
  notFinished,
  notRequester,
  requestKnown,
  type NamedCheck,
} from './checks';
import type { Membership } from './membership';

export function requesterChain(
  membership: Membership,
  actor: Actor,
  responderGroupId: string | undefined,
): NamedCheck[] {
  return [
    {
      name: 'responder group configured',
      run: () => groupConfigured(responderGroupId, 'FIREBREAK_RESPONDER_GROUP', 'responder'),
    },
    {
      name: 'requester is a responder',
      run: () => isResponder(membership, actor, responderGroupId ?? ''),
    },
  ];
}

export interface DecisionInput {
  membership: Membership;
  actor: Actor;
  requestId: string;
  request: ApprovalRequest | undefined;
  approverGroupId: string | undefined;
  now: Date;
  verb: 'approve' | 'reject';
}

/** Approve and reject share the chain, except that four eyes binds only approval. */
export function decisionChain(input: DecisionInput): NamedCheck[] {
  const { membership, actor, request, approverGroupId, now } = input;
  const configured: NamedCheck = {
    name: 'approver group configured',
    run: () => groupConfigured(approverGroupId, 'FIREBREAK_APPROVER_GROUP', 'approver'),
  };
  const known: NamedCheck = {
    name: 'request known',
    run: () => requestKnown(request, input.requestId),
  };
  if (request === undefined) return [configured, known];

  const fourEyes: NamedCheck[] =
    input.verb === 'approve'
      ? [{ name: 'approver is not the requester', run: () => notRequester(request, actor) }]
      : [];
  return [
    configured,
    known,
    { name: 'request not finished', run: () => notFinished(request) },
    { name: 'request not expired', run: () => notExpired(request, now) },
    ...fourEyes,
    { name: 'action allowed', run: () => actionAllowed(request) },
    {
      name: 'actor may decide',
      run: () => mayApprove(membership, actor, request, approverGroupId ?? ''),
    },
  ];
}
