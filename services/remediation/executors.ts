/**
 * Runs an approved action once and reads Graph back. Failures inside an action (a target that
 * lacks a field, a secret store that cannot write) become a failed result, never a thrown error,
 * so the caller can always record an outcome.
 */
import type { ActionKind } from '../domain';
import { removeCredential, rotateCredential } from './credentialActions';
import {
  deleteInboxRule,
  disableServicePrincipal,
  removeAppRoleAssignment,
  removeAuthMethod,
  removeConsent,
  removeFederatedCredential,
} from './objectActions';
import {
  ActionTargetError,
  type ActionContext,
  type ActionExecutor,
  type ActionResult,
  type StateCheck,
} from './types';
import { confirmCompromised, disableUser, resetPassword, revokeSessions } from './userActions';

export const EXECUTORS: Record<ActionKind, ActionExecutor> = {
  'revoke-sessions': revokeSessions,
  'disable-user': disableUser,
  'reset-password': resetPassword,
  'remove-credential': removeCredential,
  'rotate-credential': rotateCredential,
  'remove-consent': removeConsent,
  'remove-federated-credential': removeFederatedCredential,
  'remove-app-role-assignment': removeAppRoleAssignment,
  'delete-inbox-rule': deleteInboxRule,
  'remove-auth-method': removeAuthMethod,
  'disable-service-principal': disableServicePrincipal,
  'confirm-compromised': confirmCompromised,
};

export async function runAction(context: ActionContext): Promise<ActionResult> {
  const kind = context.request.action.kind;
  const executor = EXECUTORS[kind];
  if (executor === undefined) {
    return {
      ok: false,
      verified: false,
      result: `Firebreak has no executor for action kind ${kind}; nothing was changed.`,
    };
  }
  try {
    return await executor.run(context);
  } catch (error) {
    if (error instanceof ActionTargetError) {
      return { ok: false, verified: false, result: `Not run: ${error.message}.` };
    }
    const reason = error instanceof Error ? error.message : String(error);
    context.log.error(
      { err: error, requestId: context.request.id, kind },
      'remediation action failed',
    );
    return {
      ok: false,
      verified: false,
      result: `The action stopped with an internal error (${reason}); check the target in Entra ID before requesting it again.`,
    };
  }
}

/** Reads whether an action's change is in place without making it; a failed read is not done. */
export async function checkAction(context: ActionContext, since: Date): Promise<StateCheck> {
  const executor = EXECUTORS[context.request.action.kind];
  if (executor === undefined)
    return { done: false, detail: `no executor for ${context.request.action.kind}` };
  try {
    return await executor.check(context, since);
  } catch (error) {
    return { done: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
