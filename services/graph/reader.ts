/**
 * Reads from Graph: single objects, whole collections (following `@odata.nextLink` to the end or
 * to a cap), and sets of independent reads sent together in `$batch` requests. Callers never loop
 * on next links or split batches themselves.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../log';
import { failureFromBatchItem, failureFromError, headerValue, type GraphFailure, type GraphResult } from './failure';
import { parseRetryAfter } from './transport';

export type GraphVersion = 'v1.0' | 'beta';

export interface CollectionPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/** A collection read: every row up to `cap`, and whether the cap cut it. */
export interface CollectionResult<T> {
  items: T[];
  truncatedAt?: number;
}

export interface ReadRequest {
  id: string;
  /** Path relative to the version root, with its query already built by `withQuery`. */
  url: string;
  version?: GraphVersion;
  /** Follow `@odata.nextLink` and return the rows; otherwise return the body as is. */
  collection?: boolean;
  /** Stop following pages after this many rows. */
  cap?: number;
  headers?: Record<string, string>;
}

export type ReadResult = GraphResult<unknown>;

/** Graph's limit on requests inside one `$batch`. */
export const BATCH_LIMIT = 20;

const RETRY_ITEM_STATUS = new Set([429, 503, 504]);

interface BatchResponseItem {
  id: string;
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export class GraphReader {
  constructor(
    private readonly client: Client,
    private readonly log: Logger,
    /** Aborts every read when the check's deadline passes. */
    private readonly signal?: AbortSignal,
  ) {}

  async get<T>(url: string, version: GraphVersion = 'v1.0', headers?: Record<string, string>): Promise<GraphResult<T>> {
    try {
      let request = this.client.api(url).version(version);
      if (headers) request = request.headers(headers);
      if (this.signal) request = request.option('signal', this.signal);
      return { ok: true, value: (await request.get()) as T };
    } catch (error) {
      return { ok: false, failure: failureFromError(error) };
    }
  }

  /** Reads every page of a collection; `onPage` sees each page as it arrives. */
  async getAll<T>(
    url: string,
    options: { version?: GraphVersion; cap?: number; headers?: Record<string, string>; onPage?: (rows: T[]) => void } = {},
  ): Promise<GraphResult<CollectionResult<T>>> {
    const first = await this.get<CollectionPage<T>>(url, options.version, options.headers);
    if (!first.ok) return first;
    return this.followPages(first.value, options);
  }

  /**
   * Sends independent reads in `$batch` requests of at most 20, then follows each collection's
   * next links. Items that failed with 429, 503 or 504 are retried on their own, after their
   * `Retry-After`, through the retrying transport.
   */
  async readMany(requests: ReadRequest[]): Promise<Map<string, ReadResult>> {
    const results = new Map<string, ReadResult>();
    const byVersion = new Map<GraphVersion, ReadRequest[]>();
    for (const request of requests) {
      const version = request.version ?? 'v1.0';
      byVersion.set(version, [...(byVersion.get(version) ?? []), request]);
    }

    const chunks: { version: GraphVersion; requests: ReadRequest[] }[] = [];
    for (const [version, list] of byVersion) {
      for (let i = 0; i < list.length; i += BATCH_LIMIT) {
        chunks.push({ version, requests: list.slice(i, i + BATCH_LIMIT) });
      }
    }
    await Promise.all(chunks.map((chunk) => this.sendBatch(chunk.version, chunk.requests, results)));
    return results;
  }

  private async sendBatch(version: GraphVersion, requests: ReadRequest[], results: Map<string, ReadResult>): Promise<void> {
    if (requests.length === 1) {
      results.set(requests[0].id, await this.readOne(requests[0]));
      return;
    }
    const body = {
      requests: requests.map((r) => ({ id: r.id, method: 'GET', url: `/${r.url.replace(/^\//, '')}`, headers: r.headers })),
    };
    let answer: GraphResult<{ responses?: BatchResponseItem[] }>;
    try {
      let call = this.client.api('/$batch').version(version);
      if (this.signal) call = call.option('signal', this.signal);
      answer = { ok: true, value: (await call.post(body)) as { responses?: BatchResponseItem[] } };
    } catch (error) {
      answer = { ok: false, failure: failureFromError(error) };
    }

    if (!answer.ok) {
      // The batch itself failed: every item is read on its own instead.
      this.log.warn({ code: answer.failure.code, status: answer.failure.status }, 'graph batch failed; reading items singly');
      await Promise.all(requests.map(async (r) => results.set(r.id, await this.readOne(r))));
      return;
    }

    const byId = new Map((answer.value.responses ?? []).map((item) => [item.id, item]));
    await Promise.all(
      requests.map(async (request) => {
        results.set(request.id, await this.settleItem(request, version, byId.get(request.id)));
      }),
    );
  }

  private async settleItem(
    request: ReadRequest,
    version: GraphVersion,
    item: BatchResponseItem | undefined,
  ): Promise<ReadResult> {
    if (!item) return this.readOne(request);
    if (item.status >= 200 && item.status < 300) {
      if (!request.collection) return { ok: true, value: item.body };
      return this.followPages(item.body as CollectionPage<unknown>, { version, cap: request.cap, headers: request.headers });
    }
    if (!RETRY_ITEM_STATUS.has(item.status)) {
      return { ok: false, failure: failureFromBatchItem(item.status, item.headers, item.body) };
    }
    const waitMs = parseRetryAfter(headerValue(item.headers, 'retry-after') ?? null) ?? 500;
    this.log.warn({ item: request.id, status: item.status, waitMs }, 'graph batch item retried singly');
    await delay(waitMs, this.signal);
    return this.readOne(request);
  }

  private async readOne(request: ReadRequest): Promise<ReadResult> {
    const version = request.version ?? 'v1.0';
    if (request.collection) {
      return this.getAll(request.url, { version, cap: request.cap, headers: request.headers });
    }
    return this.get(request.url, version, request.headers);
  }

  private async followPages<T>(
    page: CollectionPage<T> | undefined,
    options: { version?: GraphVersion; cap?: number; headers?: Record<string, string>; onPage?: (rows: T[]) => void },
  ): Promise<GraphResult<CollectionResult<T>>> {
    const items: T[] = [];
    const cap = options.cap ?? Number.POSITIVE_INFINITY;
    let current = page;
    for (;;) {
      const rows = current?.value ?? [];
      const room = cap - items.length;
      const kept = rows.length > room ? rows.slice(0, room) : rows;
      options.onPage?.(kept);
      items.push(...kept);
      const next = current?.['@odata.nextLink'];
      if (!next) return { ok: true, value: { items } };
      if (items.length >= cap) return { ok: true, value: { items, truncatedAt: cap } };
      const answer = await this.get<CollectionPage<T>>(next, options.version, options.headers);
      if (!answer.ok) return partialFailure(answer.failure, items.length);
      current = answer.value;
    }
  }
}

function partialFailure(failure: GraphFailure, rowsRead: number): GraphResult<never> {
  return { ok: false, failure: { ...failure, message: `${failure.message} (after ${rowsRead} rows)` } };
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}
