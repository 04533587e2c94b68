/** Remediation drafts aimed at the investigated user, shared by several checks. */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { ActionTarget } from '../../domain';
import type { RemediationDraft } from './types';
import { text } from './values';

export type UserActionKind =
  'revoke-sessions' | 'disable-user' | 'reset-password' | 'confirm-compromised';

const USER_ACTION_LABELS: Record<UserActionKind, string> = {
  'revoke-sessions': 'Revoke sessions',
  'disable-user': 'Disable user',
  'reset-password': 'Reset password',
  'confirm-compromised': 'Confirm compromised',
};

/** Returns the user as the target of an action. */
export function userTarget(user: Graph.User): ActionTarget {
  return {
    type: 'user',
    id: text(user.id) ?? '',
    displayName: text(user.displayName) ?? text(user.userPrincipalName) ?? text(user.id) ?? '',
  };
}

/** Returns one draft per kind, each aimed at the user, in the order given. */
export function userActions(
  user: Graph.User,
  kinds: readonly UserActionKind[],
): RemediationDraft[] {
  const target = userTarget(user);
  return kinds.map((kind) => ({ kind, target, label: USER_ACTION_LABELS[kind] }));
}
