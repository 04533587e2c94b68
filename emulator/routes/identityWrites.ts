import { badRequest } from '../errors';
import { isObject } from '../store/store';
import type { JsonObject } from '../types';
import {
  NO_CONTENT,
  nowIso,
  requireBody,
  type WriteArguments,
  type WriteRoute,
} from './writeSupport';

const RISKY_USERS = 'identityProtection/riskyUsers';

function userIdsOf(args: WriteArguments): string[] {
  const body = requireBody(args.request, '{"userIds":["…"]}');
  const userIds = body.userIds;
  if (!Array.isArray(userIds) || userIds.length === 0) {
    throw badRequest('userIds must be a non-empty array of user object ids.');
  }
  return userIds.map((id) => {
    if (typeof id !== 'string')
      throw badRequest(`userIds contains ${JSON.stringify(id)}, which is not a user id string.`);
    const userId = args.store.resolveUserId(id);
    if (userId === undefined) throw badRequest(`No user with id '${id}' exists in the tenant.`);
    return userId;
  });
}

/** Finds the user's risky-user record, creating one as Identity Protection does on first use. */
function riskyUser(args: WriteArguments, userId: string): JsonObject {
  const existing = args.store.findById(RISKY_USERS, userId);
  if (existing !== undefined) return existing;
  const user = args.store.user(userId);
  const created: JsonObject = {
    id: userId,
    isDeleted: false,
    isProcessing: false,
    userDisplayName: isObject(user) ? (user.displayName ?? null) : null,
    userPrincipalName: isObject(user) ? (user.userPrincipalName ?? null) : null,
  };
  args.store.mutableCollection(RISKY_USERS).push(created);
  return created;
}

function setRisk(args: WriteArguments, state: string, level: string, detail: string) {
  for (const userId of userIdsOf(args)) {
    Object.assign(riskyUser(args, userId), {
      riskState: state,
      riskLevel: level,
      riskDetail: detail,
      riskLastUpdatedDateTime: nowIso(),
    });
  }
  return NO_CONTENT;
}

export const IDENTITY_WRITES: WriteRoute[] = [
  {
    method: 'POST',
    template: `${RISKY_USERS}/confirmCompromised`,
    handle: (args) =>
      setRisk(args, 'confirmedCompromised', 'high', 'adminConfirmedUserCompromised'),
  },
  {
    method: 'POST',
    template: `${RISKY_USERS}/dismiss`,
    handle: (args) => setRisk(args, 'dismissed', 'none', 'adminDismissedAllRiskForUser'),
  },
];
