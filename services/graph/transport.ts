/**
 * The terminal middleware of the Graph client: every Graph request Firebreak makes goes through
 * here. It bounds concurrency, draws on the identity-report budget, times out hung attempts, and
 * retries what is safe to retry, following `Retry-After` (decimal seconds too) with backoff and
 * jitter, within an attempt cap and the caller's deadline.
 */
import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import pLimit from 'p-limit';
import { fetch as undiciFetch, type Dispatcher } from 'undici';
import type { Logger } from '../log';
import { abortReason, isBudgetedPath, RequestBudget } from './budget';
import { isRetrySafe } from './idempotency';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per-attempt limit; a hung connection is abandoned after this long. */
  attemptTimeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 400,
  maxDelayMs: 20_000,
  attemptTimeoutMs: 30_000,
};

export interface TransportOptions {
  retry: RetryPolicy;
  /** Graph requests in flight at once from this process. */
  concurrency: number;
  budget: RequestBudget;
  /** TLS settings, e.g. an undici Agent that trusts the local tenant's certificate. */
  dispatcher?: Dispatcher;
  log: Logger;
}

const RETRYABLE_STATUS = new Set([429, 503, 504]);

/** Error names the transport raises; the Graph client keeps only the name, so callers read it. */
export const GRAPH_TIMEOUT_ERROR = 'GraphTimeoutError';
export const GRAPH_NETWORK_ERROR = 'GraphNetworkError';

/** Raised when every attempt timed out or failed at the network level. */
export class GraphTransportError extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
  ) {
    super(message);
    this.name = timedOut ? GRAPH_TIMEOUT_ERROR : GRAPH_NETWORK_ERROR;
  }
}

export class ResilientTransport implements Middleware {
  private readonly limit: ReturnType<typeof pLimit>;

  constructor(private readonly options: TransportOptions) {
    this.limit = pLimit(options.concurrency);
  }

  async execute(context: Context): Promise<void> {
    const url = typeof context.request === 'string' ? context.request : context.request.url;
    const init = context.options ?? {};
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? init.body : undefined;
    const deadline = init.signal ?? undefined;
    const safe = isRetrySafe(method, url, body);
    const cost = budgetCost(url, body);

    for (let attempt = 1; ; attempt++) {
      await this.options.budget.acquire(cost, deadline);
      const outcome = await this.limit(() => this.attempt(url, init, deadline));
      this.options.budget.settle(cost);
      const last = attempt >= this.options.retry.maxAttempts || !safe;

      if (outcome.kind === 'response') {
        const response = outcome.response;
        const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
        if (response.status === 429 && cost > 0) this.options.budget.pause(retryAfterMs ?? 1000);
        if (!RETRYABLE_STATUS.has(response.status) || last) {
          context.response = response;
          return;
        }
        await response.body?.cancel();
        const delay = this.delayMs(attempt, retryAfterMs);
        this.options.log.warn(
          { url: redactQuery(url), status: response.status, attempt, delay },
          'graph retry',
        );
        await sleep(delay, deadline);
        continue;
      }

      if (deadline?.aborted) throw deadline.reason;
      if (last) {
        throw new GraphTransportError(
          `${method} ${redactQuery(url)} failed after ${attempt} attempt(s): ${outcome.message}`,
          outcome.timedOut,
        );
      }
      const delay = this.delayMs(attempt, undefined);
      this.options.log.warn(
        { url: redactQuery(url), err: outcome.message, attempt, delay },
        'graph retry',
      );
      await sleep(delay, deadline);
    }
  }

  private async attempt(
    url: string,
    init: NonNullable<Context['options']>,
    deadline: AbortSignal | undefined,
  ): Promise<
    { kind: 'response'; response: Response } | { kind: 'error'; message: string; timedOut: boolean }
  > {
    const timeout = AbortSignal.timeout(this.options.retry.attemptTimeoutMs);
    const signal = deadline ? AbortSignal.any([deadline, timeout]) : timeout;
    try {
      const response = await undiciFetch(url, {
        method: init.method,
        headers: init.headers as Record<string, string>,
        body: init.body as string | undefined,
        signal,
        dispatcher: this.options.dispatcher,
      });
      return { kind: 'response', response: response as unknown as Response };
    } catch (error) {
      const timedOut = timeout.aborted;
      const message = timedOut
        ? `no answer within ${this.options.retry.attemptTimeoutMs} ms`
        : error instanceof Error
          ? error.cause instanceof Error
            ? error.cause.message
            : error.message
          : String(error);
      return { kind: 'error', message, timedOut };
    }
  }

  /** Retry-After when Graph sent one (plus a little jitter), else full-jitter exponential backoff. */
  private delayMs(attempt: number, retryAfterMs: number | undefined): number {
    const { baseDelayMs, maxDelayMs } = this.options.retry;
    if (retryAfterMs !== undefined) return Math.min(retryAfterMs + Math.random() * 100, maxDelayMs);
    return Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  }
}

/** Reads `Retry-After` as seconds (integer or decimal) or an HTTP date; undefined when absent or invalid. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - Date.now());
}

/** Counts the identity-report requests a request draws on; a `$batch` counts each item. */
export function budgetCost(url: string, body: string | undefined): number {
  if (!/\/\$batch(\?|$)/.test(url)) return isBudgetedPath(url) ? 1 : 0;
  try {
    const parsed = JSON.parse(body ?? '{}') as { requests?: { url?: string }[] };
    return (parsed.requests ?? []).filter((r) => isBudgetedPath(r.url ?? '')).length;
  } catch {
    return 0;
  }
}

function redactQuery(url: string): string {
  return url.replace(/\?.*$/, '?…');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    // The listener goes when the sleep ends, so a long-lived deadline signal collects none.
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
