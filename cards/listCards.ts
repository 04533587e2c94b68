/**
 * List cards for the `pending` and `audit <user>` commands. Both show the newest entries, as
 * many as stay readable on a phone, and end with the number of entries left out.
 */
import type { ApprovalRequest } from '../services/domain';
import { escapeMarkdown } from './escape';
import { formatUtc, plural } from './format';
import { describeRequestStatus } from './requestStatus';
import { compileTemplate, expandCard, type CardJson } from './template';
import auditListTemplate from './templates/auditList.json';
import pendingListTemplate from './templates/pendingList.json';

const templates = {
  pending: compileTemplate(pendingListTemplate),
  audit: compileTemplate(auditListTemplate),
};

/** Maximum entries shown on one list card. */
export const MAX_LIST_ENTRIES = 25;

/** One line of the audit trail, as the audit service hands it to the card. */
export interface AuditListEntry {
  /** ISO 8601 in UTC. */
  at: string;
  /** Name of the actor, e.g. "Sam Responder" or "Firebreak". */
  actor: string;
  /** Event summary, e.g. "Requested: Revoke sessions". */
  event: string;
  detail?: string;
}

function newestFirst<T>(items: readonly T[], time: (item: T) => string): T[] {
  return [...items].sort((a, b) => time(b).localeCompare(time(a)));
}

function moreText(hidden: number, noun: string, pluralNoun: string): string {
  return escapeMarkdown(`and ${plural(hidden, `more ${noun}`, `more ${pluralNoun}`)}`);
}

/** Builds the card listing approval requests that wait for a decision, newest first. */
export function buildPendingListCard(requests: readonly ApprovalRequest[]): CardJson {
  const ordered = newestFirst(requests, (request) => request.requestedAt);
  const shown = ordered.slice(0, MAX_LIST_ENTRIES);
  const heading =
    requests.length === 0
      ? 'No remediation requests are waiting for approval.'
      : `${plural(requests.length, 'remediation request')} waiting for approval`;

  return expandCard(templates.pending, {
    heading: escapeMarkdown(heading),
    requests: shown.map((request) => ({
      title: escapeMarkdown(`${request.action.label}: ${request.action.target.displayName}`),
      facts: [
        ['User', `${request.subject.displayName} (${request.subject.userPrincipalName})`],
        ['Status', describeRequestStatus(request)],
        ['Requested at', formatUtc(request.requestedAt)],
        ['Expires at', formatUtc(request.expiresAt)],
      ].map(([title, value]) => ({ title, value: escapeMarkdown(value) })),
    })),
    hasMore: ordered.length > shown.length,
    moreText: moreText(ordered.length - shown.length, 'request', 'requests'),
  });
}

/** Builds the card listing what Firebreak did for `upn`, newest first. */
export function buildAuditListCard(upn: string, entries: readonly AuditListEntry[]): CardJson {
  const ordered = newestFirst(entries, (entry) => entry.at);
  const shown = ordered.slice(0, MAX_LIST_ENTRIES);
  const heading =
    entries.length === 0
      ? `Firebreak has no audit entries for ${upn}.`
      : `Audit trail for ${upn}: ${plural(entries.length, 'entry', 'entries')}`;

  return expandCard(templates.audit, {
    heading: escapeMarkdown(heading),
    entries: shown.map((entry) => {
      const detail = entry.detail?.trim() ?? '';
      return {
        title: escapeMarkdown(entry.event || 'Unnamed event'),
        meta: escapeMarkdown(`${formatUtc(entry.at)} by ${entry.actor || 'an unrecorded actor'}`),
        hasDetail: detail !== '',
        detail: escapeMarkdown(detail),
      };
    }),
    hasMore: ordered.length > shown.length,
    moreText: moreText(ordered.length - shown.length, 'entry', 'entries'),
  });
}
