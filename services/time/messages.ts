import { DateTime } from 'luxon';

/** Examples shown whenever a time is not understood; each one is covered by a test. */
export const ACCEPTED_FORMS = [
  'yesterday',
  'yesterday 9am',
  '2h ago',
  '20 hours ago',
  'last 24h',
  'last 3 days',
  'monday',
  'monday 14:00',
  '9am',
  '2026-12-01 14:00',
  '2026-12-01T14:00Z',
] as const;

const MAX_ECHO_LENGTH = 60;

/** Quotes user input for a message: escaped, so control characters cannot reshape the chat. */
export function quoteInput(text: string): string {
  const echoed = text.length > MAX_ECHO_LENGTH ? `${text.slice(0, MAX_ECHO_LENGTH)}…` : text;
  return JSON.stringify(echoed);
}

export function acceptedFormsSentence(): string {
  return `Type a time such as ${ACCEPTED_FORMS.map((form) => `"${form}"`).join(', ')}.`;
}

export function notUnderstoodMessage(text: string, detail?: string): string {
  const reason = detail === undefined ? '' : ` ${detail}`;
  return `Could not read ${quoteInput(text)} as a time.${reason} ${acceptedFormsSentence()}`;
}

export function futureMessage(text: string, understood: string): string {
  return (
    `${quoteInput(text)} reads as ${understood}, which is in the future. ` +
    'Type a past time, for example "yesterday 9am" or "2h ago".'
  );
}

export function tooOldMessage(text: string, understood: string, retentionDays: number): string {
  return (
    `${quoteInput(text)} reads as ${understood}, which is more than ${retentionDays} days ago. ` +
    'Microsoft Graph keeps sign-in and audit logs for 30 days (7 days on Entra ID Free), ' +
    `so type a time within the last ${retentionDays} days, for example "last 7 days".`
  );
}

/**
 * Describes an instant for the reply, in the responder's zone and in UTC, for example
 * "Wed 2 Dec 2026 09:00 America/New_York (14:00 UTC)". The month is a word, so a numeric
 * date read in the wrong order is visible at once.
 */
export function describeInstant(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone }).setLocale('en-GB');
  const utc = local.toUTC();
  const localText = `${local.toFormat('ccc d LLL yyyy HH:mm')} ${zone}`;
  if (zone === 'UTC') {
    return localText;
  }

  const sameDay = local.toISODate() === utc.toISODate();
  return `${localText} (${utc.toFormat(sameDay ? 'HH:mm' : 'ccc d LLL HH:mm')} UTC)`;
}

export function describeDate(year: number | undefined, month: number, day: number): string {
  // 2000 is a leap year, so 29 February can be named when no year was given.
  const date = DateTime.fromObject({ year: year ?? 2000, month, day }).setLocale('en-GB');
  return date.toFormat(year === undefined ? 'd LLLL' : 'd LLLL yyyy');
}
