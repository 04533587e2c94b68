import type { Report } from '../services/domain';
import { SEVERITIES } from '../services/domain';

/** Formats the report as plain text for a terminal: header, sections, findings, actions. */
export function formatReport(report: Report): string {
  const lines: string[] = [];
  lines.push(`${report.user.displayName} <${report.user.userPrincipalName}> (${report.user.id})`);
  lines.push(`Window: ${report.since} .. ${report.until}`);
  lines.push(`Verdict: ${report.verdict}`);
  lines.push('');

  const unavailable = report.sections.filter((s) => s.status === 'unavailable');
  if (unavailable.length > 0) {
    lines.push('UNAVAILABLE SECTIONS (not checked, so absence of findings there means nothing):');
    for (const section of unavailable) {
      const requestId = section.requestId ? ` [request id ${section.requestId}]` : '';
      lines.push(`  - ${section.name}: ${section.reason ?? 'unknown reason'}${requestId}`);
    }
    lines.push('');
  }

  for (const severity of SEVERITIES) {
    const findings = report.findings.filter((f) => f.severity === severity);
    if (findings.length === 0) continue;
    lines.push(`${severity.toUpperCase()} (${findings.length})`);
    for (const finding of findings) {
      const attack = finding.attack ? ` [${finding.attack}]` : '';
      lines.push(`  ${finding.at}  ${finding.kind}  ${finding.title}${attack}`);
      for (const [key, value] of Object.entries(finding.evidence)) {
        lines.push(`      ${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`);
      }
    }
    lines.push('');
  }

  if (report.actions.length > 0) {
    lines.push('REMEDIATIONS OFFERED');
    for (const action of report.actions) {
      const target = action.target;
      const parent = target.parent ? ` on ${target.parent.type} ${target.parent.displayName} (${target.parent.id})` : '';
      lines.push(`  ${action.id}  ${action.label}: ${target.type} ${target.displayName} (${target.id})${parent}`);
    }
    lines.push('');
  }

  const checked = report.sections.filter((s) => s.status === 'checked').map((s) => s.name);
  const notCovered = report.sections.filter((s) => s.status === 'not-covered');
  lines.push(`Checked: ${checked.join(', ') || 'nothing'}`);
  for (const section of notCovered) lines.push(`Not covered: ${section.name}: ${section.reason ?? ''}`);
  for (const note of report.notes) lines.push(`Note: ${note}`);
  return lines.join('\n');
}
