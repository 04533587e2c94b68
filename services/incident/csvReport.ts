/**
 * The incident report as CSV, one row per finding, quoted as RFC 4180 requires. Attacker-chosen
 * names (rules, apps, mail subjects) end up in cells, and a spreadsheet runs a cell that starts
 * with `=`, `+`, `-` or `@` as a formula, so such cells get a leading apostrophe.
 */
import type { EvidenceValue } from '../domain';
import type { IncidentReportInput } from './incidentReport';

const HEADER = [
  'user',
  'userPrincipalName',
  'severity',
  'kind',
  'at',
  'title',
  'attack',
  'evidence',
  'actions',
];

/**
 * Characters that make a spreadsheet read a cell as a formula. Tab and carriage return are
 * included because some spreadsheets skip them before looking for `=`.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Renders one header row and one row per finding, lines ended by CRLF. */
export function renderCsv(input: IncidentReportInput): string {
  const { report } = input;
  const rows = report.findings.map((finding) => [
    report.user.displayName,
    report.user.userPrincipalName,
    finding.severity,
    finding.kind,
    finding.at,
    finding.title,
    finding.attack ?? '',
    Object.entries(finding.evidence)
      .map(([key, value]) => `${key}=${evidenceText(value)}`)
      .join('; '),
    finding.actions.join(' '),
  ]);
  return [HEADER, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

function evidenceText(value: EvidenceValue): string {
  if (value === null) return '';
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Neutralises a formula, then quotes the cell when it contains a comma, quote or line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
