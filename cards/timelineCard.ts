/**
 * The incident timeline as a card, one page at a time. "Earlier" and "Later" send
 * `Action.Execute` with verb `firebreak.timeline` and `{ reportId, page }`. The ledger stores the
 * report but not the Graph data, so the bot rebuilds the timeline by reading the stored report's
 * user and window again with `gatherIncident`, then replies with the requested page.
 */
import type { EvidenceValue, Severity } from '../services/domain';
import type { TimelineEntry } from '../services/incident/timeline';
import { escapeMarkdown } from './escape';
import { SEVERITY_NAMES, formatEvidenceValue, formatUtc, plural } from './format';
import { compileTemplate, expandCard, type CardJson } from './template';
import timelineTemplate from './templates/timeline.json';
import { CARD_BYTE_LIMIT, cardByteLength } from './validate';

export const DEFAULT_TIMELINE_PAGE_SIZE = 10;
/** Entries per page at most, so that a page stays readable on a phone. */
export const MAX_TIMELINE_PAGE_SIZE = 25;
/** Facts shown per entry; the JSON export and the CLI keep them all. */
export const MAX_FACTS_PER_ENTRY = 6;

const template = compileTemplate(timelineTemplate);

const SEVERITY_COLORS: Record<Severity, string> = {
  high: 'Attention',
  medium: 'Warning',
  low: 'Default',
  info: 'Default',
};

export interface TimelinePageOptions {
  /** Page number from 1; a page past the end shows the last page. */
  page: number;
  pageSize?: number;
  /** Id of the stored report, carried by the paging buttons. */
  reportId: string;
  /** Heading, e.g. "Timeline of alex.doe@contoso.com"; plain text, escaped here. */
  heading?: string;
}

/** Returns the number of pages `count` entries fill; an empty timeline has one page. */
export function timelinePageCount(count: number, pageSize = DEFAULT_TIMELINE_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(count / pageSize));
}

/** Builds one page of the timeline; facts are dropped if a page would exceed the size limit. */
export function buildTimelineCard(
  entries: readonly TimelineEntry[],
  options: TimelinePageOptions,
): CardJson {
  const pageSize = Math.min(
    Math.max(1, Math.floor(options.pageSize ?? DEFAULT_TIMELINE_PAGE_SIZE)),
    MAX_TIMELINE_PAGE_SIZE,
  );
  const pages = timelinePageCount(entries.length, pageSize);
  const page = Math.min(Math.max(1, Math.floor(options.page) || 1), pages);
  const shown = entries.slice((page - 1) * pageSize, page * pageSize);
  const first = (page - 1) * pageSize + 1;

  const render = (withFacts: boolean): CardJson =>
    expandCard(template, {
      heading: escapeMarkdown(options.heading ?? 'Incident timeline'),
      pageText: escapeMarkdown(
        entries.length === 0
          ? 'Page 1 of 1'
          : `Page ${page} of ${pages}: ${first} to ${first + shown.length - 1} of ` +
              plural(entries.length, 'event'),
      ),
      entries: shown.map((entry) => entryView(entry, withFacts)),
      isEmpty: entries.length === 0,
      reportId: options.reportId,
      hasPrevious: page > 1,
      previousPage: page - 1,
      hasNext: page < pages,
      nextPage: page + 1,
    });

  const card = render(true);
  return cardByteLength(card) <= CARD_BYTE_LIMIT ? card : render(false);
}

function entryView(entry: TimelineEntry, withFacts: boolean): object {
  const facts = withFacts ? entryFacts(entry.facts) : [];
  const time = entry.timeKnown ? formatUtc(entry.at) : 'time unknown (Graph keeps none)';
  const severity = entry.severity === undefined ? '' : ` · ${SEVERITY_NAMES[entry.severity]}`;
  return {
    title: escapeMarkdown(entry.title),
    color: entry.severity === undefined ? 'Default' : SEVERITY_COLORS[entry.severity],
    meta: escapeMarkdown(`${time} · ${entry.source}${severity}`),
    hasFacts: facts.length > 0,
    facts,
  };
}

function entryFacts(facts: Record<string, EvidenceValue>): { title: string; value: string }[] {
  return Object.entries(facts)
    .filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0))
    .slice(0, MAX_FACTS_PER_ENTRY)
    .map(([key, value]) => ({
      title: escapeMarkdown(key),
      value: escapeMarkdown(formatEvidenceValue(value)),
    }));
}
