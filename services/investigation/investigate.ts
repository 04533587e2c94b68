/**
 * One check of one user: resolve who was meant, read the window from Graph, run the checks and
 * assemble the report. The CLI and the bot both call this; neither talks to Graph directly.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { Report } from '../domain';
import { FirebreakError } from '../errors';
import type { GraphReader } from '../graph/reader';
import { resolveUser } from '../users/resolveUser';
import { assembleReport } from './assemble';
import { collectInvestigationData, type CollectOptions } from './collect';

/** Days of sign-ins before the window that count as the user's usual places. */
export const BASELINE_DAYS = 14;

export interface CheckRequest {
  /** What the responder typed for the user: UPN, mail, object id or a display-name prefix. */
  user: string;
  since: Date;
  /** End of the window; the time of the check. */
  now: Date;
}

export type ProgressStage = 'resolving-user' | 'reading-graph' | 'assembling';

export interface InvestigateOptions extends CollectOptions {
  onProgress?: (stage: ProgressStage, detail: string) => void;
}

export type InvestigationOutcome =
  { ok: true; report: Report } | { ok: false; error: FirebreakError; candidates?: Graph.User[] };

export async function investigate(
  reader: GraphReader,
  request: CheckRequest,
  options: InvestigateOptions = {},
): Promise<InvestigationOutcome> {
  options.onProgress?.('resolving-user', request.user);
  const resolution = await resolveUser(reader, request.user);
  if (!resolution.ok) {
    const code =
      resolution.reason === 'graph'
        ? 'graph.failed'
        : resolution.reason === 'ambiguous'
          ? 'input.user-ambiguous'
          : resolution.reason === 'invalid'
            ? 'input.user-invalid'
            : 'input.user-not-found';
    const details =
      resolution.reason === 'graph' ? { ...resolution.failure } : { typed: request.user };
    const error = new FirebreakError(
      code,
      `user lookup failed for ${JSON.stringify(request.user)}: ${resolution.message}`,
      resolution.message,
      details,
    );
    return {
      ok: false,
      error,
      candidates: resolution.reason === 'ambiguous' ? resolution.candidates : undefined,
    };
  }

  const user = resolution.user;
  const window = {
    since: request.since,
    until: request.now,
    baselineStart: new Date(request.since.getTime() - BASELINE_DAYS * 86_400_000),
  };
  options.onProgress?.('reading-graph', user.userPrincipalName ?? user.id ?? '');
  const { data, notes } = await collectInvestigationData(reader, user, window, options);

  options.onProgress?.('assembling', user.userPrincipalName ?? '');
  return { ok: true, report: assembleReport(data, notes) };
}
