/**
 * The investigation report card. It shows as many findings as fit under the Teams message
 * size limit, most severe first, and keeps every remediation reachable from the card.
 */
import type { ApprovalRequest, Finding, Report } from '../services/domain';
import { buildReportView, orderFindings, type ReportViewOptions } from './reportView';
import { compileTemplate, expandCard, type CardJson } from './template';
import reportTemplate from './templates/report.json';
import { CARD_BYTE_LIMIT, cardByteLength } from './validate';

/** Findings shown at most, even when more would fit, so the card stays readable on a phone. */
export const MAX_SHOWN_FINDINGS = 20;

const template = compileTemplate(reportTemplate);

export interface ReportCardOptions {
  /** Id of the stored report; without it the card has no "Show full report" or incident buttons. */
  reportId?: string;
  /** Approval requests by remediation id; these show their state instead of a button. */
  actionStates?: Record<string, ApprovalRequest>;
  /** Users in the campaign scope; more than 0 adds the "Check these N users" button. */
  checkScope?: { userCount: number };
  /** Marks an early report with the sections still being read; it has no buttons. */
  partial?: { pendingSections: string[] };
  /** Why remediation is off in a read-only deployment; set, the card offers no request buttons. */
  readOnlyNote?: string;
}

function render(
  report: Report,
  ordered: readonly Finding[],
  shownCount: number,
  options: ReportViewOptions,
): CardJson {
  return expandCard(template, buildReportView(report, ordered, shownCount, options));
}

function fits(card: CardJson): boolean {
  return cardByteLength(card) <= CARD_BYTE_LIMIT;
}

/**
 * Finds the largest number of findings in `0..maxCount` whose card fits, by binary search,
 * because the size of a finding depends on its evidence. Returns undefined if none fits.
 */
function largestFittingCard(
  report: Report,
  ordered: readonly Finding[],
  maxCount: number,
  options: ReportViewOptions,
): CardJson | undefined {
  let best: CardJson | undefined;
  let low = 0;
  let high = maxCount;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const card = render(report, ordered, middle, options);
    if (fits(card)) {
      best = card;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return best;
}

/** Builds the report card for `report`, at most `CARD_BYTE_LIMIT` bytes as JSON. */
export function buildReportCard(report: Report, options?: ReportCardOptions): CardJson {
  const ordered = orderFindings(report.findings);
  const maxCount = Math.min(ordered.length, MAX_SHOWN_FINDINGS);
  const viewOptions: ReportViewOptions = { ...options };

  const full = render(report, ordered, maxCount, viewOptions);
  if (fits(full)) return full;

  const fitted = largestFittingCard(report, ordered, maxCount - 1, viewOptions);
  if (fitted !== undefined) return fitted;

  // NOTE: only about 150 or more remediations, or very long section reasons, get here. The card
  // then keeps the first five request buttons, and the others are reached through "Show full
  // report" (verb firebreak.showAll) or the CLI, which the bot layer must serve.
  const truncated = { ...viewOptions, truncateActions: true };
  return (
    largestFittingCard(report, ordered, maxCount, truncated) ??
    render(report, ordered, 0, truncated)
  );
}
