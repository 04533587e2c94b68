import * as chrono from 'chrono-node';
import { DateTime, IANAZone } from 'luxon';

import { dateOrderOf, findNumericDate, rewriteDottedDayMonth } from './dateOrder';
import {
  describeDate,
  describeInstant,
  futureMessage,
  notUnderstoodMessage,
  quoteInput,
  tooOldMessage,
} from './messages';
import { readInstant } from './reading';

export interface TimeContext {
  now: Date;
  /** IANA zone of the responder, from the Teams activity's `localTimezone`. */
  timeZone: string;
  /** BCP 47 tag from the activity's `locale`; decides whether 04/06 is April or June. */
  locale?: string;
}

export type SinceErrorCode = 'time.invalid' | 'time.future' | 'time.too-old';

export type SinceResult =
  | { ok: true; since: Date; understood: string; notes: string[] }
  | { ok: false; code: SinceErrorCode; message: string };

export interface SinceOptions {
  /** Days of sign-in and audit history the tenant keeps; Graph keeps 30 (7 on Entra ID Free). */
  retentionDays?: number;
}

export const DEFAULT_RETENTION_DAYS = 30;
export const MAX_SINCE_LENGTH = 200;

// Bidirectional marks and other invisible format characters arrive in pasted text.
const INVISIBLE = /[\p{Cc}\p{Cf}]+/gu;
const LEADING_WORD = /^(since|from|starting|after)\s+/i;
const BARE_DURATION = /^\d+\s*(h|hrs?|hours?|d|days?|m|mins?|minutes?|w|weeks?)$/i;
const FIELD_ORDER = { 'day-first': 'day/month', 'month-first': 'month/day' } as const;
// Words that may surround a time without changing it, such as "since the 1 dec".
const FILLER = /\b(at|on|the|of|around)\b/gi;

/**
 * Reads the start of an investigation window from what the responder typed. Words are read
 * in the responder's zone; the result is an instant plus a sentence saying how it was read.
 */
export function parseSince(
  text: string,
  context: TimeContext,
  options: SinceOptions = {},
): SinceResult {
  const retentionDays = options.retentionDays ?? DEFAULT_RETENTION_DAYS;
  if (!Number.isInteger(retentionDays) || retentionDays < 1) {
    throw new RangeError(
      `retentionDays must be a whole number of days >= 1, got ${retentionDays}.`,
    );
  }

  if (text.length > MAX_SINCE_LENGTH) {
    return invalid(text, `It is longer than ${MAX_SINCE_LENGTH} characters.`);
  }
  const cleaned = cleanInput(text);
  if (cleaned === '') {
    return invalid(text, 'It is empty.');
  }

  const notes: string[] = [];
  const zone = chooseZone(context.timeZone, notes);
  const now = DateTime.fromJSDate(context.now, { zone });
  if (!now.isValid) {
    throw new RangeError(`context.now must be a valid Date, got ${String(context.now)}.`);
  }

  const { locale, order } = dateOrderOf(context.locale);
  const parser = order === 'day-first' ? chrono.en.GB : chrono.en.casual;
  // NOTE: chrono does its date arithmetic in the process's local time. When the process zone
  // has DST, a reading that lands in that zone's skipped hour can be an hour off, which a
  // process running with TZ=UTC never meets.
  const results = parser.parse(cleaned, { instant: context.now, timezone: now.offset });
  if (results.length !== 1) {
    return invalid(text, results.length > 1 ? 'It contains more than one time.' : undefined);
  }

  const [result] = results;
  if (result.end) {
    return invalid(text, 'It is a range, but only a start time is needed.');
  }
  const leftover = (
    cleaned.slice(0, result.index) + cleaned.slice(result.index + result.text.length)
  )
    .replace(FILLER, '')
    .trim();
  if (/[\p{L}\p{N}]/u.test(leftover)) {
    return invalid(text, `The part ${quoteInput(leftover)} is not a time.`);
  }

  const numeric = findNumericDate(result.text, order);
  if (numeric !== undefined) {
    const readMonth = result.start.get('month') ?? 0;
    const readDay = result.start.get('day') ?? 0;
    const fields = numeric.yearFirst ? 'year/month/day' : FIELD_ORDER[order];
    if (numeric.month !== readMonth || numeric.day !== readDay) {
      const year = numeric.year ?? now.year;
      const example = `${year}-${pad(readMonth)}-${pad(readDay)}`;
      return invalid(
        text,
        `${numeric.text} is not a valid date when read as ${fields} (locale ${locale}). ` +
          `Write the date as year-month-day, for example ${example}.`,
      );
    }
    if (!numeric.yearFirst) {
      const date = describeDate(numeric.year, numeric.month, numeric.day);
      notes.push(`${numeric.text} was read as ${fields} for ${locale}: ${date}.`);
    }
  }

  const reading = readInstant(result, now);
  if (!reading.ok) {
    return invalid(text, reading.detail);
  }

  const understood = describeInstant(reading.instant, zone);
  if (reading.instant > context.now) {
    return { ok: false, code: 'time.future', message: futureMessage(text, understood) };
  }
  if (reading.instant < now.minus({ days: retentionDays }).toJSDate()) {
    return {
      ok: false,
      code: 'time.too-old',
      message: tooOldMessage(text, understood, retentionDays),
    };
  }

  return { ok: true, since: reading.instant, understood, notes: [...notes, ...reading.notes] };
}

function cleanInput(text: string): string {
  const spaced = text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  const withoutLead = spaced.replace(LEADING_WORD, '');
  const duration = BARE_DURATION.test(withoutLead) ? `last ${withoutLead}` : withoutLead;
  return rewriteDottedDayMonth(duration);
}

/** Falls back to UTC for a zone Teams did not send or luxon does not know, and adds a note. */
function chooseZone(timeZone: string, notes: string[]): string {
  if (IANAZone.isValidZone(timeZone)) {
    return timeZone;
  }
  notes.push(
    `The time zone ${JSON.stringify(timeZone)} is not a known IANA zone, so UTC was used.`,
  );
  return 'UTC';
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function invalid(text: string, detail?: string): SinceResult {
  return { ok: false, code: 'time.invalid', message: notUnderstoodMessage(text, detail) };
}
