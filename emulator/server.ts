import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { serveBatch } from './batch';
import { GraphHttpError, badRequest } from './errors';
import {
  errorResponse,
  record,
  serveCall,
  toGraphError,
  type EmulatorState,
  type Outcome,
  type ResponseIds,
} from './pipeline';
import { decodeSegments, parseQueryString, type EmulatorRequest } from './request';
import type { GraphVersion, JsonValue } from './types';

const MAX_BODY_BYTES = 10 * 1024 * 1024;
const VERSIONS: readonly string[] = ['v1.0', 'beta'];

/** Reads the request body; `undefined` means it was larger than the emulator accepts. */
function readBody(incoming: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    incoming.on('end', () => {
      resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8'));
    });
    incoming.on('error', reject);
  });
}

function bodyTooLarge(): GraphHttpError {
  return new GraphHttpError(
    413,
    'RequestEntityTooLarge',
    `The request body is larger than ${MAX_BODY_BYTES} bytes; send a smaller body.`,
  );
}

function parseJsonBody(text: string): JsonValue | undefined {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as JsonValue;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw badRequest(`Unable to read the JSON request body: ${reason}.`);
  }
}

function lowerCaseHeaders(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined)
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Parses the URL and body into a request; throws a Graph error for a bad version or body. */
function toRequest(incoming: IncomingMessage, bodyText: string): EmulatorRequest {
  const url = incoming.url ?? '/';
  const queryStart = url.indexOf('?');
  const pathPart = queryStart < 0 ? url : url.slice(0, queryStart);
  const [version = '', ...rest] = pathPart.replace(/^\/+/, '').split('/');
  if (!VERSIONS.includes(version)) {
    throw badRequest(`Invalid version '${version}' in '${pathPart}'; use /v1.0 or /beta.`);
  }
  const rawPath = rest.join('/');
  return {
    method: (incoming.method ?? 'GET').toUpperCase(),
    version: version as GraphVersion,
    segments: decodeSegments(rawPath),
    rawPath,
    query: parseQueryString(queryStart < 0 ? '' : url.slice(queryStart + 1)),
    headers: lowerCaseHeaders(incoming),
    body: parseJsonBody(bodyText),
    inBatch: false,
  };
}

function hasBearerToken(headers: Record<string, string>): boolean {
  return /^Bearer\s+\S+/i.test(headers.authorization ?? '');
}

function serveRequest(state: EmulatorState, request: EmulatorRequest, ids: ResponseIds): Outcome {
  if (!hasBearerToken(request.headers)) {
    const error = new GraphHttpError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
    record(state, request, 401);
    return errorResponse(error, ids);
  }
  const isBatch = request.segments.length === 1 && request.segments[0] === '$batch';
  if (!isBatch || request.method !== 'POST') return serveCall(state, request, ids);
  // The batch itself meets the fault plan first; its items then meet it one by one.
  return serveCall(state, request, ids, () => serveBatch(state, request));
}

function send(response: ServerResponse, outcome: Exclude<Outcome, 'hang'>, ids: ResponseIds): void {
  const body = outcome.body === undefined ? '' : JSON.stringify(outcome.body);
  response.writeHead(outcome.status, {
    ...outcome.headers,
    'Content-Type': 'application/json',
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
  });
  response.end(body);
}

async function handleIncoming(
  state: EmulatorState,
  incoming: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const requestId = randomUUID();
  const clientRequestId = incoming.headers['client-request-id'];
  const ids: ResponseIds = {
    requestId,
    clientRequestId: typeof clientRequestId === 'string' ? clientRequestId : requestId,
  };
  const bodyText = await readBody(incoming);
  const delay = state.faults.latency();
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  let outcome: Outcome;
  try {
    if (bodyText === undefined) throw bodyTooLarge();
    outcome = serveRequest(state, toRequest(incoming, bodyText), ids);
  } catch (error) {
    outcome = errorResponse(toGraphError(error), ids);
  }
  // A hanging request keeps its socket open until the client gives up or the server closes.
  if (outcome !== 'hang') send(response, outcome, ids);
}

/** Creates the HTTPS server; the caller chooses the port and binds it to 127.0.0.1. */
export function createEmulatorServer(
  state: EmulatorState,
  tls: { key: string; cert: string },
): Server {
  return createServer(tls, (incoming, response) => {
    handleIncoming(state, incoming, response).catch((error: unknown) => {
      // Reached only when reading the body fails, for example when the client disconnects.
      if (response.headersSent || response.destroyed) return;
      const requestId = randomUUID();
      const ids = { requestId, clientRequestId: requestId };
      send(response, errorResponse(toGraphError(error), ids), ids);
    });
  });
}
