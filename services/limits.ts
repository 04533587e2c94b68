/**
 * Limits on how much work callers may start: a sliding-window rate limit per key and a cap on
 * work running at once. Both are pure bookkeeping in memory, with the clock passed in, so they
 * hold per process only.
 */

const PRUNE_AT_KEYS = 10_000;

export type LimitDecision = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Allows at most `limit` events per key in any window of `windowMs`. It keeps the time of each
 * allowed event, so a refused caller learns exactly when the oldest one leaves the window.
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`rate limit ${limit} is invalid; expected a whole number from 1`);
    }
    if (!(windowMs > 0)) {
      throw new RangeError(`rate window ${windowMs} ms is invalid; expected more than 0`);
    }
  }

  /** Records an event for `key` at `nowMs` when the window has room; refused events are not recorded. */
  tryAcquire(key: string, nowMs: number): LimitDecision {
    // Keys of callers who went quiet are dropped in bulk, so memory follows recent callers only.
    if (this.events.size >= PRUNE_AT_KEYS) this.size(nowMs);
    const recent = this.recent(key, nowMs);
    if (recent.length >= this.limit) {
      return { ok: false, retryAfterMs: recent[0] + this.windowMs - nowMs };
    }
    recent.push(nowMs);
    this.events.set(key, recent);
    return { ok: true };
  }

  /** Number of keys with events still inside the window at `nowMs`; stale keys are dropped. */
  size(nowMs: number): number {
    for (const key of [...this.events.keys()]) this.recent(key, nowMs);
    return this.events.size;
  }

  private recent(key: string, nowMs: number): number[] {
    const kept = (this.events.get(key) ?? []).filter((at) => at > nowMs - this.windowMs);
    if (kept.length === 0) this.events.delete(key);
    else this.events.set(key, kept);
    return kept;
  }
}

/** Releases a slot taken from a ConcurrencyLimit; calling it again does nothing. */
export type Release = () => void;

/** Allows at most `max` holders at once. */
export class ConcurrencyLimit {
  private held = 0;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`concurrency limit ${max} is invalid; expected a whole number from 1`);
    }
  }

  get active(): number {
    return this.held;
  }

  /** Takes a slot, or returns undefined when all `max` are held. */
  tryAcquire(): Release | undefined {
    if (this.held >= this.max) return undefined;
    return this.take();
  }

  /**
   * Takes a slot even when all are held. For work that has already started by a path no guard
   * saw, so that it still counts against later requests.
   */
  acquireOverLimit(): Release {
    return this.take();
  }

  private take(): Release {
    this.held += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held -= 1;
    };
  }
}
