import { randomUUID } from 'node:crypto';
import type { JsonObject } from './types';

/**
 * A Graph error response: thrown anywhere inside request handling and turned into
 * `{"error":{"code","message","innerError"}}` with its status by the server or `$batch`.
 */
export class GraphHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'GraphHttpError';
  }
}

export function badRequest(message: string, code = 'BadRequest'): GraphHttpError {
  return new GraphHttpError(400, code, message);
}

export function unsupportedQuery(message: string): GraphHttpError {
  return new GraphHttpError(400, 'Request_UnsupportedQuery', message);
}

export function notFound(resource: string): GraphHttpError {
  return new GraphHttpError(
    404,
    'Request_ResourceNotFound',
    `Resource '${resource}' does not exist or one of its queried reference-property objects ` +
      'are not present.',
  );
}

export function segmentNotFound(segment: string): GraphHttpError {
  return badRequest(`Resource not found for the segment '${segment}'.`);
}

export function methodNotAllowed(method: string, path: string): GraphHttpError {
  return new GraphHttpError(
    405,
    'Request_BadRequest',
    `Specified HTTP method '${method}' is not allowed for the request target '${path}'.`,
  );
}

/** Error codes Graph sends for each status when a fault rule names none. */
export const DEFAULT_ERROR_CODES: Record<number, string> = {
  400: 'BadRequest',
  401: 'InvalidAuthenticationToken',
  403: 'Authorization_RequestDenied',
  404: 'Request_ResourceNotFound',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  502: 'BadGateway',
  503: 'ServiceUnavailable',
  504: 'GatewayTimeout',
};

export function errorBody(
  error: GraphHttpError,
  requestId: string = randomUUID(),
  clientRequestId: string = requestId,
): JsonObject {
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
        'request-id': requestId,
        'client-request-id': clientRequestId,
      },
    },
  };
}
