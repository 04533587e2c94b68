/**
 * The one-line verdict at the top of a report. It never reads as "clean" while a section is
 * unavailable, because an unread section can hide exactly what the responder looks for.
 */
import { type Finding, type Section, SEVERITIES, type Severity } from '../domain';

/**
 * Returns the verdict, e.g.
 * "Compromise likely: 9 high, 4 medium findings; 2 sections unavailable, report incomplete".
 */
export function buildVerdict(findings: readonly Finding[], sections: readonly Section[]): string {
  const counts = countBySeverity(findings);
  const unavailable = sections.filter((section) => section.status === 'unavailable').length;
  const noun = unavailable === 1 ? 'section' : 'sections';
  const suffix = unavailable === 0 ? '' : `; ${unavailable} ${noun} unavailable, report incomplete`;
  return `${headline(counts)}${suffix}`;
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { high: 0, medium: 0, low: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

function headline(counts: Record<Severity, number>): string {
  // Info findings (password changes) belong in the timeline but are no sign of compromise.
  const listed = SEVERITIES.filter((severity) => severity !== 'info' && counts[severity] > 0);
  if (listed.length === 0) return 'No sign of compromise in the sections checked';
  const total = listed.reduce((sum, severity) => sum + counts[severity], 0);
  const parts = listed.map((severity) => `${counts[severity]} ${severity}`).join(', ');
  const noun = total === 1 ? 'finding' : 'findings';
  const lead =
    counts.high > 0
      ? 'Compromise likely'
      : counts.medium > 0
        ? 'Possible compromise'
        : 'Activity to review';
  return `${lead}: ${parts} ${noun}`;
}
