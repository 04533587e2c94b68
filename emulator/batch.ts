import { randomUUID } from 'node:crypto';
import { badRequest } from './errors';
import {
  errorResponse,
  serveCall,
  toGraphError,
  type EmulatorState,
  type Outcome,
  type ResponseIds,
} from './pipeline';
import type { EmulatorRequest } from './request';
import { decodeSegments, parseQueryString } from './request';
import { isObject, jsonText } from './store/store';
import type { JsonObject, JsonValue } from './types';

const MAX_BATCH_REQUESTS = 20;

interface BatchItem {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: JsonValue | undefined;
  dependsOn: string[];
}

function readItem(value: JsonValue, index: number): BatchItem {
  if (!isObject(value)) throw badRequest(`Batch request ${index} must be a JSON object.`);
  const { id, method, url, headers, body, dependsOn } = value;
  if (typeof id !== 'string' || id === '') {
    throw badRequest(`Batch request ${index} has no 'id'; give each request a unique string id.`);
  }
  if (typeof method !== 'string' || typeof url !== 'string') {
    throw badRequest(`Batch request '${id}' needs a 'method' and a relative 'url'.`);
  }
  if (/^[a-z]+:\/\//i.test(url)) {
    throw badRequest(
      `Batch request '${id}' has the absolute url '${url}'; use a relative url such as /users.`,
    );
  }
  const headerMap: Record<string, string> = {};
  if (isObject(headers)) {
    for (const [name, headerValue] of Object.entries(headers)) {
      headerMap[name.toLowerCase()] = jsonText(headerValue);
    }
  }
  const dependencies = Array.isArray(dependsOn) ? dependsOn.map(String) : [];
  return {
    id,
    method: method.toUpperCase(),
    url,
    headers: headerMap,
    body,
    dependsOn: dependencies,
  };
}

function parseBatch(body: JsonValue | undefined): BatchItem[] {
  if (!isObject(body) || !Array.isArray(body.requests)) {
    throw badRequest('The batch body must be {"requests":[{"id","method","url"}, …]}.');
  }
  if (body.requests.length > MAX_BATCH_REQUESTS) {
    throw badRequest(
      `Number of requests in batch exceeds the limit of ${MAX_BATCH_REQUESTS}; got ` +
        `${body.requests.length}. Split them into batches of at most ${MAX_BATCH_REQUESTS}.`,
    );
  }
  const items = body.requests.map(readItem);
  const ids = new Set<string>();
  for (const item of items) {
    if (ids.has(item.id)) throw badRequest(`Batch request id '${item.id}' is used twice.`);
    ids.add(item.id);
  }
  for (const item of items) {
    const unknown = item.dependsOn.find((dependency) => !ids.has(dependency));
    if (unknown !== undefined) {
      throw badRequest(
        `Batch request '${item.id}' depends on '${unknown}', which is not in the batch.`,
      );
    }
  }
  return items;
}

function subRequest(item: BatchItem, outer: EmulatorRequest): EmulatorRequest {
  const [pathPart, search = ''] = item.url.split(/\?(.*)/s, 2);
  // The SDK's BatchRequestContent keeps the version in item urls (`/v1.0/users`).
  const withoutSlash = pathPart.replace(/^\/+/, '');
  const versionPrefix = `${outer.version}/`;
  const rawPath = withoutSlash.startsWith(versionPrefix)
    ? withoutSlash.slice(versionPrefix.length)
    : withoutSlash;
  return {
    method: item.method,
    version: outer.version,
    segments: decodeSegments(rawPath),
    rawPath,
    query: parseQueryString(search),
    // The batch's own Authorization carries over; the item's headers add to it.
    headers: { ...outer.headers, ...item.headers },
    body: item.body,
    inBatch: true,
  };
}

/**
 * Runs the requests of a `$batch` in order and returns 200 with one sub-response each.
 * A request whose dependency failed gets 424. Returns `hang` if any item hangs.
 */
export function serveBatch(state: EmulatorState, outer: EmulatorRequest): Outcome {
  const items = parseBatch(outer.body);
  const statuses = new Map<string, number>();
  const responses: JsonObject[] = [];
  for (const item of items) {
    const ids = { requestId: randomUUID(), clientRequestId: randomUUID() };
    const failedDependency = item.dependsOn.some(
      (dependency) => (statuses.get(dependency) ?? 0) >= 400,
    );
    const outcome: Outcome = failedDependency
      ? { status: 424, headers: {}, body: failedDependencyBody(item.id) }
      : serveItem(state, item, outer, ids);
    if (outcome === 'hang') return 'hang';
    statuses.set(item.id, outcome.status);
    // BatchResponseContent in the Graph SDK reads the header spelled exactly Content-Type.
    const headers: JsonObject = { 'Content-Type': 'application/json', ...outcome.headers };
    const response: JsonObject = { id: item.id, status: outcome.status, headers };
    if (outcome.body !== undefined) response.body = outcome.body;
    responses.push(response);
  }
  return { status: 200, headers: {}, body: { responses } };
}

function serveItem(
  state: EmulatorState,
  item: BatchItem,
  outer: EmulatorRequest,
  ids: ResponseIds,
): Outcome {
  let request: EmulatorRequest;
  try {
    request = subRequest(item, outer);
  } catch (error) {
    return errorResponse(toGraphError(error), ids);
  }
  return serveCall(state, request, ids);
}

function failedDependencyBody(id: string): JsonObject {
  return {
    error: {
      code: 'FailedDependency',
      message: `Request '${id}' was not run because a request it depends on failed.`,
    },
  };
}
