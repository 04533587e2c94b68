import { GraphHttpError, badRequest, methodNotAllowed, notFound } from '../errors';
import { isObject, jsonText } from '../store/store';
import type { JsonObject } from '../types';
import { METHOD_TYPES, PASSWORD_METHOD_TYPE, methodsKey } from './authMethods';
import { transitiveGroupIds } from './directory';
import {
  NO_CONTENT,
  nowIso,
  requireBody,
  type WriteArguments,
  type WriteRoute,
} from './writeSupport';

function targetUser(args: WriteArguments): JsonObject {
  const user = args.store.user(args.segments[1]);
  if (user === undefined) throw notFound(args.segments[1]);
  return user;
}

function revokeSignInSessions(args: WriteArguments) {
  targetUser(args).signInSessionsValidFromDateTime = nowIso();
  return { status: 200, headers: {}, body: { value: true } };
}

function patchUser(args: WriteArguments) {
  const user = targetUser(args);
  const body = requireBody(args.request, '{"accountEnabled":false}');
  if ('id' in body) throw badRequest('The id of a user cannot be changed.');
  if ('accountEnabled' in body && typeof body.accountEnabled !== 'boolean') {
    throw badRequest(
      `accountEnabled must be true or false, got ${JSON.stringify(body.accountEnabled)}.`,
    );
  }
  const { passwordProfile, ...rest } = body;
  if (passwordProfile !== undefined) {
    if (!isObject(passwordProfile)) {
      throw badRequest('passwordProfile must be an object such as {"password":"…"}.');
    }
    // The password itself is dropped so it can never be read back.
    user.passwordProfile = { ...passwordProfile, password: null };
    if (typeof passwordProfile.password === 'string') user.lastPasswordChangeDateTime = nowIso();
  }
  Object.assign(user, rest);
  args.store.reindexUser(user);
  return NO_CONTENT;
}

function checkMemberGroups(args: WriteArguments) {
  const body = requireBody(args.request, '{"groupIds":["…"]}');
  const groupIds = body.groupIds;
  if (!Array.isArray(groupIds) || !groupIds.every((id) => typeof id === 'string')) {
    throw badRequest('groupIds must be an array of group id strings.');
  }
  if (groupIds.length > 20) {
    throw badRequest(`checkMemberGroups takes at most 20 group ids, got ${groupIds.length}.`);
  }
  const memberships = new Set(
    transitiveGroupIds(args.store, args.segments[1]).map((id) => id.toLowerCase()),
  );
  const value = groupIds.filter((id) => memberships.has(id.toLowerCase()));
  return { status: 200, headers: {}, body: { value } };
}

function getMemberGroups(args: WriteArguments) {
  return {
    status: 200,
    headers: {},
    body: { value: transitiveGroupIds(args.store, args.segments[1]) },
  };
}

function rejectUserScopedGrantDelete(): never {
  // Graph stores grants at the tenant root; the user-scoped path is a read-only navigation.
  throw new GraphHttpError(
    400,
    'Request_BadRequest',
    'Write requests are only supported on contained entities. Delete the grant at ' +
      '/oauth2PermissionGrants/{id} instead.',
  );
}

function deleteFromUserCollection(args: WriteArguments) {
  const key = args.segments.slice(0, -1).join('/');
  const id = args.segments[args.segments.length - 1];
  if (!args.store.removeById(key, id)) throw notFound(id);
  return NO_CONTENT;
}

function deleteAuthenticationMethod(args: WriteArguments) {
  const [, userId, , typedSegment, methodId] = args.segments;
  if (typedSegment === 'methods') {
    throw methodNotAllowed('DELETE', args.segments.join('/'));
  }
  const type = METHOD_TYPES[typedSegment];
  if (type === undefined) {
    throw badRequest(`Resource not found for the segment '${typedSegment}'.`);
  }
  if (type === PASSWORD_METHOD_TYPE) {
    throw badRequest('The password authentication method cannot be deleted; reset the password.');
  }
  const store = args.store;
  const methods = store.collection(methodsKey(userId));
  const method = methods.find(
    (item) =>
      jsonText(item.id).toLowerCase() === methodId.toLowerCase() && item['@odata.type'] === type,
  );
  if (method === undefined) throw notFound(methodId);
  const others = methods.filter(
    (item) => item !== method && item['@odata.type'] !== PASSWORD_METHOD_TYPE,
  );
  if (method.isDefault === true && others.length > 0) {
    throw badRequest(
      `Method '${methodId}' is the user's default sign-in method and other methods remain; ` +
        'delete the other methods first or change the default.',
    );
  }
  store.removeById(methodsKey(userId), jsonText(method.id));
  return NO_CONTENT;
}

export const USER_WRITES: WriteRoute[] = [
  { method: 'POST', template: 'users/*/revokeSignInSessions', handle: revokeSignInSessions },
  { method: 'PATCH', template: 'users/*', handle: patchUser },
  { method: 'POST', template: 'users/*/checkMemberGroups', handle: checkMemberGroups },
  { method: 'POST', template: 'users/*/getMemberGroups', handle: getMemberGroups },
  {
    method: 'DELETE',
    template: 'users/*/oauth2PermissionGrants/*',
    handle: rejectUserScopedGrantDelete,
  },
  {
    method: 'PATCH',
    template: 'users/*/oauth2PermissionGrants/*',
    handle: rejectUserScopedGrantDelete,
  },
  {
    method: 'DELETE',
    template: 'users/*/mailFolders/*/messageRules/*',
    handle: deleteFromUserCollection,
  },
  { method: 'DELETE', template: 'users/*/appRoleAssignments/*', handle: deleteFromUserCollection },
  { method: 'DELETE', template: 'users/*/authentication/*/*', handle: deleteAuthenticationMethod },
];
