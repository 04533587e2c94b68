/**
 * The permission checks of the approval flow, one small function per rule. Each returns its own
 * code and chat sentence; `runChecks` stops at the first refusal and logs it at warn.
 */
import type { Actor, ApprovalRequest } from '../domain';
import type { GraphFailure } from '../graph/failure';
import type { Logger } from '../log';
import { isPasswordMethod } from '../remediation/authMethods';
import { owningUserId } from '../remediation/targets';
import { describeGraphFailure } from '../remediation/verify';
import type { Membership } from './membership';
import { PASSED, refuse, type CheckResult } from './outcome';

export interface NamedCheck {
  name: string;
  run: () => CheckResult | Promise<CheckResult>;
}

/** Runs checks in order and returns the first refusal, logged with its name and the context. */
export async function runChecks(
  checks: NamedCheck[],
  log: Logger,
  context: Record<string, unknown>,
): Promise<CheckResult> {
  for (const check of checks) {
    const result = await check.run();
    if (!result.ok) {
      log.warn(
        { ...context, check: check.name, code: result.code, reason: result.message },
        'approval check rejected',
      );
      return result;
    }
  }
  return PASSED;
}

export function groupConfigured(
  groupId: string | undefined,
  variable: string,
  role: string,
): CheckResult {
  if (groupId) return PASSED;
  return refuse(
    'approval.not-configured',
    `No ${role} group is configured, so Firebreak lets nobody ${role === 'responder' ? 'request' : 'approve'} ` +
      `actions. Ask whoever runs the bot to set ${variable} to the group's object id.`,
  );
}

export async function isResponder(
  membership: Membership,
  actor: Actor,
  groupId: string,
): Promise<CheckResult> {
  const member = await membership.inGroup(actor.aadObjectId, groupId);
  if (!member.ok) return membershipUnavailable(member.failure);
  if (member.value) return PASSED;
  return refuse(
    'approval.not-responder',
    `${actor.name} is not in the responder group, so cannot request remediation. Ask an incident lead to add you to it.`,
  );
}

export function requestKnown(request: ApprovalRequest | undefined, requestId: string): CheckResult {
  if (request) return PASSED;
  return refuse(
    'approval.unknown-request',
    `Approval request ${requestId} is not in Firebreak's records. Request the action again from the report.`,
  );
}

/** Rejects a request that already ran or ended, so a second approval changes nothing. */
export function notFinished(request: ApprovalRequest): CheckResult {
  if (request.status === 'pending') return PASSED;
  const by = request.decidedBy ? ` by ${request.decidedBy.name}` : '';
  if (request.status === 'running') {
    return refuse(
      'approval.running',
      `This action was already approved${by} and is running now; nothing more to do.`,
    );
  }
  return refuse(
    'approval.finished',
    `This request is already ${request.status}${by}; nothing was changed.`,
  );
}

export function notExpired(request: ApprovalRequest, now: Date): CheckResult {
  if (now.getTime() <= Date.parse(request.expiresAt)) return PASSED;
  return refuse(
    'approval.expired',
    `This request expired at ${request.expiresAt} without a decision. Check the user again and request the action anew.`,
  );
}

/** Enforces four eyes: the requester of an action cannot also approve it. */
export function notRequester(request: ApprovalRequest, actor: Actor): CheckResult {
  if (request.requestedBy.aadObjectId.toLowerCase() !== actor.aadObjectId.toLowerCase())
    return PASSED;
  return refuse(
    'approval.self-approval',
    'You requested this action, so another approver has to approve it.',
  );
}

/** The password method is never removed, whatever a report offers. */
export function actionAllowed(request: Pick<ApprovalRequest, 'action'>): CheckResult {
  const target = request.action.target;
  if (target.type !== 'authenticationMethod') return PASSED;
  if (!isPasswordMethod(target.details?.['@odata.type'], target.id)) return PASSED;
  return refuse(
    'approval.action-not-allowed',
    'The password method cannot be removed. Use "Reset password" instead.',
  );
}

/**
 * Approver: a member of the approver group, or the subject's manager when the action changes
 * only the subject's own objects (the account, its inbox rules, its sign-in methods, its own
 * consents). Group membership is checked first, so a Graph failure on the manager lookup only
 * matters for managers.
 */
export async function mayApprove(
  membership: Membership,
  actor: Actor,
  request: ApprovalRequest,
  approverGroupId: string,
): Promise<CheckResult> {
  const member = await membership.inGroup(actor.aadObjectId, approverGroupId);
  if (!member.ok) return membershipUnavailable(member.failure);
  if (member.value) return PASSED;

  const manager = await isManagerApproval(membership, actor, request);
  if (!manager.ok) return membershipUnavailable(manager.failure);
  if (manager.value) return PASSED;
  return refuse(
    'approval.not-approver',
    `${actor.name} is neither in the approver group nor ${request.subject.displayName}'s manager ` +
      'for an action on their own account, so cannot decide this request. Ask an approver.',
  );
}

async function isManagerApproval(
  membership: Membership,
  actor: Actor,
  request: ApprovalRequest,
): Promise<{ ok: true; value: boolean } | { ok: false; failure: GraphFailure }> {
  const target = request.action.target;
  const subjectId = request.subject.id;
  const ownTypes = ['user', 'messageRule', 'authenticationMethod'];
  let own =
    ownTypes.includes(target.type) &&
    owningUserId(request).toLowerCase() === subjectId.toLowerCase();
  if (target.type === 'oauth2PermissionGrant') {
    const grant = await membership.grantBelongsTo(target.id, subjectId);
    if (!grant.ok && grant.failure.status !== 404) return grant;
    own = grant.ok && grant.value;
  }
  if (!own) return { ok: true, value: false };
  return membership.isManagerOf(actor.aadObjectId, subjectId);
}

function membershipUnavailable(failure: GraphFailure): CheckResult {
  return refuse(
    'approval.membership-unavailable',
    `Firebreak could not check your permissions in Entra ID (${describeGraphFailure(failure)}). Try again in a minute.`,
  );
}
