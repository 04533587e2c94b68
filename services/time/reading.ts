import type { ParsedResult } from 'chrono-node';
import { DateTime, FixedOffsetZone } from 'luxon';

import { isValidWallClock, resolveWallClock, type WallClock } from './wallClock';

export type Reading = { ok: true; instant: Date; notes: string[] } | { ok: false; detail: string };

type Day = Pick<WallClock, 'year' | 'month' | 'day'>;
type ClockTime = Pick<WallClock, 'hour' | 'minute' | 'second'>;

/** A date the responder left partly implicit, with the step back used when it is ahead. */
interface DayChoice {
  day: Day;
  stepBack?: { days?: number; years?: number; reason: string };
}

const MIDNIGHT: ClockTime = { hour: 0, minute: 0, second: 0 };
const CASUAL_TIME_TAG = /^casualReference\/(morning|afternoon|evening|night|noon|midnight)$/;

/**
 * Turns what chrono found into an instant. `now` must already be in the responder's zone,
 * because every word ("yesterday", "monday", "9am") is read on that zone's calendar.
 */
export function readInstant(result: ParsedResult, now: DateTime): Reading {
  const tags = result.tags();
  const start = result.start;

  // "2h ago", "last 24h", "now": chrono subtracts the duration from the reference instant
  // and pins the reference's UTC offset, so the instant is exact across a DST change.
  if (tags.has('result/relativeDateAndTime') || tags.has('casualReference/now')) {
    return { ok: true, instant: start.date(), notes: [] };
  }

  const choice = chooseDay(result, now);
  const time = chooseTime(result, now);

  // An explicit offset ("Z", "+01:00", "UTC") fixes the instant whatever the responder's zone.
  const offset = start.isCertain('timezoneOffset') ? start.get('timezoneOffset') : null;
  const resolve = (day: Day) => resolveDay(day, time, offset, now.zoneName ?? 'UTC');

  const first = resolve(choice.day);
  if (!first.ok || first.instant <= now.toJSDate() || choice.stepBack === undefined) {
    return first;
  }

  const { reason, ...step } = choice.stepBack;
  const earlier = DateTime.fromObject(choice.day, { zone: 'utc' }).minus(step);
  const second = resolve({ year: earlier.year, month: earlier.month, day: earlier.day });
  return second.ok ? { ...second, notes: [reason, ...second.notes] } : second;
}

function chooseDay(result: ParsedResult, now: DateTime): DayChoice {
  const start = result.start;
  const today: Day = { year: now.year, month: now.month, day: now.day };

  // "since yesterday" and "since yesterday 9am" are read on the responder's calendar.
  if (result.tags().has('casualReference/yesterday')) {
    const yesterday = now.minus({ days: 1 });
    return { day: { year: yesterday.year, month: yesterday.month, day: yesterday.day } };
  }

  if (start.isCertain('day') && start.isCertain('month')) {
    const month = start.get('month') ?? 0;
    const day = start.get('day') ?? 0;
    if (start.isCertain('year')) {
      return { day: { year: start.get('year') ?? 0, month, day } };
    }
    return {
      day: { year: now.year, month, day },
      stepBack: {
        years: 1,
        reason: 'No year was given and that date this year is ahead, so last year was used.',
      },
    };
  }

  const weekday = start.isCertain('weekday') ? start.get('weekday') : null;
  if (weekday !== null) {
    return chooseWeekday(weekday, result.text, now);
  }

  // Time only ("9am", "8:00"): today, or yesterday when that time has not come yet today.
  return {
    day: today,
    stepBack: { days: 1, reason: 'That time has not come yet today, so yesterday was used.' },
  };
}

/**
 * Chooses the day for a weekday name. A bare weekday is the most recent such day, and
 * today's weekday means today, so on a Wednesday "tuesday" is yesterday. "last tuesday" is
 * strictly before today, and "next tuesday" is ahead, which the caller rejects as future.
 */
function chooseWeekday(weekday: number, text: string, now: DateTime): DayChoice {
  const modifier = /^(last|past|previous|next|this|coming)\b/i
    .exec(text.trim())?.[1]
    ?.toLowerCase();
  const todayWeekday = now.weekday % 7; // luxon counts Monday 1 to Sunday 7, chrono Sunday 0
  let daysBack = (todayWeekday - weekday + 7) % 7;
  if (modifier === 'last' || modifier === 'past' || modifier === 'previous') {
    daysBack = daysBack === 0 ? 7 : daysBack;
  }
  if (modifier === 'next' || modifier === 'coming') {
    daysBack = -((weekday - todayWeekday + 7) % 7 || 7);
  }

  const chosen = now.minus({ days: daysBack });
  return {
    day: { year: chosen.year, month: chosen.month, day: chosen.day },
    stepBack:
      daysBack === 0
        ? {
            days: 7,
            reason: 'That time has not come yet today, so the same day last week was used.',
          }
        : undefined,
  };
}

/**
 * Picks the clock time: the one typed, the one a word implies ("noon", "this morning"),
 * the current clock time for whole days counted back ("last 3 days"), or else 00:00, so
 * "since yesterday" and "since monday" start at the beginning of that day.
 */
function chooseTime(result: ParsedResult, now: DateTime): ClockTime {
  const start = result.start;
  const tags = [...result.tags()];
  if (start.isCertain('hour') || tags.some((tag) => CASUAL_TIME_TAG.test(tag))) {
    return {
      hour: start.get('hour') ?? 0,
      minute: start.get('minute') ?? 0,
      second: start.get('second') ?? 0,
    };
  }
  if (tags.includes('result/relativeDate')) {
    return { hour: now.hour, minute: now.minute, second: now.second };
  }
  return MIDNIGHT;
}

function resolveDay(day: Day, time: ClockTime, offset: number | null, zone: string): Reading {
  const wall: WallClock = { ...day, ...time };
  if (!isValidWallClock(wall)) {
    const date = `${day.year}-${pad(day.month)}-${pad(day.day)}`;
    const dateText = `${date} ${pad(time.hour)}:${pad(time.minute)}`;
    return { ok: false, detail: `${dateText} is not a date and time that exists.` };
  }

  if (offset !== null) {
    const fixed = DateTime.fromObject(wall, { zone: FixedOffsetZone.instance(offset) });
    return { ok: true, instant: fixed.toJSDate(), notes: [] };
  }

  const resolved = resolveWallClock(wall, zone);
  return {
    ok: true,
    instant: resolved.instant,
    notes: resolved.note === undefined ? [] : [resolved.note],
  };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
