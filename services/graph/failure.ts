import { GraphError } from '@microsoft/microsoft-graph-client';
import { GraphTransportError } from './transport';

/** A Graph request that did not succeed, with what Microsoft support needs to trace it. */
export interface GraphFailure {
  status?: number;
  /** Graph's error code, e.g. `Authorization_RequestDenied`. */
  code: string;
  message: string;
  requestId?: string;
  timedOut?: boolean;
}

export type GraphResult<T> = { ok: true; value: T } | { ok: false; failure: GraphFailure };

interface ErrorBody {
  error?: { code?: string; message?: string; innerError?: { 'request-id'?: string } };
}

/** Converts what the Graph client threw into a GraphFailure. */
export function failureFromError(error: unknown): GraphFailure {
  if (error instanceof GraphError) {
    return {
      status: error.statusCode > 0 ? error.statusCode : undefined,
      code: error.code ?? 'unknown',
      message: error.message,
      requestId: error.requestId ?? undefined,
    };
  }
  if (error instanceof GraphTransportError) {
    return { code: error.timedOut ? 'timeout' : 'network', message: error.message, timedOut: error.timedOut };
  }
  if (error instanceof Error && error.name === 'TimeoutError') {
    return { code: 'timeout', message: 'the check ran out of time', timedOut: true };
  }
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

/** Converts one failed `$batch` item into a GraphFailure. */
export function failureFromBatchItem(
  status: number,
  headers: Record<string, string> | undefined,
  body: unknown,
): GraphFailure {
  const error = (body as ErrorBody | undefined)?.error;
  return {
    status,
    code: error?.code ?? `http-${status}`,
    message: error?.message ?? `Graph answered ${status}`,
    requestId: error?.innerError?.['request-id'] ?? headerValue(headers, 'request-id'),
  };
}

export function headerValue(headers: Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Describes why a section could not be read, in words a responder can act on. */
export function describeFailure(failure: GraphFailure, section: string, permission?: string): string {
  if (failure.code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant') {
    return `${section} need an Entra ID P1 licence in the tenant`;
  }
  if (failure.status === 403 || failure.code === 'Authorization_RequestDenied') {
    return permission
      ? `the app lacks ${permission} (Graph answered 403 ${failure.code})`
      : `the app lacks permission to read ${section} (Graph answered 403 ${failure.code})`;
  }
  if (failure.status === 429) return `Graph kept throttling ${section} reads (429) until the retries ran out`;
  if (failure.timedOut) return `Graph did not answer for ${section} in time (${failure.message})`;
  if (failure.status !== undefined) {
    return `Graph answered ${failure.status} ${failure.code} for ${section}: ${failure.message}`;
  }
  return `${section} could not be read: ${failure.message}`;
}
