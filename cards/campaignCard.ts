/**
 * The campaign summary card: one block per colleague the attacker reached, with the verdict
 * of their check, finding counts, why they are in scope and the command that checks them
 * alone. `buildCheckScopeAction` is the report card's "Check these N users" button.
 */
import type { CampaignReason } from '../services/incident/campaign';
import type { CampaignRow, CampaignSummary } from '../services/incident/campaignSummary';
import { escapeMarkdown, plainText } from './escape';
import { describeCounts, formatUtc, plural } from './format';
import { compileTemplate, expandCard, type CardJson } from './template';
import campaignTemplate from './templates/campaign.json';
import { CARD_BYTE_LIMIT, cardByteLength } from './validate';

/** Members shown at most; the rest are counted, and the CLI lists them all. */
export const MAX_CAMPAIGN_ROWS = 20;

export const CHECK_SCOPE_VERB = 'firebreak.checkScope';

const template = compileTemplate(campaignTemplate);

const REASON_TEXT: Record<CampaignReason, string> = {
  'mail-recipient': 'received mail from the account',
  'attacker-ip-sign-in': "signed in from the attacker's address",
  'attacker-ip-failed': "failed sign-ins from the attacker's address",
};

/**
 * Returns the `Action.Execute` that requests the bot to check every member of the report's
 * campaign scope. The data carries only the report id; the bot rebuilds the scope itself.
 */
export function buildCheckScopeAction(reportId: string, userCount: number): CardJson {
  return {
    type: 'Action.Execute',
    title: plainText(`Check these ${plural(userCount, 'user')}`),
    verb: CHECK_SCOPE_VERB,
    data: { reportId },
  };
}

/** Builds the summary card, most affected members first, within the Teams size limit. */
export function buildCampaignCard(summary: CampaignSummary): CardJson {
  const ordered = [...summary.rows].sort(
    (a, b) => Number(b.compromised) - Number(a.compromised) || b.counts.high - a.counts.high,
  );
  for (let count = Math.min(ordered.length, MAX_CAMPAIGN_ROWS); count >= 0; count -= 1) {
    const card = render(summary, ordered, count);
    if (cardByteLength(card) <= CARD_BYTE_LIMIT || count === 0) return card;
  }
  return render(summary, ordered, 0);
}

function render(summary: CampaignSummary, ordered: CampaignRow[], count: number): CardJson {
  const compromised = ordered.filter((row) => row.compromised).length;
  const warnings = [
    ...summary.unavailable.map((reason) => `Not read: ${reason}`),
    ...(summary.unresolvedRecipients.length > 0
      ? [`Recipients that matched no user: ${summary.unresolvedRecipients.join(', ')}`]
      : []),
  ];
  const hidden = ordered.length - count;
  return expandCard(template, {
    heading: escapeMarkdown(
      `Campaign from ${summary.subject.userPrincipalName}: ` +
        `${plural(ordered.length, 'user')} in scope, ${compromised} likely compromised`,
    ),
    scopeText: escapeMarkdown(
      `Window ${formatUtc(summary.since)} to ${formatUtc(summary.until)}; attacker addresses: ` +
        (summary.attackerIps.join(', ') || 'none found'),
    ),
    hasWarning: warnings.length > 0,
    warningText: escapeMarkdown(warnings.join('. ')),
    rows: ordered.slice(0, count).map(rowView),
    isEmpty: ordered.length === 0,
    hasMore: hidden > 0,
    moreText: escapeMarkdown(`and ${plural(hidden, 'more user')}; the CLI lists every one`),
  });
}

function rowView(row: CampaignRow): object {
  const name = `${row.user.displayName} (${row.user.userPrincipalName})`;
  const facts = [
    ['Verdict', row.verdict],
    ['Findings', describeCounts(row.counts)],
    ['In scope because', row.reasons.map((reason) => REASON_TEXT[reason]).join('; ')],
    ['Check alone', row.checkCommand],
  ];
  if (row.unavailableSections > 0) {
    facts.push(['Unavailable', plural(row.unavailableSections, 'section')]);
  }
  return {
    name: escapeMarkdown(name),
    color: rowColor(row),
    facts: facts.map(([title, value]) => ({ title, value: escapeMarkdown(value) })),
  };
}

function rowColor(row: CampaignRow): string {
  if (row.compromised) return 'Attention';
  if (row.checkFailed) return 'Warning';
  return 'Default';
}
