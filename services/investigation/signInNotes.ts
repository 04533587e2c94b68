/**
 * The report note that summarises failed sign-ins, which the sign-in check folds into counts
 * instead of listing them row by row.
 */
import { type SignInDigest, topKeys } from './signInDigest';

/**
 * Failed sign-ins in the window from which a note sums them up. Fewer are visible enough in
 * the findings, while a password spray produces thousands.
 */
export const FAILURE_NOTE_THRESHOLD = 50;

const NAMED = 3;

/** Returns the note on failed sign-ins in the window, or none when they are few. */
export function signInNotes(digest: SignInDigest): string[] {
  if (digest.failedInWindow < FAILURE_NOTE_THRESHOLD) return [];
  const count = (value: number): string => value.toLocaleString('en-US');
  const ipCount = digest.failuresByIp.size;
  const ips = `${digest.untrackedFailures > 0 ? 'more than ' : ''}${count(ipCount)} IPs`;
  const named = (counts: Map<string, number>): string =>
    topKeys(counts, NAMED)
      .map((key) => `${key} ${count(counts.get(key) ?? 0)}`)
      .join(', ');
  return [
    `${count(digest.failedInWindow)} failed sign-ins in the window came from ${ips} ` +
      `in ${count(digest.failuresByCountry.size)} countries or regions. ` +
      `Most by country: ${named(digest.failuresByCountry)}. ` +
      `Most by client app: ${named(digest.failuresByClient)}. ` +
      `Most by reason: ${named(digest.failuresByReason)}.`,
  ];
}
