import { GraphError } from '@microsoft/microsoft-graph-client';
import { GRAPH_NETWORK_ERROR, GRAPH_TIMEOUT_ERROR } from './transport';

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

/**
 * Converts what the Graph client threw into a GraphFailure. The client wraps errors raised below
 * it (in the transport, or an aborted deadline) in a GraphError with status -1 whose code is the
 * original error's name, so those names are mapped back here.
 */
export function failureFromError(error: unknown): GraphFailure {
  if (error instanceof GraphError && error.statusCode <= 0) {
    const local = localFailure(error.code ?? '', error.message);
    if (local !== undefined) return local;
  }
  if (error instanceof Error) {
    const local = localFailure(error.name, error.message);
    if (local !== undefined) return local;
  }
  if (error instanceof GraphError) {
    return {
      status: error.statusCode > 0 ? error.statusCode : undefined,
      code: error.code ?? 'unknown',
      message: error.message,
      requestId: error.requestId ?? undefined,
    };
  }
  return { code: 'unknown', message: error instanceof Error ? error.message : String(error) };
}

function localFailure(name: string, message: string): GraphFailure | undefined {
  switch (name) {
    case GRAPH_TIMEOUT_ERROR:
      return { code: 'timeout', message, timedOut: true };
    case GRAPH_NETWORK_ERROR:
      return { code: 'network', message };
    case 'TimeoutError':
      // AbortSignal.timeout() raises this when the check's overall deadline passes.
      return { code: 'deadline', message: 'the check ran out of time', timedOut: true };
    case 'AbortError':
      return { code: 'aborted', message: 'the check was cancelled' };
    default:
      return undefined;
  }
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

export function headerValue(
  headers: Record<string, string> | undefined,
  name: string,
): string | undefined {
  if (!headers) return undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Sections read from logs that Graph keeps for a limited time. */
const RETENTION_LIMITED = new Set(['sign-in logs', 'directory audit log']);

/** Describes why a section could not be read, in words a responder can act on. */
export function describeFailure(
  failure: GraphFailure,
  section: string,
  permission?: string,
): string {
  if (failure.code === 'Authentication_RequestFromNonPremiumTenantOrB2CTenant') {
    return `${section} need an Entra ID P1 licence in the tenant`;
  }
  if (failure.status === 403 || failure.code === 'Authorization_RequestDenied') {
    return permission
      ? `the app lacks ${permission} (Graph answered 403 ${failure.code})`
      : `the app lacks permission to read ${section} (Graph answered 403 ${failure.code})`;
  }
  if (failure.status === 429) {
    return `Graph kept throttling ${section} reads (429) until the retries ran out; check again later`;
  }
  if (failure.status === 400 && RETENTION_LIMITED.has(section)) {
    return (
      `Graph rejected the ${section} query (400 ${failure.code}: ${failure.message}). ` +
      'Graph keeps these logs for 30 days with Entra ID P1 and 7 days on Free, so a start ' +
      'date before that is refused; check again with a later start'
    );
  }
  if (failure.code === 'deadline') {
    return `the check ran out of time before ${section} were read; check a shorter window`;
  }
  if (failure.timedOut) return `Graph did not answer for ${section} in time (${failure.message})`;
  if (failure.status !== undefined) {
    return `Graph answered ${failure.status} ${failure.code} for ${section}: ${failure.message}`;
  }
  return `${section} could not be read: ${failure.message}`;
}
