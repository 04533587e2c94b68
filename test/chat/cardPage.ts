/**
 * A blank Chromium page with the official `adaptivecards` renderer and the chat page's card
 * script, to render one card at a time and measure what a user would see.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';

const ROOT = path.join(__dirname, '..', '..');
const ADAPTIVECARDS_DIST = path.join(
  path.dirname(require.resolve('adaptivecards/package.json')),
  'dist',
);

export interface RenderedCard {
  /** `scrollWidth` and `clientWidth` of the card root after every show-card was opened. */
  scrollWidth: number;
  clientWidth: number;
  /** Titles of every rendered action button, including those inside show-cards. */
  buttonTitles: string[];
  /** Titles of buttons whose text is cut off with an ellipsis. */
  truncatedTitles: string[];
}

/** Loads the renderer into `page`, which then contains an empty `#host` element. */
export async function prepareCardPage(page: Page): Promise<void> {
  await page.setContent(
    '<!doctype html><html><body style="margin:0;background:#fff"><div id="host" style="padding:8px"></div></body></html>',
  );
  await page.addStyleTag({ path: path.join(ADAPTIVECARDS_DIST, 'adaptivecards.css') });
  await page.addScriptTag({ path: path.join(ADAPTIVECARDS_DIST, 'adaptivecards.min.js') });
  await page.addScriptTag({ path: path.join(ROOT, 'chat', 'page', 'cards.js') });
  await page.addScriptTag({ path: path.join(__dirname, 'measureCard.js') });
}

/**
 * Renders `card` into `#host`, opens every show-card so that its buttons are rendered too, and
 * measures the result.
 */
export async function renderCard(page: Page, card: object): Promise<RenderedCard> {
  return page.evaluate(
    (json) => (window as unknown as { measureCard(json: object): RenderedCard }).measureCard(json),
    card,
  );
}

function titleOf(action: unknown): string {
  const title = (action as { title?: unknown }).title;
  return typeof title === 'string' ? title.trim() : '';
}

/** Collects the title of every action in an `actions` list of the card, at any depth. */
export function expectedButtonTitles(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(expectedButtonTitles);
  if (typeof value !== 'object' || value === null) return [];
  const record = value as Record<string, unknown>;
  const own = Array.isArray(record.actions) ? record.actions.map((action) => titleOf(action)) : [];
  return [...own, ...Object.values(record).flatMap(expectedButtonTitles)];
}
