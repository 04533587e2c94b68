/**
 * Client-side share of Graph's identity-and-access-reports budget: sign-in logs, directory audits
 * and authentication method reads allow about 5 requests per 10 seconds per app per tenant, and
 * each request inside a `$batch` counts. Waiting here instead of sending and collecting 429s keeps
 * concurrent checks in arrival order, so twenty responders share the budget instead of all failing.
 */

const BUDGETED_PATHS = [
  /(^|\/)auditLogs\/signIns(\/|$|\?)/i,
  /(^|\/)auditLogs\/directoryAudits(\/|$|\?)/i,
  /(^|\/)users\/[^/]+\/authentication\/methods(\/|$|\?)/i,
];

/** True when a Graph URL or relative path draws on the identity-report budget. */
export function isBudgetedPath(url: string): boolean {
  const pathOnly = url.replace(/^https?:\/\/[^/]+/i, '');
  return BUDGETED_PATHS.some((pattern) => pattern.test(pathOnly));
}

export interface BudgetOptions {
  requests: number;
  perMs: number;
}

interface Waiter {
  cost: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
}

/** A sliding-window limiter with a FIFO queue and a shared pause after a 429. */
export class RequestBudget {
  private readonly sent: number[] = [];
  private readonly queue: Waiter[] = [];
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: BudgetOptions) {}

  /** Resolves when `cost` requests may be sent; rejects if `signal` aborts first. */
  acquire(cost: number, signal?: AbortSignal): Promise<void> {
    const bounded = Math.min(Math.max(cost, 0), this.options.requests);
    if (bounded === 0) return Promise.resolve();
    // A request whose check already ran out of time must not take a slot it will never use.
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(abortReason(signal));
      };
      const waiter: Waiter = {
        cost: bounded,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject,
      };
      this.queue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.drain();
    });
  }

  /**
   * Restarts the window of the newest `cost` slots at the time their response arrived. Graph
   * counts a request when it admits it, which is after the client sent it, possibly much later
   * when the process's concurrency limit held it back. Counting from the response keeps this
   * window behind Graph's, so waiting here replaces 429s instead of producing them.
   */
  settle(cost: number): void {
    const now = Date.now();
    const count = Math.min(Math.max(cost, 0), this.sent.length);
    for (let i = this.sent.length - count; i < this.sent.length; i++) this.sent[i] = now;
  }

  /** Holds every request back for `ms`, because Graph said the budget is spent. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
    this.drain();
  }

  private drain(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (;;) {
      const head = this.queue[0];
      if (!head) return;
      const now = Date.now();
      while (this.sent.length > 0 && this.sent[0] <= now - this.options.perMs) this.sent.shift();
      const free = this.options.requests - this.sent.length;
      const waitMs = Math.max(
        this.pausedUntil - now,
        free >= head.cost ? 0 : this.sent[head.cost - free - 1] + this.options.perMs - now,
      );
      if (waitMs > 0) {
        this.timer = setTimeout(() => this.drain(), waitMs);
        return;
      }
      this.queue.shift();
      for (let i = 0; i < head.cost; i++) this.sent.push(now);
      head.resolve();
    }
  }
}

/** The abort reason as an Error; AbortSignal.timeout() gives a DOMException, which is one. */
export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('the operation was aborted');
}
