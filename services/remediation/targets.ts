/**
 * Graph paths for an action's target. Every id reaches a path through `segment`, and a target
 * that lacks what its action needs is rejected before any Graph call.
 */
import type { ActionTarget, ApprovalRequest } from '../domain';
import { segment } from '../graph/odata';
import { ActionTargetError } from './types';

export function userPath(userId: string): string {
  return `users/${segment(userId)}`;
}

/** Returns the user who owns the target: the target user, its parent user, or the report's subject. */
export function owningUserId(request: ApprovalRequest): string {
  const target = request.action.target;
  if (target.type === 'user') return target.id;
  if (target.parent?.type === 'user') return target.parent.id;
  return request.subject.id;
}

export function requireTargetType(target: ActionTarget, ...types: ActionTarget['type'][]): void {
  if (!types.includes(target.type)) {
    throw new ActionTargetError(
      `target ${target.id} has type ${target.type}; this action needs ${types.join(' or ')}`,
    );
  }
}

/** Returns `applications/{id}` or `servicePrincipals/{id}` for the object that contains a credential. */
export function credentialOwnerPath(target: ActionTarget): string {
  const parent = target.parent;
  if (
    parent === undefined ||
    (parent.type !== 'application' && parent.type !== 'servicePrincipal')
  ) {
    throw new ActionTargetError(
      `credential ${target.id} has no application or service principal as its parent; ` +
        'run the check again so the report names the object that holds it',
    );
  }
  const collection = parent.type === 'application' ? 'applications' : 'servicePrincipals';
  return `${collection}/${segment(parent.id)}`;
}

/** Returns the keyId of a credential target: `details.keyId`, else the target's id. */
export function credentialKeyId(target: ActionTarget): string {
  return target.details?.keyId ?? target.id;
}

export function credentialType(target: ActionTarget): 'password' | 'key' {
  const type = target.details?.credentialType;
  if (type !== 'password' && type !== 'key') {
    throw new ActionTargetError(
      `credential ${target.id} has credentialType ${JSON.stringify(type)}; expected 'password' or 'key'`,
    );
  }
  return type;
}

/** Returns the resource service principal of an assignment: `details.resourceId` or the parent. */
export function assignmentResourceId(target: ActionTarget): string {
  const fromDetails = target.details?.resourceId;
  if (fromDetails) return fromDetails;
  if (target.parent?.type === 'servicePrincipal') return target.parent.id;
  throw new ActionTargetError(
    `app role assignment ${target.id} names no resource service principal (details.resourceId)`,
  );
}
