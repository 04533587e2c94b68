/**
 * Turns domain values into the plain text shown on cards. Every result is plain text that
 * still needs `escapeMarkdown` before it goes into a TextBlock or FactSet.
 */
import { SEVERITIES, type EvidenceValue, type Severity } from '../services/domain';
import { truncateText } from './escape';

/** Evidence strings longer than this are cut on the card; JSON export keeps the full value. */
export const EVIDENCE_MAX_CHARS = 200;

export const SEVERITY_NAMES: Record<Severity, string> = {
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** Formats an ISO 8601 instant as "2026-03-02 09:14 UTC"; returns other text unchanged. */
export function formatUtc(iso: string | undefined): string {
  if (iso === undefined || iso.trim() === '') return 'unknown time';
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return `${instant.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Formats one evidence value: arrays joined with ", ", long strings cut with "…". */
export function formatEvidenceValue(value: EvidenceValue | undefined): string {
  if (value === null || value === undefined) return 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return String(value);

  const text = Array.isArray(value) ? value.join(', ') : value;
  if (text === '') return Array.isArray(value) ? 'none' : '(empty)';
  // A rule named " " looks blank in mail clients, so the card counts the whitespace instead.
  if (text.trim() === '') return `(${plural(Array.from(text).length, 'whitespace character')})`;
  return truncateText(text, EVIDENCE_MAX_CHARS);
}

/** Counts findings by severity, in the order high, medium, low, info. */
export function countBySeverity(severities: Iterable<Severity>): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const severity of severities) counts[severity] += 1;
  return counts;
}

/** Describes counts as "3 high, 1 medium", leaving out severities with no findings. */
export function describeCounts(counts: Record<Severity, number>): string {
  const parts = SEVERITIES.filter((severity) => counts[severity] > 0).map(
    (severity) => `${counts[severity].toLocaleString('en-US')} ${severity}`,
  );
  return parts.length > 0 ? parts.join(', ') : 'no findings';
}

/** Returns "1 finding" or "12 findings"; pass `pluralNoun` for nouns such as "entry". */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? noun : pluralNoun}`;
}
