/**
 * Runs one check like `investigate` does, but returns the data read from Graph along with the
 * report, because the timeline and the campaign scope need the raw sign-ins, audits and mail.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { Report } from '../domain';
import type { FirebreakError } from '../errors';
import type { GraphReader } from '../graph/reader';
import { assembleReport } from '../investigation/assemble';
import { collectInvestigationData } from '../investigation/collect';
import type { InvestigationData } from '../investigation/data';
import {
  BASELINE_DAYS,
  type CheckRequest,
  type InvestigateOptions,
} from '../investigation/investigate';
import { lookupFailure, resolveUser } from '../users/resolveUser';

export type GatheredIncident =
  | { ok: true; data: InvestigationData; report: Report }
  | { ok: false; error: FirebreakError; candidates?: Graph.User[] };

/** Resolves the user, reads the window and assembles the report, keeping the data read. */
export async function gatherIncident(
  reader: GraphReader,
  request: CheckRequest,
  options: InvestigateOptions = {},
): Promise<GatheredIncident> {
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
  const { data, notes } = await collectInvestigationData(reader, user, window, options);

  options.onProgress?.('assembling', user.userPrincipalName ?? '');
  return { ok: true, data, report: assembleReport(data, notes) };
}
