/**
 * Sections the report marks as not covered: places an attacker uses that Microsoft Graph
 * does not show. Listing them keeps an empty inbox-rule section from reading as "no forwarding".
 */
import type { Section } from '../domain';
import type { InvestigationData } from './data';

const ALWAYS_NOT_COVERED: readonly Section[] = [
  {
    name: 'mailbox forwarding',
    status: 'not-covered',
    reason:
      'Mailbox-level SMTP forwarding (ForwardingSmtpAddress) is an Exchange Online ' +
      'setting that Microsoft Graph does not return. Check it with Get-Mailbox in ' +
      'Exchange Online PowerShell.',
  },
  {
    name: 'transport rules',
    status: 'not-covered',
    reason:
      'Exchange Online transport (mail flow) rules are not in Microsoft Graph. Review ' +
      'them in the Exchange admin center.',
  },
  {
    name: 'OAuth activity in other clouds',
    status: 'not-covered',
    reason:
      'What a consented app does with its tokens outside Microsoft 365 is in no ' +
      "Microsoft Graph log. Review the app publisher's own logs.",
  },
];

/** Returns the not-covered sections for this data, the fixed ones first. */
export function notCoveredSections(data: InvestigationData): Section[] {
  const sections = [...ALWAYS_NOT_COVERED];
  if (onlyInteractiveSignIns(data)) {
    sections.push({
      name: 'non-interactive sign-ins',
      status: 'not-covered',
      reason:
        'Only interactive sign-ins were read (Graph v1.0), so refresh-token use by an ' +
        'attacker, which shows as non-interactive sign-ins, is not in this report. Check ' +
        'the non-interactive sign-in log in the Entra admin center.',
    });
  }
  return sections;
}

/**
 * Returns true when the sign-ins came from v1.0, which lists interactive sign-ins only. The
 * beta log sets `signInEventTypes` on every row and v1.0 on none, so rows without it tell.
 */
function onlyInteractiveSignIns(data: InvestigationData): boolean {
  // NOTE: an empty read cannot tell the two logs apart, so no section is added for it.
  if (!data.signIns.ok || data.signIns.items.length === 0) return false;
  return data.signIns.items.every((row) => !Array.isArray(row.signInEventTypes));
}
