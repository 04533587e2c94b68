/**
 * Finds the user a responder means: by object id, by UPN or mail in any case (guests with
 * `#EXT#` and names with apostrophes included), or by display-name prefix. Several matches are a
 * question back to the responder, never a guess.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { FirebreakError, type ErrorCode } from '../errors';
import { literal, segment, withQuery } from '../graph/odata';
import type { GraphFailure } from '../graph/failure';
import type { GraphReader } from '../graph/reader';
import { parseUserQuery } from './parseUserQuery';

export const USER_SELECT =
  'id,displayName,userPrincipalName,mail,jobTitle,accountEnabled,userType,createdDateTime,signInSessionsValidFromDateTime';

/** Candidates shown when a name matches several users. */
const MAX_CANDIDATES = 10;

export type UserResolution =
  | { ok: true; user: Graph.User }
  | { ok: false; reason: 'invalid' | 'not-found'; message: string }
  | { ok: false; reason: 'ambiguous'; message: string; candidates: Graph.User[] }
  | { ok: false; reason: 'graph'; message: string; failure: GraphFailure };

export async function resolveUser(reader: GraphReader, text: string): Promise<UserResolution> {
  const parsed = parseUserQuery(text);
  if (!parsed.ok) return { ok: false, reason: 'invalid', message: parsed.message };
  const query = parsed.query;

  if (query.kind === 'id' || query.kind === 'upn') {
    const key = query.kind === 'id' ? query.id : query.upn;
    const direct = await reader.get<Graph.User>(withQuery(`users/${segment(key)}`, { $select: USER_SELECT }));
    if (direct.ok) return { ok: true, user: direct.value };
    if (direct.failure.status !== 404) return graphFailure(direct.failure);
    if (query.kind === 'id') return notFound(key);
    // The address may be a mail alias rather than the UPN.
    return pickOne(reader, `mail eq ${literal(key)} or userPrincipalName eq ${literal(key)}`, key);
  }

  const prefix = literal(query.prefix);
  const filter = `startswith(displayName,${prefix}) or startswith(userPrincipalName,${prefix}) or startswith(mail,${prefix})`;
  return pickOne(reader, filter, query.prefix);
}

async function pickOne(reader: GraphReader, filter: string, typed: string): Promise<UserResolution> {
  const url = withQuery('users', { $filter: filter, $select: USER_SELECT, $top: MAX_CANDIDATES + 1 });
  const page = await reader.get<{ value?: Graph.User[] }>(url);
  if (!page.ok) return graphFailure(page.failure);

  const users = page.value.value ?? [];
  if (users.length === 1) return { ok: true, user: users[0] };
  if (users.length === 0) return notFound(typed);
  return {
    ok: false,
    reason: 'ambiguous',
    message: `${users.length > MAX_CANDIDATES ? 'More than ' + MAX_CANDIDATES : users.length} users match "${typed}"; pick one or type the full address.`,
    candidates: users.slice(0, MAX_CANDIDATES),
  };
}

function notFound(typed: string): UserResolution {
  return {
    ok: false,
    reason: 'not-found',
    message: `No user matches "${typed}". Check the spelling, or type the user's full sign-in address (UPN) or object id.`,
  };
}

function graphFailure(failure: GraphFailure): UserResolution {
  return {
    ok: false,
    reason: 'graph',
    message: `Looking up the user failed: Graph answered ${failure.status ?? ''} ${failure.code}${failure.requestId ? ` (request id ${failure.requestId})` : ''}.`,
    failure,
  };
}

const LOOKUP_ERRORS: Record<Exclude<UserResolution, { ok: true }>['reason'], ErrorCode> = {
  graph: 'graph.failed',
  ambiguous: 'input.user-ambiguous',
  invalid: 'input.user-invalid',
  'not-found': 'input.user-not-found',
};

/** Turns a failed lookup into the error to report, with the candidates when several users matched. */
export function lookupFailure(
  resolution: Exclude<UserResolution, { ok: true }>,
  typed: string,
): { error: FirebreakError; candidates?: Graph.User[] } {
  const details = resolution.reason === 'graph' ? { ...resolution.failure } : { typed };
  const error = new FirebreakError(
    LOOKUP_ERRORS[resolution.reason],
    `user lookup failed for ${JSON.stringify(typed)}: ${resolution.message}`,
    resolution.message,
    details,
  );
  const candidates = resolution.reason === 'ambiguous' ? resolution.candidates : undefined;
  return { error, candidates };
}
