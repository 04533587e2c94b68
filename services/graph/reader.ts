/**
 * Reads from Graph: single objects, whole collections (following `@odata.nextLink` to the end or
 * to a cap), and sets of independent reads sent together in `$batch` requests. Callers never loop
 * on next links or split batches themselves.
 */
import { setMaxListeners } from 'node:events';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../log';
import {
  failureFromBatchItem,
  failureFromError,
  headerValue,
  type GraphFailure,
  type GraphResult,
} from './failure';
import { isBudgetedPath } from './budget';
import { parseRetryAfter } from './transport';

export type GraphVersion = 'v1.0' | 'beta';

export interface CollectionPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/**
 * A collection read: the rows kept (none when the caller streams them), how many rows Graph
 * returned, and the cap when it cut the read short.
 */
export interface CollectionResult<T> {
  items: T[];
  rowsRead: number;
  truncatedAt?: number;
}

/** Paging options: where rows go and when to stop. */
export interface PagingOptions<T> {
  version?: GraphVersion;
  /** Stop following pages after this many rows. */
  cap?: number;
  headers?: Record<string, string>;
  /**
   * Receives each page's rows as they arrive. When set, the reader keeps no rows, so a caller
   * that folds rows into counts reads any number of pages in bounded memory.
   */
  onRows?: (rows: T[], rowsRead: number) => void;
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
  /** Streams a collection's rows instead of keeping them; see `PagingOptions.onRows`. */
  onRows?: (rows: unknown[], rowsRead: number) => void;
}

export interface ReadManyOptions {
  /** Called once per request as soon as its result is final, before the others finish. */
  onResult?: (id: string, result: ReadResult) => void;
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

  /** True once the check's deadline has passed; no read started after that is sent. */
  get expired(): boolean {
    return this.signal?.aborted ?? false;
  }

  async get<T>(
    url: string,
    version: GraphVersion = 'v1.0',
    headers?: Record<string, string>,
  ): Promise<GraphResult<T>> {
    try {
      let request = this.client.api(url).version(version);
      if (headers) request = request.headers(headers);
      if (this.signal) request = request.option('signal', this.signal);
      return { ok: true, value: (await request.get()) as T };
    } catch (error) {
      return { ok: false, failure: failureFromError(error) };
    }
  }

  /** Returns a reader whose reads also stop when `ms` milliseconds have passed. */
  withDeadline(ms: number): GraphReader {
    const timeout = AbortSignal.timeout(ms);
    const signal = this.signal ? AbortSignal.any([this.signal, timeout]) : timeout;
    // Every request in flight, and every retry wait, listens to the deadline at once.
    setMaxListeners(0, signal);
    return new GraphReader(this.client, this.log, signal);
  }

  /** Reads every page of a collection, to its end or to `cap` rows. */
  async getAll<T>(
    url: string,
    options: PagingOptions<T> = {},
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
  async readMany(
    requests: ReadRequest[],
    options: ReadManyOptions = {},
  ): Promise<Map<string, ReadResult>> {
    const settled = new Map<string, ReadResult>();
    const results = {
      set(id: string, result: ReadResult): void {
        settled.set(id, result);
        options.onResult?.(id, result);
      },
    };
    // Identity-report reads go out singly. Each item of a `$batch` counts against the budget
    // of 5 per 10 s anyway, and a batch needs all its slots at once, so batching them would leave
    // slots idle while concurrent checks wait; singly they pack the budget.
    const budgeted = requests.filter((request) => isBudgetedPath(request.url));
    const batched = requests.filter((request) => !isBudgetedPath(request.url));
    const singles = budgeted.map(async (request) => {
      results.set(request.id, await this.readOne(request));
    });

    const byVersion = new Map<GraphVersion, ReadRequest[]>();
    for (const request of batched) {
      const version = request.version ?? 'v1.0';
      byVersion.set(version, [...(byVersion.get(version) ?? []), request]);
    }

    const chunks: { version: GraphVersion; requests: ReadRequest[] }[] = [];
    for (const [version, list] of byVersion) {
      for (let i = 0; i < list.length; i += BATCH_LIMIT) {
        chunks.push({ version, requests: list.slice(i, i + BATCH_LIMIT) });
      }
    }
    await Promise.all([
      ...singles,
      ...chunks.map((chunk) => this.sendBatch(chunk.version, chunk.requests, results)),
    ]);
    return settled;
  }

  private async sendBatch(
    version: GraphVersion,
    requests: ReadRequest[],
    results: ResultSink,
  ): Promise<void> {
    if (requests.length === 1) {
      results.set(requests[0].id, await this.readOne(requests[0]));
      return;
    }
    const body = {
      requests: requests.map((r) => ({
        id: r.id,
        method: 'GET',
        url: `/${r.url.replace(/^\//, '')}`,
        headers: r.headers,
      })),
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
      this.log.warn(
        { code: answer.failure.code, status: answer.failure.status },
        'graph batch failed; reading items singly',
      );
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
      return this.followPages(item.body as CollectionPage<unknown>, {
        ...pagingOf(request),
        version,
      });
    }
    if (!RETRY_ITEM_STATUS.has(item.status)) {
      return { ok: false, failure: failureFromBatchItem(item.status, item.headers, item.body) };
    }
    const waitMs = parseRetryAfter(headerValue(item.headers, 'retry-after') ?? null) ?? 500;
    this.log.warn(
      { item: request.id, status: item.status, waitMs },
      'graph batch item retried singly',
    );
    await delay(waitMs, this.signal);
    return this.readOne(request);
  }

  private async readOne(request: ReadRequest): Promise<ReadResult> {
    const version = request.version ?? 'v1.0';
    if (request.collection) {
      return this.getAll(request.url, { ...pagingOf(request), version });
    }
    return this.get(request.url, version, request.headers);
  }

  private async followPages<T>(
    page: CollectionPage<T> | undefined,
    options: PagingOptions<T>,
  ): Promise<GraphResult<CollectionResult<T>>> {
    const items: T[] = [];
    const cap = options.cap ?? Number.POSITIVE_INFINITY;
    let rowsRead = 0;
    let current = page;
    for (;;) {
      const rows = current?.value ?? [];
      const room = cap - rowsRead;
      const kept = rows.length > room ? rows.slice(0, room) : rows;
      rowsRead += kept.length;
      if (options.onRows) options.onRows(kept, rowsRead);
      else items.push(...kept);
      const next = current?.['@odata.nextLink'];
      if (!next) return { ok: true, value: { items, rowsRead } };
      if (rowsRead >= cap) return { ok: true, value: { items, rowsRead, truncatedAt: cap } };
      const answer = await this.get<CollectionPage<T>>(next, options.version, options.headers);
      if (!answer.ok) return partialFailure(answer.failure, rowsRead);
      current = answer.value;
    }
  }
}

interface ResultSink {
  set(id: string, result: ReadResult): void;
}

function pagingOf(request: ReadRequest): PagingOptions<unknown> {
  return {
    version: request.version,
    cap: request.cap,
    headers: request.headers,
    onRows: request.onRows,
  };
}

function partialFailure(failure: GraphFailure, rowsRead: number): GraphResult<never> {
  return {
    ok: false,
    failure: { ...failure, message: `${failure.message} (after ${rowsRead} rows)` },
  };
}

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
