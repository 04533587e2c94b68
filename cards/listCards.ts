/**
 * List cards for the `pending` and `audit <user>` commands. Both show the newest entries, as
 * many as stay readable on a phone, and end with the number of entries left out.
 */
import type { ApprovalRequest, Report } from '../services/domain';
import { escapeMarkdown, truncateText } from './escape';
import { SEVERITY_NAMES, formatEvidenceValue, formatUtc, plural } from './format';
import { orderFindings } from './reportView';
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

/** Findings per page of the full findings list; 20 with their evidence stay under the size limit. */
export const FINDINGS_PER_PAGE = 20;

/** Characters of evidence shown per finding on the full list; the JSON export has the rest. */
const FINDING_DETAIL_CHARS = 600;

/**
 * Builds page `page` (from 1) of every finding of a stored report, most severe first, with a
 * button to the next page and the CLI command that prints the whole report as JSON.
 */
export function buildFindingsPageCard(report: Report, reportId: string, page: number): CardJson {
  const ordered = orderFindings(report.findings);
  const pages = Math.max(1, Math.ceil(ordered.length / FINDINGS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.floor(page)), pages);
  const shown = ordered.slice((current - 1) * FINDINGS_PER_PAGE, current * FINDINGS_PER_PAGE);
  const upn = report.user.userPrincipalName;

  const card = expandCard(templates.audit, {
    heading: escapeMarkdown(
      `All ${plural(ordered.length, 'finding')} for ${upn}, page ${current} of ${pages}`,
    ),
    entries: shown.map((finding) => {
      const evidence = Object.entries(finding.evidence)
        .map(([key, value]) => `${key}: ${formatEvidenceValue(value)}`)
        .join('; ');
      const technique = finding.attack ? ` · ATT&CK ${finding.attack}` : '';
      return {
        title: escapeMarkdown(
          `${SEVERITY_NAMES[finding.severity]}: ${finding.title.trim() || finding.kind}`,
        ),
        meta: escapeMarkdown(`${formatUtc(finding.at)}${technique}`),
        hasDetail: evidence !== '',
        detail: escapeMarkdown(truncateText(evidence, FINDING_DETAIL_CHARS)),
      };
    }),
    hasMore: true,
    moreText: escapeMarkdown(
      `Whole report as JSON: firebreak check ${upn} --since ${report.since} --json`,
    ),
  });
  if (current >= pages) return card;
  return {
    ...card,
    actions: [
      {
        type: 'Action.Execute',
        title: `Next page (${current + 1} of ${pages})`,
        verb: 'firebreak.showAll',
        data: { reportId, page: current + 1 },
      },
    ],
  };
}
