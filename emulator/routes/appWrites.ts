import { randomBytes, randomUUID } from 'node:crypto';
import { badRequest, notFound } from '../errors';
import { isObject, jsonText } from '../store/store';
import type { JsonObject, JsonValue } from '../types';
import {
  NO_CONTENT,
  nowIso,
  requireBody,
  requireString,
  type WriteArguments,
  type WriteRoute,
} from './writeSupport';

const TWO_YEARS_MS = 2 * 365 * 24 * 60 * 60 * 1000;

function owner(args: WriteArguments): JsonObject {
  const [collection, id] = args.segments;
  const item = args.store.findById(collection, id);
  if (item === undefined) throw notFound(id);
  return item;
}

function credentials(item: JsonObject, property: string): JsonValue[] {
  const list = item[property];
  if (Array.isArray(list)) return list;
  const created: JsonValue[] = [];
  item[property] = created;
  return created;
}

function addPassword(args: WriteArguments) {
  const item = owner(args);
  const body = args.request.body;
  const requested =
    isObject(body) && isObject(body.passwordCredential) ? body.passwordCredential : {};
  const secretText = randomBytes(30).toString('base64url');
  const start = nowIso();
  const stored: JsonObject = {
    customKeyIdentifier: null,
    displayName: typeof requested.displayName === 'string' ? requested.displayName : null,
    endDateTime:
      typeof requested.endDateTime === 'string'
        ? requested.endDateTime
        : new Date(Date.now() + TWO_YEARS_MS).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    hint: secretText.slice(0, 3),
    keyId: randomUUID(),
    secretText: null,
    startDateTime: start,
  };
  credentials(item, 'passwordCredentials').push(stored);
  // The secret text is returned once, as Graph does, and never stored.
  return { status: 200, headers: {}, body: { ...stored, secretText } };
}

function removeCredential(args: WriteArguments, property: string, needsProof: boolean) {
  const item = owner(args);
  const example = needsProof ? '{"keyId":"…","proof":"…"}' : '{"keyId":"…"}';
  const body = requireBody(args.request, example);
  const keyId = requireString(body, 'keyId', example);
  if (needsProof) requireString(body, 'proof', example);
  const list = credentials(item, property);
  const index = list.findIndex(
    (credential) =>
      isObject(credential) && jsonText(credential.keyId).toLowerCase() === keyId.toLowerCase(),
  );
  if (index < 0) {
    throw badRequest(
      `No credential with keyId '${keyId}' exists in ${property} of '${jsonText(item.id)}'; ` +
        `list ${property} to find the key id.`,
    );
  }
  list.splice(index, 1);
  return NO_CONTENT;
}

function patchServicePrincipal(args: WriteArguments) {
  const item = owner(args);
  const body = requireBody(args.request, '{"accountEnabled":false}');
  if ('accountEnabled' in body && typeof body.accountEnabled !== 'boolean') {
    throw badRequest(
      `accountEnabled must be true or false, got ${JSON.stringify(body.accountEnabled)}.`,
    );
  }
  if ('id' in body) throw badRequest('The id of a service principal cannot be changed.');
  Object.assign(item, body);
  return NO_CONTENT;
}

function deleteFederatedCredential(args: WriteArguments) {
  const [, appId, , credentialId] = args.segments;
  const key = `applications/${appId}/federatedIdentityCredentials`;
  const items = args.store.mutableCollection(key);
  const lowerId = credentialId.toLowerCase();
  // Graph addresses a federated identity credential by id or by name.
  const index = items.findIndex(
    (item) =>
      isObject(item) &&
      (jsonText(item.id).toLowerCase() === lowerId ||
        jsonText(item.name).toLowerCase() === lowerId),
  );
  if (index < 0) throw notFound(credentialId);
  items.splice(index, 1);
  return NO_CONTENT;
}

function deleteAppRoleAssignedTo(args: WriteArguments) {
  const [, servicePrincipalId, , assignmentId] = args.segments;
  const store = args.store;
  let removed = store.removeById(
    `servicePrincipals/${servicePrincipalId}/appRoleAssignedTo`,
    assignmentId,
  );
  for (const key of store.keysMatching('users/*/appRoleAssignments')) {
    const assignment = store.findById(key, assignmentId);
    if (assignment === undefined) continue;
    if (jsonText(assignment.resourceId).toLowerCase() !== servicePrincipalId.toLowerCase())
      continue;
    removed = store.removeById(key, assignmentId) || removed;
  }
  if (!removed) throw notFound(assignmentId);
  return NO_CONTENT;
}

function deleteGrant(args: WriteArguments) {
  const grantId = args.segments[1];
  if (!args.store.removeById('oauth2PermissionGrants', grantId)) throw notFound(grantId);
  return NO_CONTENT;
}

export const APP_WRITES: WriteRoute[] = [
  ...['applications', 'servicePrincipals'].flatMap((root): WriteRoute[] => [
    { method: 'POST', template: `${root}/*/addPassword`, handle: addPassword },
    {
      method: 'POST',
      template: `${root}/*/removePassword`,
      handle: (args) => removeCredential(args, 'passwordCredentials', false),
    },
    {
      method: 'POST',
      template: `${root}/*/removeKey`,
      handle: (args) => removeCredential(args, 'keyCredentials', true),
    },
  ]),
  { method: 'PATCH', template: 'servicePrincipals/*', handle: patchServicePrincipal },
  {
    method: 'DELETE',
    template: 'applications/*/federatedIdentityCredentials/*',
    handle: deleteFederatedCredential,
  },
  {
    method: 'DELETE',
    template: 'servicePrincipals/*/appRoleAssignedTo/*',
    handle: deleteAppRoleAssignedTo,
  },
  { method: 'DELETE', template: 'oauth2PermissionGrants/*', handle: deleteGrant },
];
