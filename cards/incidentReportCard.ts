/**
 * The incident report's Markdown as a card: one monospace line per Markdown line, escaped so
 * that Teams shows the Markdown source a responder pastes into a ticket rather than rendering
 * it. A report too large for one card is cut, with the CLI command that prints all of it.
 */
import { escapeMarkdown } from './escape';
import { plural } from './format';
import { compileTemplate, expandCard, type CardJson } from './template';
import incidentReportTemplate from './templates/incidentReport.json';
import { CARD_BYTE_LIMIT, cardByteLength } from './validate';

const template = compileTemplate(incidentReportTemplate);

export interface IncidentReportCardInput {
  userPrincipalName: string;
  /** ISO 8601 start of the report's window, for the CLI command. */
  since: string;
  markdown: string;
}

/** Builds the card with as many leading lines of the Markdown as fit under the size limit. */
export function buildIncidentReportCard(input: IncidentReportCardInput): CardJson {
  const lines = input.markdown.replace(/\s+$/, '').split('\n');
  const full = render(input, lines, lines.length);
  if (cardByteLength(full) <= CARD_BYTE_LIMIT) return full;

  // Binary search, because line lengths vary from a heading to a long evidence table row.
  let best = render(input, lines, 0);
  let low = 1;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = Math.floor((low + high) / 2);
    const card = render(input, lines, middle);
    if (cardByteLength(card) <= CARD_BYTE_LIMIT) {
      best = card;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return best;
}

function render(input: IncidentReportCardInput, lines: string[], shown: number): CardJson {
  const left = lines.length - shown;
  return expandCard(template, {
    heading: escapeMarkdown(`Incident report: ${input.userPrincipalName}`),
    // A blank TextBlock collapses, so empty lines keep their height with a no-break space.
    lines: lines.slice(0, shown).map((line) => ({ text: escapeMarkdown(line) || '\u00A0' })),
    isCut: left > 0,
    cutText: escapeMarkdown(
      `${plural(left, 'more line')} did not fit on this card; run this to get the whole report:`,
    ),
    cliHint: escapeMarkdown(
      `firebreak report ${input.userPrincipalName} --since ${input.since} --format md`,
    ),
  });
}
