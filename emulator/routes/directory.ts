import { isObject, jsonText, type TenantStore } from '../store/store';
import type { JsonObject } from '../types';

const USER_TYPE = '#microsoft.graph.user';
const GROUP_TYPE = '#microsoft.graph.group';

/** Fills in `@odata.type` and the current object for a member listed by id. */
function describeMember(store: TenantStore, member: JsonObject): JsonObject {
  const id = jsonText(member.id);
  const declared = typeof member['@odata.type'] === 'string' ? member['@odata.type'] : undefined;
  const group = store.findById('groups', id);
  if (declared === GROUP_TYPE || (declared === undefined && group !== undefined)) {
    return { '@odata.type': GROUP_TYPE, ...(group ?? member) };
  }
  const user = store.user(id);
  if (declared === USER_TYPE || (declared === undefined && user !== undefined)) {
    return { '@odata.type': USER_TYPE, ...(user ?? member) };
  }
  return member;
}

/** Lists the members of a group and of every group nested in it, each once. */
export function transitiveMembers(store: TenantStore, groupId: string): JsonObject[] {
  const found = new Map<string, JsonObject>();
  const visited = new Set<string>();
  const visit = (id: string): void => {
    if (visited.has(id.toLowerCase())) return;
    visited.add(id.toLowerCase());
    for (const member of store.collection(`groups/${id}/members`)) {
      const described = describeMember(store, member);
      found.set(jsonText(described.id).toLowerCase(), described);
      if (described['@odata.type'] === GROUP_TYPE) visit(jsonText(described.id));
    }
  };
  visit(groupId);
  return [...found.values()];
}

function groupIdsWithMembers(store: TenantStore): string[] {
  return store.keysMatching('groups/*/members').map((key) => key.split('/')[1]);
}

/** Ids of every group the user belongs to directly or through nested groups. */
export function transitiveGroupIds(store: TenantStore, userId: string): string[] {
  const lowerId = userId.toLowerCase();
  return groupIdsWithMembers(store).filter((groupId) =>
    transitiveMembers(store, groupId).some(
      (member) => jsonText(member.id).toLowerCase() === lowerId,
    ),
  );
}

function groupObject(store: TenantStore, groupId: string): JsonObject {
  return { '@odata.type': GROUP_TYPE, ...(store.findById('groups', groupId) ?? { id: groupId }) };
}

/** Returns the stored `memberOf` list, or the direct group memberships when none is stored. */
export function memberOf(store: TenantStore, userId: string): JsonObject[] {
  const key = `users/${userId}/memberOf`;
  if (store.has(key)) return store.collection(key);
  const lowerId = userId.toLowerCase();
  return groupIdsWithMembers(store)
    .filter((groupId) =>
      store
        .collection(`groups/${groupId}/members`)
        .some((member) => jsonText(member.id).toLowerCase() === lowerId),
    )
    .map((groupId) => groupObject(store, groupId));
}

/** Direct memberships (including directory roles) plus groups reached through nesting. */
export function transitiveMemberOf(store: TenantStore, userId: string): JsonObject[] {
  const result = new Map<string, JsonObject>();
  for (const item of memberOf(store, userId)) result.set(jsonText(item.id).toLowerCase(), item);
  for (const groupId of transitiveGroupIds(store, userId)) {
    if (!result.has(groupId.toLowerCase())) {
      result.set(groupId.toLowerCase(), groupObject(store, groupId));
    }
  }
  return [...result.values()];
}

/**
 * Owned objects with applications and service principals read from their own collections,
 * so a credential added or removed there shows here too.
 */
export function ownedObjects(store: TenantStore, userId: string): JsonObject[] {
  return store.collection(`users/${userId}/ownedObjects`).map((item) => {
    const type = item['@odata.type'];
    const id = jsonText(item.id);
    const current =
      type === '#microsoft.graph.application'
        ? store.findById('applications', id)
        : type === '#microsoft.graph.servicePrincipal'
          ? store.findById('servicePrincipals', id)
          : undefined;
    return current === undefined ? item : { '@odata.type': type, ...current };
  });
}

/** App role assignments granted on a service principal, gathered from every user. */
export function appRoleAssignedTo(store: TenantStore, servicePrincipalId: string): JsonObject[] {
  const lowerId = servicePrincipalId.toLowerCase();
  const stored = store.collection(`servicePrincipals/${servicePrincipalId}/appRoleAssignedTo`);
  const fromUsers = store
    .keysMatching('users/*/appRoleAssignments')
    .flatMap((key) => store.collection(key))
    .filter((assignment) => jsonText(assignment.resourceId).toLowerCase() === lowerId);
  const seen = new Set(stored.map((item) => jsonText(item.id)));
  return [...stored, ...fromUsers.filter((item) => !seen.has(jsonText(item.id)))];
}

export function userPermissionGrants(store: TenantStore, userId: string): JsonObject[] {
  const lowerId = userId.toLowerCase();
  return store
    .collection('oauth2PermissionGrants')
    .filter((grant) => jsonText(grant.principalId).toLowerCase() === lowerId);
}

export function allMessages(store: TenantStore, userId: string): JsonObject[] {
  return store
    .keysMatching(`users/${userId}/mailFolders/*/messages`)
    .flatMap((key) => store.collection(key))
    .filter(isObject);
}
