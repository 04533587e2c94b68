/** Queries over card JSON shared by the card tests. */
import { findByType } from './fixtures';

/** Collects the `actionId` of every `firebreak.request` button, anywhere in the card. */
export function requestActionIds(card: object): string[] {
  return findByType(card, 'Action.Execute')
    .filter((action) => action.verb === 'firebreak.request')
    .map((action) => (action.data as { actionId: string }).actionId);
}

/** Collects every TextBlock text and FactSet title and value in the card. */
export function visibleTexts(card: object): string[] {
  const texts = findByType(card, 'TextBlock').map((block) => String(block.text));
  const facts = findByType(card, 'FactSet').flatMap((set) =>
    (set.facts as { title: string; value: string }[]).flatMap((fact) => [fact.title, fact.value]),
  );
  return [...texts, ...facts];
}

/** Removes CommonMark backslash escapes, as Teams does when it displays the text. */
export function rendered(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Joins the card's visible text and removes the escapes, as Teams would show it. */
export function renderedText(card: object): string {
  return visibleTexts(card).map(rendered).join('\n');
}
