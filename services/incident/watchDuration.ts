/**
 * Reads how long and how often to watch a user, as typed after `watch <user>`: `for 24h`,
 * `for 2 days every 30m`. The time grammar in services/time reads instants, not lengths of
 * time, so durations have their own small grammar here.
 */

export const DEFAULT_WATCH_EVERY_MS = 30 * 60_000;
/** Shortest interval between rechecks, because each recheck spends identity-report budget. */
export const MIN_WATCH_EVERY_MS = 5 * 60_000;
/** Maximum watch length, matching the 30 days of sign-in and audit logs Entra ID P1 keeps. */
export const MAX_WATCH_MS = 30 * 86_400_000;

export type WatchPeriod =
  | { ok: true; forMs: number; everyMs: number; until: Date; understood: string }
  | { ok: false; message: string };

const UNITS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 7 * 86_400_000,
  week: 7 * 86_400_000,
  weeks: 7 * 86_400_000,
};

const DURATION = String.raw`(\d{1,4})\s*([a-z]+)`;
const PERIOD = new RegExp(String.raw`^for\s+${DURATION}(?:\s+every\s+${DURATION})?$`, 'i');
const EXAMPLE = 'Type a length such as "for 24h", "for 3 days" or "for 12h every 15m".';

/** Parses `for <n><unit> [every <n><unit>]`; `until` is `now` plus the length. */
export function parseWatchPeriod(text: string, now: Date): WatchPeriod {
  const match = PERIOD.exec(text.trim().replace(/\s+/g, ' '));
  if (match === null) {
    return { ok: false, message: `"${text.trim()}" is not a watch length. ${EXAMPLE}` };
  }
  const forMs = toMs(match[1], match[2]);
  const everyMs = match[3] === undefined ? DEFAULT_WATCH_EVERY_MS : toMs(match[3], match[4]);
  if (forMs === undefined || everyMs === undefined) {
    return { ok: false, message: `"${text.trim()}" has an unknown unit. ${EXAMPLE}` };
  }
  if (forMs <= 0 || forMs > MAX_WATCH_MS) {
    return { ok: false, message: `A watch lasts more than 0 and at most 30 days. ${EXAMPLE}` };
  }
  if (everyMs < MIN_WATCH_EVERY_MS || everyMs > forMs) {
    return {
      ok: false,
      message:
        'Rechecks run every 5 minutes at the most often and no less often than once per watch. ' +
        EXAMPLE,
    };
  }
  const until = new Date(now.getTime() + forMs);
  const understood = `until ${until.toISOString()}, rechecking every ${describeMs(everyMs)}`;
  return { ok: true, forMs, everyMs, until, understood };
}

function toMs(count: string, unit: string): number | undefined {
  const size = UNITS[unit.toLowerCase()];
  return size === undefined ? undefined : Number(count) * size;
}

/** Describes a length of time in the largest whole unit, e.g. "30 minutes" or "2 hours". */
export function describeMs(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    if (ms % size === 0) {
      const count = ms / size;
      return `${count} ${count === 1 ? name : `${name}s`}`;
    }
  }
  return `${Math.round(ms / 1000)} seconds`;
}
