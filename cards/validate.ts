/**
 * Checks a card before it is sent: the `adaptivecards` parser and property validation, plus
 * the rules Teams enforces or needs that the parser does not check. The `adaptivecards`
 * package (3.0.6) parses and validates in Node without a DOM; only rendering needs one.
 */
import * as AC from 'adaptivecards';

/**
 * Largest card, as UTF-8 JSON, that builders produce. Teams rejects messages over about 28 KB
 * with 413; the 2 KB left over is for the activity and attachment around the card.
 */
export const CARD_BYTE_LIMIT = 26 * 1024;

/** Actions per action list that Teams shows comfortably on a phone. */
export const MAX_ACTIONS = 6;

/** Teams sends refresh invokes for at most 60 users listed in `refresh.userIds`. */
export const MAX_REFRESH_USERS = 60;

/** Returns the size of the card as UTF-8 JSON, in bytes. */
export function cardByteLength(card: object): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parserErrors(card: object): string[] {
  const adaptiveCard = new AC.AdaptiveCard();
  adaptiveCard.hostConfig = new AC.HostConfig({ actions: { maxActions: MAX_ACTIONS } });
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);

  const errors: string[] = [];
  for (let index = 0; index < context.eventCount; index++) {
    errors.push(`adaptivecards parse: ${context.getEventAt(index).message}`);
  }
  for (const event of adaptiveCard.validateProperties().validationEvents) {
    errors.push(`adaptivecards validation: ${event.message}`);
  }
  return errors;
}

function elementErrors(node: Record<string, unknown>, path: string): string[] {
  const errors: string[] = [];
  const type = node.type;

  if (type === 'Action.Execute' && (typeof node.verb !== 'string' || node.verb === '')) {
    errors.push(`${path}: Action.Execute has no verb, so Teams never sends it to the bot`);
  }
  if (type === 'TextBlock' && node.wrap !== true) {
    errors.push(`${path}: TextBlock lacks "wrap": true, so it is cut off at phone width`);
  }
  if (type === 'ColumnSet' && Array.isArray(node.columns) && node.columns.length > 2) {
    errors.push(
      `${path}: ColumnSet has ${node.columns.length} columns; use at most 2 or a FactSet`,
    );
  }
  if (typeof type === 'string' && type.startsWith('Input.') && node.isRequired === true) {
    errors.push(`${path}: ${type} is required, but Teams for iOS ignores associatedInputs`);
  }
  if (Array.isArray(node.actions) && node.actions.length > MAX_ACTIONS) {
    errors.push(`${path}: ${node.actions.length} actions; move those after ${MAX_ACTIONS} away`);
  }
  return errors;
}

/** Walks every object and string in the card, collecting the Firebreak rule violations. */
function ruleErrors(value: unknown, path: string): string[] {
  if (typeof value === 'string') {
    return value.includes('${') ? [`${path}: unexpanded template expression in "${value}"`] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => ruleErrors(item, `${path}[${index}]`));
  }
  if (!isRecord(value)) return [];

  const own = elementErrors(value, path);
  const nested = Object.entries(value).flatMap(([key, child]) =>
    ruleErrors(child, `${path}.${key}`),
  );
  return [...own, ...nested];
}

function refreshErrors(card: Record<string, unknown>): string[] {
  const refresh = card.refresh;
  if (refresh === undefined) return [];
  if (!isRecord(refresh) || !isRecord(refresh.action)) {
    return ['card.refresh: expected { action: Action.Execute, userIds }'];
  }
  const userIds = refresh.userIds;
  if (Array.isArray(userIds) && userIds.length > MAX_REFRESH_USERS) {
    return [`card.refresh.userIds: ${userIds.length} users, Teams refreshes at most 60`];
  }
  return [];
}

/**
 * Returns every error found in `card`; an empty list means it can be sent. Tests assert on it,
 * and the bot layer may call it as a guard before sending.
 */
export function validateCard(card: object): string[] {
  if (!isRecord(card) || card.type !== 'AdaptiveCard') {
    return ['card: expected an object with "type": "AdaptiveCard"'];
  }
  const errors = [...parserErrors(card), ...ruleErrors(card, 'card'), ...refreshErrors(card)];
  if (card.version !== '1.5') {
    errors.push(`card.version: "${String(card.version)}", expected "1.5" for Action.Execute`);
  }
  const size = cardByteLength(card);
  if (size > CARD_BYTE_LIMIT) {
    errors.push(`card: ${size} bytes as JSON, over the ${CARD_BYTE_LIMIT}-byte limit`);
  }
  return errors;
}
