import type { Activity } from 'botbuilder';

/** Returns the sender's IANA time zone, sent by Teams on the activity or in its clientInfo entity. */
export function senderTimeZone(activity: Partial<Activity>, fallback: string): string {
  const candidates = [
    activity.localTimezone,
    ...(activity.entities ?? [])
      .filter((entity) => entity.type === 'clientInfo')
      .map((entity) => (entity as { timezone?: unknown }).timezone),
  ];
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && isTimeZone(candidate)) return candidate;
  }
  return fallback;
}

/** Returns the sender's locale (BCP 47), used to read numeric dates such as 04/06. */
export function senderLocale(activity: Partial<Activity>): string | undefined {
  const locale = activity.locale;
  return typeof locale === 'string' && locale.length <= 35 ? locale : undefined;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
