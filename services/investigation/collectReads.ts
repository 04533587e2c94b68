/**
 * The Graph reads of one check, built from the user and the window. User input reaches these
 * URLs only through `segment` and `literal`, so a guest UPN or an apostrophe cannot change them.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { dateTime, literal, segment, withQuery } from '../graph/odata';
import type { ReadRequest } from '../graph/reader';
import type { InvestigationWindow } from './data';

/** Rows read per collection at most; a cap that cuts data is stated in the report. */
export const DEFAULT_ROW_CAP = 20_000;

/**
 * Sign-in rows read at most. Sign-ins are folded into counts as they arrive, so this bounds
 * time and identity-report budget (100 pages at 5 requests per 10 s), not memory.
 */
export const SIGNIN_ROW_CAP = 100_000;

/**
 * Sign-in properties read; the rest of each row is never sent. Kept in this order because the
 * benchmark baseline in bench/ sends the same query to compare reads one for one.
 */
const SIGNIN_PROPERTIES = [
  'id',
  'createdDateTime',
  'userId',
  'userPrincipalName',
  'appId',
  'appDisplayName',
  'ipAddress',
  'clientAppUsed',
  'status',
  'location',
  'deviceDetail',
  'riskLevelDuringSignIn',
  'riskLevelAggregated',
  'riskState',
  'riskEventTypes_v2',
  'conditionalAccessStatus',
  'isInteractive',
  'resourceDisplayName',
];

const MESSAGE_SELECT = 'id,subject,sentDateTime,toRecipients,ccRecipients,bccRecipients';

export interface ReadLimits {
  rowCap: number;
  signInCap: number;
  /** Receives each page of sign-ins; the reader keeps none of them. */
  onSignIns: (rows: unknown[], rowsRead: number) => void;
}

/** Builds the independent reads, sent together in the first `$batch`. */
export function firstBatchReads(
  user: Graph.User,
  window: InvestigationWindow,
  limits: ReadLimits,
): ReadRequest[] {
  const cap = limits.rowCap;
  const id = segment(user.id ?? '');
  const userLiteral = literal(user.id ?? '');
  const since = dateTime(window.since);
  return [
    {
      id: 'organization',
      url: withQuery('organization', { $select: 'id,verifiedDomains' }),
      collection: true,
    },
    {
      // Stolen refresh tokens show only as non-interactive sign-ins, which only beta lists.
      id: 'signIns',
      version: 'beta',
      collection: true,
      cap: limits.signInCap,
      onRows: limits.onSignIns,
      url: withQuery('auditLogs/signIns', {
        $filter:
          `${signInScope(user, window)} and (signInEventTypes/any(t: t eq 'interactiveUser') ` +
          `or signInEventTypes/any(t: t eq 'nonInteractiveUser'))`,
        $select: [...SIGNIN_PROPERTIES, 'signInEventTypes'].join(','),
        $top: 1000,
      }),
    },
    {
      id: 'auditsByUser',
      collection: true,
      cap,
      url: withQuery('auditLogs/directoryAudits', {
        $filter: `activityDateTime ge ${since} and initiatedBy/user/id eq ${userLiteral}`,
        $top: 1000,
      }),
    },
    {
      id: 'auditsOfUser',
      collection: true,
      cap,
      url: withQuery('auditLogs/directoryAudits', {
        $filter: `activityDateTime ge ${since} and targetResources/any(t: t/id eq ${userLiteral})`,
        $top: 1000,
      }),
    },
    {
      id: 'riskDetections',
      collection: true,
      cap,
      url: withQuery('identityProtection/riskDetections', {
        $filter: `userId eq ${userLiteral} and activityDateTime ge ${since}`,
      }),
    },
    { id: 'authMethods', collection: true, url: `users/${id}/authentication/methods` },
    { id: 'inboxRules', collection: true, url: `users/${id}/mailFolders/inbox/messageRules` },
    {
      id: 'sentMessages',
      collection: true,
      cap,
      url: withQuery(`users/${id}/mailFolders/sentItems/messages`, {
        $filter: `sentDateTime ge ${dateTime(window.baselineStart)}`,
        $select: MESSAGE_SELECT,
        $top: 1000,
      }),
    },
    { id: 'ownedObjects', collection: true, url: `users/${id}/ownedObjects` },
    {
      id: 'grants',
      collection: true,
      url: withQuery('oauth2PermissionGrants', { $filter: `principalId eq ${userLiteral}` }),
    },
    { id: 'appRoleAssignments', collection: true, url: `users/${id}/appRoleAssignments` },
    { id: 'devices', collection: true, url: `users/${id}/registeredDevices` },
    { id: 'memberOf', collection: true, url: `users/${id}/memberOf` },
  ];
}

/** Builds the read of the v1.0 sign-in log, the fallback when beta fails. It lists interactive sign-ins only. */
export function interactiveSignInRead(
  user: Graph.User,
  window: InvestigationWindow,
  limits: ReadLimits,
): ReadRequest {
  return {
    id: 'signInsInteractive',
    collection: true,
    cap: limits.signInCap,
    onRows: limits.onSignIns,
    url: withQuery('auditLogs/signIns', {
      $filter: signInScope(user, window),
      $select: SIGNIN_PROPERTIES.join(','),
      $top: 1000,
    }),
  };
}

// Sign-ins filter on createdDateTime; the baseline before the window is read as well.
function signInScope(user: Graph.User, window: InvestigationWindow): string {
  return `userId eq ${literal(user.id ?? '')} and createdDateTime ge ${dateTime(window.baselineStart)}`;
}
