/**
 * One check of one user: resolve who was meant, read the window from Graph, run the checks and
 * assemble the report. The CLI and the bot both call this; neither talks to Graph directly.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { Report } from '../domain';
import { FirebreakError } from '../errors';
import type { GraphReader } from '../graph/reader';
import { lookupFailure, resolveUser } from '../users/resolveUser';
import { assembleReport } from './assemble';
import { CHECKS } from './checks';
import { collectInvestigationData, type CollectOptions } from './collect';
import type { InvestigationData } from './data';

export type { ProgressStage } from './collect';

/** Days of sign-ins before the window that count as the user's usual places. */
export const BASELINE_DAYS = 14;

export interface CheckRequest {
  /** The user as the responder typed it: UPN, mail, object id or a display-name prefix. */
  user: string;
  since: Date;
  /** End of the window; the time of the check. */
  now: Date;
}

/**
 * Time a whole check may take, reads and retries included, unless the caller sets another. A
 * check spends 4 of Graph's 5 identity-report requests per 10 s, so 100 checks queued in one
 * tenant need at least 790 s; the deadline leaves room for that queue instead of failing checks
 * that only waited their turn.
 */
export const DEFAULT_CHECK_DEADLINE_MS = 15 * 60_000;

/** An early report: findings of every section whose reads are final, while sign-ins page on. */
export interface PartialReport {
  report: Report;
  /** Sections left out because their reads are still running, e.g. `sign-ins`. */
  pendingSections: string[];
}

export interface InvestigateOptions extends Omit<CollectOptions, 'onEarlyData'> {
  /**
   * Called at most once, before the full report, as soon as every read but the sign-ins is
   * final. Its report holds only the sections in no need of sign-ins; the full report that
   * `investigate` returns replaces it. A bot can post it at once and update it in place.
   */
  onPartialReport?: (partial: PartialReport) => void;
  /** Milliseconds the whole check may take; reads still running then make their sections unavailable. */
  deadlineMs?: number;
}

export type InvestigationOutcome =
  { ok: true; report: Report } | { ok: false; error: FirebreakError; candidates?: Graph.User[] };

/** A check's outcome with the Graph data it read, for the timeline and campaign tools. */
export type GatheredInvestigation =
  | { ok: true; data: InvestigationData; report: Report }
  | { ok: false; error: FirebreakError; candidates?: Graph.User[] };

export async function investigate(
  reader: GraphReader,
  request: CheckRequest,
  options: InvestigateOptions = {},
): Promise<InvestigationOutcome> {
  const gathered = await investigateWithData(reader, request, options);
  return gathered.ok ? { ok: true, report: gathered.report } : gathered;
}

/** Runs a check like `investigate` and also returns the Graph data behind the report. */
export async function investigateWithData(
  reader: GraphReader,
  request: CheckRequest,
  options: InvestigateOptions = {},
): Promise<GatheredInvestigation> {
  options.onProgress?.('resolving-user', request.user);
  const resolution = await resolveUser(reader, request.user);
  if (!resolution.ok) return { ok: false, ...lookupFailure(resolution, request.user) };

  const user = resolution.user;
  const window = {
    since: request.since,
    until: request.now,
    baselineStart: new Date(request.since.getTime() - BASELINE_DAYS * 86_400_000),
  };
  options.onProgress?.('reading-graph', user.userPrincipalName ?? user.id ?? '');
  const onPartialReport = options.onPartialReport;
  const deadlined = reader.withDeadline(options.deadlineMs ?? DEFAULT_CHECK_DEADLINE_MS);
  const { data, notes } = await collectInvestigationData(deadlined, user, window, {
    ...options,
    onEarlyData: onPartialReport
      ? (early, pending) => onPartialReport(partialReport(early, pending))
      : undefined,
  });

  options.onProgress?.('assembling', user.userPrincipalName ?? '');
  return { ok: true, data, report: assembleReport(data, notes) };
}

/** Runs only the checks whose reads are all final. */
function partialReport(
  data: InvestigationData,
  pending: (keyof InvestigationData)[],
): PartialReport {
  const ready = CHECKS.filter((check) => check.needs.every((part) => !pending.includes(part)));
  const waiting = CHECKS.filter((check) => !ready.includes(check)).map((check) => check.section);
  return { report: assembleReport(data, [], ready), pendingSections: [...new Set(waiting)] };
}
