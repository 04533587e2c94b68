/**
 * Records every HTTP request undici sends in this process, with its start and end times, through
 * undici's diagnostics channels. Both the Graph transport and the baseline send with undici, and
 * the channel names are process-wide, so one recorder sees both without changing either.
 */
import diagnostics from 'node:diagnostics_channel';

/** One HTTP exchange: from the request's creation to the end of its response body. */
export interface Exchange {
  method: string;
  path: string;
  startMs: number;
  endMs: number;
}

interface UndiciRequest {
  method?: string;
  path?: string;
}

interface RequestMessage {
  request: UndiciRequest;
}

const CREATE = 'undici:request:create';
const TRAILERS = 'undici:request:trailers';
const ERROR = 'undici:request:error';

/** Collects exchanges until `stop()`; requests still open at that point are left out. */
export class ExchangeRecorder {
  readonly exchanges: Exchange[] = [];
  private readonly open = new Map<UndiciRequest, Omit<Exchange, 'endMs'>>();

  private readonly onCreate = (message: unknown): void => {
    const { request } = message as RequestMessage;
    this.open.set(request, {
      method: request.method ?? 'GET',
      path: request.path ?? '',
      startMs: performance.now(),
    });
  };

  private readonly onEnd = (message: unknown): void => {
    const { request } = message as RequestMessage;
    const started = this.open.get(request);
    if (started === undefined) return;
    this.open.delete(request);
    this.exchanges.push({ ...started, endMs: performance.now() });
  };

  start(): this {
    diagnostics.subscribe(CREATE, this.onCreate);
    diagnostics.subscribe(TRAILERS, this.onEnd);
    diagnostics.subscribe(ERROR, this.onEnd);
    return this;
  }

  stop(): Exchange[] {
    diagnostics.unsubscribe(CREATE, this.onCreate);
    diagnostics.unsubscribe(TRAILERS, this.onEnd);
    diagnostics.unsubscribe(ERROR, this.onEnd);
    return this.exchanges;
  }
}

/**
 * Counts the round trips on the critical path: the longest chain of exchanges in which each one
 * starts only after the previous one ended. Exchanges that overlap run side by side and add one
 * round trip between them, however many there are.
 */
export function criticalPathRoundTrips(exchanges: readonly Exchange[]): number {
  const ordered = [...exchanges].sort((a, b) => a.startMs - b.startMs);
  const chain: number[] = [];
  let longest = 0;
  for (const [index, exchange] of ordered.entries()) {
    let before = 0;
    for (let earlier = 0; earlier < index; earlier++) {
      if (ordered[earlier].endMs <= exchange.startMs) {
        before = Math.max(before, chain[earlier]);
      }
    }
    chain.push(before + 1);
    longest = Math.max(longest, before + 1);
  }
  return longest;
}
