/**
 * Expands the card templates in `cards/templates/` with a view model prepared by a builder.
 * Builders pass complete view models, because the templating library leaves an expression
 * whose field is null or missing in the output as literal `${...}` text.
 */
import { Template } from 'adaptivecards-templating';

/** A card as plain JSON; the bot layer wraps it in an attachment. */
export type CardJson = Record<string, unknown>;

function isRecord(value: unknown): value is CardJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a template once, so that repeated expansions (card size fitting) stay cheap. */
export function compileTemplate(payload: object): Template {
  return new Template(payload);
}

/** Expands `template` with `view` as `$root`. */
export function expandCard(template: Template, view: object): CardJson {
  const expanded: unknown = template.expand({ $root: view });
  if (!isRecord(expanded)) {
    throw new TypeError(
      `Card template expanded to ${typeof expanded}, expected an object; check the template JSON`,
    );
  }
  return expanded;
}
