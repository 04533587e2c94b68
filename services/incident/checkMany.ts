/**
 * Checks several users over the same window, a few at a time. The Graph transport already
 * bounds concurrent requests and the identity-report budget. The bound here keeps a long list
 * from holding every user's data in memory at once.
 */
import pLimit from 'p-limit';
import { SEVERITIES, type Report, type Severity } from '../domain';
import type { FirebreakError } from '../errors';
import type { GraphReader } from '../graph/reader';
import { investigate } from '../investigation/investigate';

export const DEFAULT_CHECK_CONCURRENCY = 3;

export type UserCheck =
  { user: string; ok: true; report: Report } | { user: string; ok: false; error: FirebreakError };

export interface CheckManyOptions {
  /** Users checked at the same time; default 3. */
  concurrency?: number;
}

/** Checks each user from `since` to `now`; results keep the order of `users`. */
export async function checkMany(
  reader: GraphReader,
  users: readonly string[],
  since: Date,
  now: Date,
  options: CheckManyOptions = {},
): Promise<UserCheck[]> {
  const concurrency = options.concurrency ?? DEFAULT_CHECK_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a whole number >= 1, got ${concurrency}`);
  }
  const limit = pLimit(concurrency);
  return Promise.all(
    users.map((user) =>
      limit(async (): Promise<UserCheck> => {
        const outcome = await investigate(reader, { user, since, now });
        return outcome.ok
          ? { user, ok: true, report: outcome.report }
          : { user, ok: false, error: outcome.error };
      }),
    ),
  );
}

/** Returns true when the report contains a high finding, which the verdict calls likely compromise. */
export function isLikelyCompromised(report: Report): boolean {
  return report.findings.some((finding) => finding.severity === 'high');
}

/** Counts a report's findings by severity. */
export function severityCounts(report: Report): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  for (const finding of report.findings) counts[finding.severity] += 1;
  return counts;
}
