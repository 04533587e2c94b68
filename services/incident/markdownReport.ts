/**
 * The incident report as Markdown for a ticket. Every value from Graph or the ledger goes
 * through `escapeMarkdownText`, because an app named `[Review](https://example.invalid)` or a
 * rule named `| x |` would otherwise become a link or break a table in the ticket system.
 */
import { SEVERITIES, type ApprovalRequest, type EvidenceValue, type Finding } from '../domain';
import type { IncidentReportInput } from './incidentReport';
import type { TimelineEntry } from './timeline';

/** Markdown punctuation that can start or end formatting, links, HTML or table cells. */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()<>#+\-!|~$&]/g;
/** `.` before a letter (domains) and `:` before `/` (schemes) would be autolinked. */
const LINK_PUNCTUATION = /\.(?=[\p{L}\p{N}])|:(?=\/)/gu;

/** Flattens the text to one line and backslash-escapes Markdown punctuation. */
export function escapeMarkdownText(value: string): string {
  return value
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/[\u0000-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(MARKDOWN_PUNCTUATION, (character) => `\\${character}`)
    .replace(LINK_PUNCTUATION, (character) => `\\${character}`);
}

function text(value: EvidenceValue | undefined): string {
  if (value === null || value === undefined) return '';
  return escapeMarkdownText(Array.isArray(value) ? value.join(', ') : String(value));
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

/** Renders the report: summary, timeline, findings, actions, coverage and notes. */
export function renderMarkdown(input: IncidentReportInput): string {
  const { report } = input;
  const user = report.user;
  return [
    `# Incident report: ${text(user.displayName)} (${text(user.userPrincipalName)})`,
    '',
    ...summary(input),
    '',
    '## Timeline',
    '',
    ...timeline(input.timeline),
    '',
    '## Findings',
    '',
    ...findings(report.findings),
    '## Actions',
    '',
    ...actions(input.requests),
    '',
    '## Coverage',
    '',
    ...report.sections.map(
      (section) =>
        `- ${text(section.name)}: ${section.status}` +
        (section.reason ? ` (${text(section.reason)})` : '') +
        (section.requestId ? `, request id ${text(section.requestId)}` : ''),
    ),
    ...report.notes.map((note) => `- Note: ${text(note)}`),
    '',
  ].join('\n');
}

function summary(input: IncidentReportInput): string[] {
  const { report } = input;
  const counts = SEVERITIES.map(
    (severity) => `${report.findings.filter((f) => f.severity === severity).length} ${severity}`,
  );
  const unavailable = report.sections.filter((section) => section.status === 'unavailable');
  return [
    '## Summary',
    '',
    `- User: ${text(report.user.userPrincipalName)}, object id ${text(report.user.id)}`,
    `- Window: ${report.since} to ${report.until} (UTC)`,
    `- Verdict: ${text(report.verdict)}`,
    `- Findings: ${counts.join(', ')}`,
    `- Remediation requests: ${input.requests.length}`,
    `- Unavailable sections: ${unavailable.map((s) => text(s.name)).join(', ') || 'none'}`,
    `- Generated: ${input.generatedAt}`,
  ];
}

function timeline(entries: readonly TimelineEntry[]): string[] {
  if (entries.length === 0) return ['No events in the window.'];
  return [
    row(['Time (UTC)', 'Source', 'Event', 'Severity']),
    row(['---', '---', '---', '---']),
    ...entries.map((entry) =>
      row([
        entry.timeKnown ? entry.at : `${entry.at} (time unknown, end of window)`,
        entry.source,
        text(entry.title),
        entry.severity ?? '',
      ]),
    ),
  ];
}

function findings(list: readonly Finding[]): string[] {
  if (list.length === 0) return ['No findings in the sections checked.', ''];
  return list.flatMap((finding) => [
    `### ${finding.severity.toUpperCase()}: ${text(finding.title)}`,
    '',
    `- Kind: ${finding.kind}${finding.attack ? `, ATT&CK ${finding.attack}` : ''}`,
    `- At: ${finding.at}`,
    ...Object.entries(finding.evidence).map(([key, value]) => `- ${text(key)}: ${text(value)}`),
    '',
  ]);
}

function actions(requests: readonly ApprovalRequest[]): string[] {
  if (requests.length === 0) return ['No remediation was requested through Firebreak.'];
  return [
    row(['Action', 'Target', 'Requested by', 'Decided by', 'Status', 'Verified', 'Result']),
    row(['---', '---', '---', '---', '---', '---', '---']),
    ...requests.map((request) =>
      row([
        text(request.action.label),
        text(`${request.action.target.type} ${request.action.target.displayName}`),
        `${text(request.requestedBy.name)}, ${request.requestedAt}`,
        request.decidedBy ? `${text(request.decidedBy.name)}, ${request.decidedAt ?? ''}` : '',
        request.status,
        verification(request),
        text(request.result ?? request.rejectReason ?? ''),
      ]),
    ),
  ];
}

function verification(request: ApprovalRequest): string {
  if (request.verified === undefined) return 'not yet';
  return request.verified ? 'yes' : 'no';
}
