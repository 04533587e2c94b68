/**
 * Builds the view model for `templates/report.json` from a Report. Every text field is escaped
 * here and every optional field gets a fallback, so the template never shows `${...}`.
 */
import {
  SEVERITIES,
  type ActionKind,
  type ApprovalRequest,
  type Finding,
  type Remediation,
  type Report,
  type Severity,
} from '../services/domain';
import { escapeMarkdown, plainText } from './escape';
import {
  SEVERITY_NAMES,
  countBySeverity,
  describeCounts,
  formatEvidenceValue,
  formatUtc,
  plural,
} from './format';
import { buildCheckScopeAction } from './campaignCard';
import { describeRequestStatus } from './requestStatus';

/** Facts shown per finding; the rest are summarised in one more fact. */
export const MAX_FACTS_PER_FINDING = 12;

/** Request buttons in the card's own actions before the rest move into "More actions". */
export const PRIMARY_REQUEST_BUTTONS = 5;

const SEVERITY_COLORS: Record<Severity, string> = {
  high: 'attention',
  medium: 'warning',
  low: 'default',
  info: 'default',
};

export interface ReportViewOptions {
  reportId?: string;
  actionStates?: Record<string, ApprovalRequest>;
  /** Shows only the request buttons that fit and a line saying how many were left out. */
  truncateActions?: boolean;
  /** Users in the report's campaign scope; more than 0 adds the "Check these N users" button. */
  checkScope?: { userCount: number };
  /**
   * Marks an early report whose named sections are still being read. It has no buttons, because
   * its actions are not in the ledger until the full report replaces it.
   */
  partial?: { pendingSections: string[] };
  /** Why remediation is off in a read-only deployment; set, the card offers no request buttons. */
  readOnlyNote?: string;
}

interface ButtonView {
  /** What the action does to which object, shown beside the button. */
  description: string;
  /** Short button text that fits a phone screen next to the description. */
  title: string;
  actionId: string;
}

/**
 * Button texts per action kind, at most 19 characters, so that a button beside its description
 * is not cut on a 360 px phone screen; the description names the target.
 */
const BUTTON_TITLES: Record<ActionKind, string> = {
  'revoke-sessions': 'Revoke sessions',
  'disable-user': 'Disable user',
  'reset-password': 'Reset password',
  'remove-credential': 'Remove',
  'rotate-credential': 'Rotate',
  'remove-consent': 'Remove consent',
  'remove-app-role-assignment': 'Remove',
  'remove-federated-credential': 'Remove',
  'delete-inbox-rule': 'Delete rule',
  'remove-auth-method': 'Remove method',
  'disable-service-principal': 'Disable app',
  'confirm-compromised': 'Confirm compromised',
};

interface FactView {
  title: string;
  value: string;
}

/** Orders findings by severity (high first), then by time, oldest first. */
export function orderFindings(findings: readonly Finding[]): Finding[] {
  const rank = (severity: Severity): number => SEVERITIES.indexOf(severity);
  return [...findings].sort(
    (a, b) => rank(a.severity) - rank(b.severity) || a.at.localeCompare(b.at),
  );
}

function findingFacts(finding: Finding): FactView[] {
  const entries = Object.entries(finding.evidence);
  const facts = entries.slice(0, MAX_FACTS_PER_FINDING).map(([key, value]) => ({
    title: escapeMarkdown(key),
    value: escapeMarkdown(formatEvidenceValue(value)),
  }));
  const rest = entries.length - facts.length;
  if (rest > 0) {
    facts.push({
      title: 'More',
      value: escapeMarkdown(`${plural(rest, 'more field')} in the JSON export`),
    });
  }
  return facts;
}

function findingView(finding: Finding): object {
  const technique = finding.attack ? ` · ATT&CK ${finding.attack}` : '';
  const facts = findingFacts(finding);
  return {
    title: escapeMarkdown(finding.title.trim() || finding.kind),
    meta: escapeMarkdown(`${formatUtc(finding.at)}${technique}`),
    facts,
    hasFacts: facts.length > 0,
  };
}

function groupViews(shown: readonly Finding[], totals: Record<Severity, number>): object[] {
  return SEVERITIES.flatMap((severity) => {
    const findings = shown.filter((finding) => finding.severity === severity);
    if (findings.length === 0) return [];
    const count =
      findings.length < totals[severity]
        ? `${findings.length} of ${totals[severity]} shown`
        : plural(findings.length, 'finding');
    return [
      {
        heading: escapeMarkdown(`${SEVERITY_NAMES[severity]}: ${count}`),
        color: SEVERITY_COLORS[severity],
        findings: findings.map(findingView),
      },
    ];
  });
}

/**
 * Titles a request button. Several remediations can share a label ("Delete inbox rule"), so
 * the target's name is added when the label does not already contain it.
 */
function buttonTitle(remediation: Remediation): string {
  const name = remediation.target.displayName.trim();
  const addName = remediation.target.type !== 'user' && name && !remediation.label.includes(name);
  return plainText(addName ? `${remediation.label}: ${name}` : remediation.label);
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}

function actionViews(report: Report, options: ReportViewOptions) {
  const states = options.actionStates ?? {};
  const requestable = report.actions.filter((action) => states[action.id] === undefined);
  const buttons: ButtonView[] = requestable.map((action) => ({
    description: escapeMarkdown(buttonTitle(action)),
    title: BUTTON_TITLES[action.kind],
    actionId: action.id,
  }));

  const stateFacts = report.actions.flatMap((action) => {
    const request = states[action.id];
    if (request === undefined) return [];
    return [
      {
        title: escapeMarkdown(buttonTitle(action)),
        value: escapeMarkdown(describeRequestStatus(request)),
      },
    ];
  });

  // Six remediation rows read comfortably on a phone; past that, five and "More actions".
  const fitsInline = buttons.length <= PRIMARY_REQUEST_BUTTONS + 1;
  const primary = fitsInline ? buttons : buttons.slice(0, PRIMARY_REQUEST_BUTTONS);
  const overflow = fitsInline ? [] : buttons.slice(PRIMARY_REQUEST_BUTTONS);
  const truncated = options.truncateActions === true;
  const hidden = truncated ? overflow.length + stateFacts.length : 0;
  const where = options.reportId ? 'press Show full report' : 'run the check from the CLI';

  return {
    buttons: primary,
    hasButtons: primary.length > 0,
    overflow: truncated
      ? []
      : chunk(overflow, PRIMARY_REQUEST_BUTTONS).map((set) => ({ buttons: set })),
    hasOverflow: !truncated && overflow.length > 0,
    states: truncated ? [] : stateFacts,
    hasStates: !truncated && stateFacts.length > 0,
    hasTruncatedActions: hidden > 0,
    truncatedActionsText: escapeMarkdown(
      `${plural(hidden, 'more action')} did not fit on this card; ${where} to see them`,
    ),
  };
}

function sectionViews(report: Report): object {
  const unavailable = report.sections
    .filter((section) => section.status === 'unavailable')
    .map((section) => {
      const reason = section.reason?.trim() || 'no reason was recorded';
      const requestId = section.requestId ? ` (Graph request id ${section.requestId})` : '';
      return { line: escapeMarkdown(`${section.name}: ${reason}${requestId}`) };
    });
  const notCovered = report.sections
    .filter((section) => section.status === 'not-covered')
    .map((section) => section.name);

  return {
    hasUnavailable: unavailable.length > 0,
    unavailableHeading: escapeMarkdown(
      `${plural(unavailable.length, 'section')} could not be read, so this report is incomplete:`,
    ),
    unavailable,
    hasNotCovered: notCovered.length > 0,
    notCovered: escapeMarkdown(`Not covered by this check: ${notCovered.join(', ')}`),
    notes: report.notes.map((note) => ({ line: escapeMarkdown(note) })),
  };
}

/** Builds the report card view with the first `shownCount` of the `ordered` findings. */
export function buildReportView(
  report: Report,
  ordered: readonly Finding[],
  shownCount: number,
  options: ReportViewOptions,
): object {
  const shown = ordered.slice(0, shownCount);
  const totals = countBySeverity(ordered.map((finding) => finding.severity));
  const hiddenTotals = countBySeverity(
    ordered.slice(shownCount).map((finding) => finding.severity),
  );
  const hiddenCount = ordered.length - shown.length;
  const upn = report.user.userPrincipalName;
  const partial = options.partial;
  const reportId = partial === undefined ? (options.reportId ?? '') : '';
  const readOnlyNote = options.readOnlyNote?.trim() ?? '';
  const offersActions = partial === undefined && readOnlyNote === '';
  const actions = offersActions ? actionViews(report, options) : noActions();
  const scopeCount = options.checkScope?.userCount ?? 0;

  return {
    userName: escapeMarkdown(report.user.displayName.trim() || upn),
    upn: escapeMarkdown(upn),
    window: escapeMarkdown(`${formatUtc(report.since)} to ${formatUtc(report.until)}`),
    verdict: escapeMarkdown(report.verdict.trim() || 'No verdict was recorded'),
    verdictColor: totals.high > 0 ? 'attention' : 'default',
    summary: escapeMarkdown(`${plural(ordered.length, 'finding')}: ${describeCounts(totals)}`),
    ...sectionViews(report),
    groups: groupViews(shown, totals),
    hasMore: hiddenCount > 0 || actions.hasTruncatedActions,
    hasHidden: hiddenCount > 0,
    hiddenText: escapeMarkdown(
      `and ${plural(hiddenCount, 'more finding')} (${describeCounts(hiddenTotals)})`,
    ),
    cliHint: escapeMarkdown(`firebreak check ${upn} --since ${report.since} --json`),
    canShowAll: reportId !== '',
    reportId,
    hasTools: reportId !== '',
    hasCheckScope: reportId !== '' && scopeCount > 0,
    checkScopeTitle: String(buildCheckScopeAction(reportId, scopeCount).title),
    isReadOnly: readOnlyNote !== '' && report.actions.length > 0,
    readOnlyText: escapeMarkdown(readOnlyNote),
    isPartial: partial !== undefined,
    partialText: escapeMarkdown(partialNotice(partial?.pendingSections ?? [])),
    ...actions,
  };
}

function partialNotice(pending: readonly string[]): string {
  const sections = pending.length > 0 ? pending.join(', ') : 'some sections';
  return `Early report: ${sections} still being read. This card is replaced when they are done.`;
}

/** The action part of the view for a card that offers no buttons. */
function noActions(): ReturnType<typeof actionViews> {
  return {
    buttons: [],
    hasButtons: false,
    overflow: [],
    hasOverflow: false,
    states: [],
    hasStates: false,
    hasTruncatedActions: false,
    truncatedActionsText: '',
  };
}
