/** Actions on the user object itself: sessions, sign-in, password and risk state. */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { segment, withQuery } from '../graph/odata';
import { generatePassword } from '../secrets/password';
import { requireTargetType, userPath } from './targets';
import type { ActionContext, ActionExecutor, ActionResult, StateCheck } from './types';
import { checkObject } from './verify';
import { writeThenVerify } from './writeThenVerify';

type TimeField = 'signInSessionsValidFromDateTime' | 'lastPasswordChangeDateTime';

function targetUserId(context: ActionContext): string {
  requireTargetType(context.request.action.target, 'user');
  return context.request.action.target.id;
}

function readUser(context: ActionContext) {
  const select = 'id,accountEnabled,signInSessionsValidFromDateTime,lastPasswordChangeDateTime';
  return context.reader.get<Graph.User>(
    withQuery(userPath(targetUserId(context)), { $select: select }),
  );
}

/**
 * Done when `field` is later than `before` (the value read before the write) and not earlier
 * than `since`. Graph keeps whole seconds, so `since` is cut to the second.
 */
function fieldMoved(context: ActionContext, field: TimeField, since: Date, before?: string | null) {
  return checkObject(readUser(context), 'user', (user): StateCheck => {
    const value = user[field];
    const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(at)) return { done: false, detail: `${field} is not set` };
    const previous = typeof before === 'string' ? Date.parse(before) : Number.NEGATIVE_INFINITY;
    const done = at > previous && at >= Math.floor(since.getTime() / 1000) * 1000;
    return { done, detail: `${field} is ${value}` };
  });
}

/** Reads a time field before a write; undefined when the read fails, which only weakens the check. */
async function readField(context: ActionContext, field: TimeField): Promise<string | undefined> {
  const answer = await readUser(context);
  const value = answer.ok ? answer.value[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}

export const revokeSessions: ActionExecutor = {
  run: async (context) => {
    const userId = targetUserId(context);
    const before = await readField(context, 'signInSessionsValidFromDateTime');
    // The read-back compares with the value read before the write, not with the local clock,
    // which may be skewed from Graph's.
    const since = new Date(0);
    return writeThenVerify(context, {
      intent: `revoke the sign-in sessions of ${context.request.action.target.displayName}`,
      write: () => context.writer.post(`${userPath(userId)}/revokeSignInSessions`, {}),
      verify: () => fieldMoved(context, 'signInSessionsValidFromDateTime', since, before),
      done: 'Sign-in sessions revoked, so refresh tokens issued before now no longer work',
    });
  },
  check: (context, since) => fieldMoved(context, 'signInSessionsValidFromDateTime', since),
};

export const disableUser: ActionExecutor = {
  run: async (context) =>
    writeThenVerify(context, {
      intent: `disable the account of ${context.request.action.target.displayName}`,
      write: () => context.writer.patch(userPath(targetUserId(context)), { accountEnabled: false }),
      verify: () => checkDisabled(context),
      done: 'Account disabled',
    }),
  check: (context) => checkDisabled(context),
};

function checkDisabled(context: ActionContext): Promise<StateCheck> {
  return checkObject(readUser(context), 'user', (user) => ({
    done: user.accountEnabled === false,
    detail: `accountEnabled is ${String(user.accountEnabled)}`,
  }));
}

export const resetPassword: ActionExecutor = {
  run: async (context): Promise<ActionResult> => {
    const userId = targetUserId(context);
    const before = await readField(context, 'lastPasswordChangeDateTime');
    const password = generatePassword();
    // The password is stored before Graph sets it, so a password that was set is never lost.
    const stored = await context.secrets.put(`password-${context.request.id}`, password, {
      userId,
      requestId: context.request.id,
      action: 'reset-password',
    });
    const outcome = await writeThenVerify(context, {
      intent: `reset the password of ${context.request.action.target.displayName}`,
      write: () =>
        context.writer.patch(userPath(userId), {
          passwordProfile: { password, forceChangePasswordNextSignIn: true },
        }),
      verify: () => fieldMoved(context, 'lastPasswordChangeDateTime', new Date(0), before),
      done:
        'Password reset; the user must change it at next sign-in. ' +
        `The temporary password is in the secret store at ${stored.reference}`,
    });
    if (outcome.ok) return outcome;
    return {
      ...outcome,
      result: `${outcome.result} The unused password at ${stored.reference} can be deleted.`,
    };
  },
  check: (context, since) => fieldMoved(context, 'lastPasswordChangeDateTime', since),
};

interface RiskyUser {
  id?: string;
  riskState?: string;
  riskLevel?: string;
}

export const confirmCompromised: ActionExecutor = {
  run: async (context) =>
    writeThenVerify(context, {
      intent: `confirm ${context.request.action.target.displayName} as compromised`,
      write: () =>
        context.writer.post('identityProtection/riskyUsers/confirmCompromised', {
          userIds: [targetUserId(context)],
        }),
      verify: () => checkConfirmed(context),
      done: 'User confirmed compromised in Identity Protection, so risk-based policies treat the user as high risk',
    }),
  check: (context) => checkConfirmed(context),
};

function checkConfirmed(context: ActionContext): Promise<StateCheck> {
  const path = `identityProtection/riskyUsers/${segment(targetUserId(context))}`;
  return checkObject(context.reader.get<RiskyUser>(path), 'risky user', (risky) => ({
    done: risky.riskState === 'confirmedCompromised',
    detail: `riskState is ${risky.riskState ?? 'not set'} and riskLevel ${risky.riskLevel ?? 'not set'}`,
  }));
}
