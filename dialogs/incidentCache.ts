/**
 * Keeps the Graph data behind a stored report for a few minutes. The ledger stores the report
 * but not the sign-ins, audits and mail it was built from, and the timeline, the incident report
 * and the campaign scope all need them. Reading them once per report saves the identity-report
 * budget (5 requests per 10 seconds per tenant) for checks.
 */
import { newReader, type FirebreakServices } from '../services/app';
import type { Report } from '../services/domain';
import type { FirebreakError } from '../services/errors';
import { gatherIncident } from '../services/incident/gather';
import type { InvestigationData } from '../services/investigation/data';
import type { StoredReport } from '../services/ledger/types';
import type { Logger } from '../services/log';

/** How long the data of one report is reused before Graph is read again. */
export const INCIDENT_CACHE_MS = 10 * 60_000;

/** Reports whose data is kept at once; the oldest is dropped first. */
export const MAX_CACHED_INCIDENTS = 20;

/** Reports whose campaign scope size is remembered, for rebuilding their cards. */
const MAX_SCOPE_SIZES = 1_000;

export type IncidentData =
  { ok: true; data: InvestigationData; report: Report } | { ok: false; error: FirebreakError };

interface Entry {
  at: number;
  data: Promise<IncidentData>;
}

export class IncidentCache {
  private readonly entries = new Map<string, Entry>();
  private readonly scopeSizes = new Map<string, number>();

  constructor(private readonly services: FirebreakServices) {}

  /**
   * Returns the Graph data of the stored report's user and window, read again at most once per
   * `INCIDENT_CACHE_MS`. Callers that ask while a read runs share it. A failed read is not kept.
   */
  async dataFor(stored: StoredReport, log: Logger): Promise<IncidentData> {
    const now = this.services.now().getTime();
    const cached = this.entries.get(stored.id);
    if (cached !== undefined && now - cached.at < INCIDENT_CACHE_MS) return cached.data;

    const report = stored.report;
    const request = {
      user: report.user.id,
      since: new Date(report.since),
      now: new Date(report.until),
    };
    const data = gatherIncident(newReader(this.services, log), request).then(
      (gathered): IncidentData =>
        gathered.ok
          ? { ok: true, data: gathered.data, report: gathered.report }
          : { ok: false, error: gathered.error },
    );
    this.entries.delete(stored.id);
    this.entries.set(stored.id, { at: now, data });
    this.dropOldest(this.entries, MAX_CACHED_INCIDENTS);

    const result = await data.catch((error: unknown) => {
      this.entries.delete(stored.id);
      throw error;
    });
    if (!result.ok) this.entries.delete(stored.id);
    return result;
  }

  /** Records how many users the report's campaign scope holds. */
  setScopeSize(reportId: string, userCount: number): void {
    this.scopeSizes.delete(reportId);
    this.scopeSizes.set(reportId, userCount);
    this.dropOldest(this.scopeSizes, MAX_SCOPE_SIZES);
  }

  /**
   * Returns the campaign scope size recorded for the report.
   * NOTE: kept in memory only, so after a restart rebuilt report cards lose the
   * "Check these N users" button until the report is checked again.
   */
  scopeSize(reportId: string): number | undefined {
    return this.scopeSizes.get(reportId);
  }

  private dropOldest<T>(map: Map<string, T>, max: number): void {
    while (map.size > max) {
      const oldest = map.keys().next().value;
      if (oldest === undefined) return;
      map.delete(oldest);
    }
  }
}
