/**
 * Joins a campaign scope with the checks of its members into the summary the campaign card
 * and the CLI show: one row per member with the verdict, the finding counts and why the member
 * is in scope.
 */
import type { ReportUser, Severity } from '../domain';
import type { CampaignReason, CampaignScope } from './campaign';
import { isLikelyCompromised, severityCounts, type UserCheck } from './checkMany';

export interface CampaignRow {
  user: ReportUser;
  reasons: CampaignReason[];
  /** The report's verdict, or what failed when the check could not run. */
  verdict: string;
  compromised: boolean;
  counts: Record<Severity, number>;
  unavailableSections: number;
  checkFailed: boolean;
  /** The chat command that checks this member alone over the same window. */
  checkCommand: string;
}

export interface CampaignSummary {
  subject: ReportUser;
  since: string;
  until: string;
  attackerIps: string[];
  rows: CampaignRow[];
  unresolvedRecipients: string[];
  /** Reads of the scope that failed, so members may be missing. */
  unavailable: string[];
}

/** Returns the users `checkMany` should check for the scope: object ids, in member order. */
export function scopeUsers(scope: CampaignScope): string[] {
  return scope.members.map((member) => member.user.id || member.user.userPrincipalName);
}

/** Builds the summary; `checks` are the results of `checkMany(reader, scopeUsers(scope), ...)`. */
export function summarizeCampaign(
  scope: CampaignScope,
  checks: readonly UserCheck[],
): CampaignSummary {
  const byUser = new Map(checks.map((check) => [check.user.toLowerCase(), check]));
  const rows = scope.members.map((member): CampaignRow => {
    const key = (member.user.id || member.user.userPrincipalName).toLowerCase();
    const check = byUser.get(key);
    const command = `check ${member.user.userPrincipalName || member.user.id} since ${scope.since}`;
    const base = { user: member.user, reasons: member.reasons, checkCommand: command };
    if (check === undefined || !check.ok) {
      return {
        ...base,
        verdict: check === undefined ? 'Not checked' : `Check failed: ${check.error.userMessage}`,
        compromised: false,
        counts: { high: 0, medium: 0, low: 0, info: 0 },
        unavailableSections: 0,
        checkFailed: true,
      };
    }
    return {
      ...base,
      verdict: check.report.verdict,
      compromised: isLikelyCompromised(check.report),
      counts: severityCounts(check.report),
      unavailableSections: check.report.sections.filter((s) => s.status === 'unavailable').length,
      checkFailed: false,
    };
  });
  return {
    subject: scope.subject,
    since: scope.since,
    until: scope.until,
    attackerIps: scope.attackerIps,
    rows,
    unresolvedRecipients: scope.unresolvedRecipients,
    unavailable: scope.unavailable,
  };
}
