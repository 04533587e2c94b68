import { notFound, segmentNotFound } from '../errors';
import { respondWithCollection, selectProperties } from '../odata/collection';
import { rejectUnsupportedOptions } from '../odata/queryOptions';
import type { EmulatorRequest, EmulatorResponse, HandlerContext } from '../request';
import { jsonText, type TenantStore } from '../store/store';
import type { JsonObject } from '../types';
import { METHOD_TYPES, methodsOfType } from './authMethods';
import {
  allMessages,
  appRoleAssignedTo,
  memberOf,
  ownedObjects,
  transitiveMemberOf,
  transitiveMembers,
  userPermissionGrants,
} from './directory';
import {
  BETA_SIGN_IN_PROPERTIES,
  SINGLE_OBJECTS,
  findResource,
  matchesTemplate,
  unknownSegment,
  type ResourceDefinition,
} from './resources';
import { signInsView } from './signIns';

const NEWEST_FIRST = (property: string) => [{ path: [property], descending: true }];

/** Items of collections that Graph derives from other data rather than storing. */
function collectionItems(
  segments: string[],
  store: TenantStore,
  request: EmulatorRequest,
): JsonObject[] {
  const key = segments.join('/');
  const id = segments[1];
  const is = (template: string): boolean => matchesTemplate(template, segments);
  if (is('auditLogs/signIns')) return signInsView(request, store.collection(key));
  if (is('groups/*/transitiveMembers')) return transitiveMembers(store, id);
  if (is('users/*/transitiveMemberOf')) return transitiveMemberOf(store, id);
  if (is('users/*/memberOf')) return memberOf(store, id);
  if (is('users/*/ownedObjects')) return ownedObjects(store, id);
  if (is('users/*/oauth2PermissionGrants')) return userPermissionGrants(store, id);
  if (is('users/*/messages')) return allMessages(store, id);
  if (is('servicePrincipals/*/appRoleAssignedTo')) return appRoleAssignedTo(store, id);
  if (is('users/*/authentication/*') && segments[3] !== 'methods') {
    if (METHOD_TYPES[segments[3]] === undefined) throw segmentNotFound(segments[3]);
    return methodsOfType(store.collection(`users/${id}/authentication/methods`), segments[3]);
  }
  return store.collection(key);
}

function readCollection(
  request: EmulatorRequest,
  context: HandlerContext,
  resource: ResourceDefinition,
  items: JsonObject[],
): EmulatorResponse {
  const signIns = resource.template === 'auditLogs/signIns';
  const audits = resource.template === 'auditLogs/directoryAudits';
  return respondWithCollection(request, context, resource, items, {
    extraFilterable: signIns && request.version === 'beta' ? BETA_SIGN_IN_PROPERTIES : [],
    defaultOrder: signIns
      ? NEWEST_FIRST('createdDateTime')
      : audits
        ? NEWEST_FIRST('activityDateTime')
        : undefined,
  });
}

function readObject(
  request: EmulatorRequest,
  context: HandlerContext,
  item: JsonObject,
  target: string,
): EmulatorResponse {
  rejectUnsupportedOptions(request.query, ['$select'], target);
  const select = request.query.$select?.split(',').map((name) => name.trim());
  const metadata = `${context.baseUrl}/${request.version}/$metadata#${target}/$entity`;
  return {
    status: 200,
    headers: {},
    body: { '@odata.context': metadata, ...selectProperties(item, select) },
  };
}

/** OData cast such as `ownedObjects/microsoft.graph.application`: keep items of that type. */
function castItems(items: JsonObject[], castSegment: string): JsonObject[] {
  const type = `#${castSegment}`;
  return items.filter((item) => item['@odata.type'] === type);
}

/** Serves a GET on any path of the tenant. */
export function handleRead(
  request: EmulatorRequest,
  context: HandlerContext,
  store: TenantStore,
): EmulatorResponse {
  const segments = store.canonicalSegments(request.segments);
  const target = segments.join('/');
  const resource = findResource(segments);
  if (resource !== undefined) {
    return readCollection(request, context, resource, collectionItems(segments, store, request));
  }
  if (SINGLE_OBJECTS.some((template) => matchesTemplate(template, segments))) {
    const object = store.object(target);
    if (object === undefined) throw notFound(target);
    return readObject(request, context, object, target);
  }

  const parent = segments.slice(0, -1);
  const last = segments[segments.length - 1];
  const parentResource = parent.length > 0 ? findResource(parent) : undefined;
  if (parentResource === undefined) throw segmentNotFound(unknownSegment(segments));
  const items = collectionItems(parent, store, request);
  if (last.startsWith('microsoft.graph.')) {
    return readCollection(request, context, parentResource, castItems(items, last));
  }
  const lowerId = last.toLowerCase();
  const item = items.find((candidate) => jsonText(candidate.id).toLowerCase() === lowerId);
  if (item === undefined) throw notFound(last);
  return readObject(request, context, item, target);
}
