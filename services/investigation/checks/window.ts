/** Time handling for the checks: Graph date-times against the investigation window. */
import type { InvestigationWindow } from '../data';

/** Parses a Graph date-time, returning undefined for a missing or invalid value. */
export function parseTime(value: unknown): Date | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const time = new Date(value.trim());
  return Number.isNaN(time.getTime()) ? undefined : time;
}

/** Returns true when the Graph date-time lies in `since`..`until`, both ends included. */
export function isInWindow(value: unknown, window: InvestigationWindow): boolean {
  const time = parseTime(value);
  if (time === undefined) return false;
  return time >= window.since && time <= window.until;
}

/** Returns true when the Graph date-time lies in the baseline, from `baselineStart` to `since`. */
export function isInBaseline(value: unknown, window: InvestigationWindow): boolean {
  const time = parseTime(value);
  if (time === undefined) return false;
  return time >= window.baselineStart && time < window.since;
}

/** Returns the time as ISO 8601 in UTC, or null when the value is no valid date-time. */
export function isoTime(value: unknown): string | null {
  return parseTime(value)?.toISOString() ?? null;
}

/** Returns the earliest of the valid date-times as ISO 8601, or null when there is none. */
export function earliest(values: unknown[]): string | null {
  return extreme(values, (a, b) => a < b);
}

/** Returns the latest of the valid date-times as ISO 8601, or null when there is none. */
export function latest(values: unknown[]): string | null {
  return extreme(values, (a, b) => a > b);
}

// A loop rather than Math.min(...times), because spreading tens of thousands of sign-ins
// into one call overflows the stack.
function extreme(values: unknown[], isBetter: (a: number, b: number) => boolean): string | null {
  let best: number | undefined;
  for (const value of values) {
    const time = parseTime(value)?.getTime();
    if (time !== undefined && (best === undefined || isBetter(time, best))) best = time;
  }
  return best === undefined ? null : new Date(best).toISOString();
}

/**
 * Returns the time a finding carries: the Graph event time, or the end of the window when
 * Graph keeps none (inbox rules, grants), flagged so the report does not present it as fact.
 */
export function findingTime(
  value: unknown,
  window: InvestigationWindow,
): { at: string; timeKnown: boolean } {
  const time = parseTime(value);
  if (time === undefined) return { at: window.until.toISOString(), timeKnown: false };
  return { at: time.toISOString(), timeKnown: true };
}
