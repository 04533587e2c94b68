import { badRequest } from './errors';
import type { GraphVersion, JsonValue } from './types';

/** One Graph call, from the wire or from inside a `$batch`, in the form handlers read. */
export interface EmulatorRequest {
  method: string;
  version: GraphVersion;
  /** Percent-decoded path segments after the version root. */
  segments: string[];
  /** Path as received after the version root, still percent-encoded, for next links. */
  rawPath: string;
  query: Record<string, string>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: JsonValue | undefined;
  inBatch: boolean;
}

export interface EmulatorResponse {
  status: number;
  headers: Record<string, string>;
  body?: JsonValue;
  /** Page number served, set for collection reads. */
  page?: number;
}

/** Server details every handler may use besides the request. */
export interface HandlerContext {
  /** `https://127.0.0.1:PORT`, the base of absolute next links. */
  baseUrl: string;
}

export function jsonResponse(status: number, body?: JsonValue): EmulatorResponse {
  return { status, headers: {}, body };
}

/**
 * Splits a query string the way Graph reads it: `+` is a space, values are percent-decoded,
 * and the last of repeated names wins.
 */
export function parseQueryString(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  const text = search.startsWith('?') ? search.slice(1) : search;
  for (const part of text.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = equals < 0 ? part : part.slice(0, equals);
    const value = equals < 0 ? '' : part.slice(equals + 1);
    query[decodeQueryPart(name)] = decodeQueryPart(value);
  }
  return query;
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw badRequest(`The query string part '${text}' has an invalid percent-encoding.`);
  }
}

/** Splits a path into percent-decoded segments; a malformed escape is a 400. */
export function decodeSegments(rawPath: string): string[] {
  return rawPath
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw badRequest(`The path segment '${segment}' has an invalid percent-encoding.`);
      }
    });
}

export function buildQueryString(query: Record<string, string>): string {
  const parts = Object.entries(query).map(
    ([name, value]) => `${name}=${encodeURIComponent(value)}`,
  );
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

export function pathOf(request: Pick<EmulatorRequest, 'segments'>): string {
  return request.segments.join('/');
}
