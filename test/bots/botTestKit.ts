/**
 * Shared pieces of the bot tests over HTTP: the demo tenant's people, invoke activities as
 * Teams sends them, and readers for the cards in replies and invoke responses.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { messageActivity, type SentActivity } from '../support/connector';

export const DEMO_TENANT = path.join(
  __dirname,
  '..',
  '..',
  'emulator',
  'tenants',
  'contoso-phish.json',
);
export const RESPONDERS = 'fad6995a-76fc-4fe1-aa61-f76871e501b6';
export const APPROVERS = '65e60ddf-8ee2-4318-af4a-011488a54e61';
export const ALEX = '9bf8fd1a-d652-4f8c-b222-36707a17b811';
export const ALEXANDRA = '60c4600a-5537-4035-86e6-15839cc4bf7b';
/** Responder who requests. */
export const RILEY = 'fd05f0c3-7f05-4416-8ee9-762587b856d5';
/** Member of the approver group. */
export const JORDAN = 'ee73106c-1d88-4fb7-adc7-b8bec2d4187d';
/** Helpdesk administrator: neither responder nor approver. */
export const PAT = '4a67d297-2424-43f5-adad-fdff47fb6360';

const NAMES: Record<string, string> = {
  [RILEY]: 'Riley Chen',
  [JORDAN]: 'Jordan Patel',
  [PAT]: 'Pat Quinn',
};

/** Display name that Teams sends for a test user. */
export function nameOf(aadObjectId: string): string {
  return NAMES[aadObjectId] ?? 'Someone Else';
}

/** Builds a message from a test user, with the name Teams would send. */
export function messageFrom(
  serviceUrl: string,
  text: string,
  fromId: string,
  conversationId: string,
): Record<string, unknown> {
  return messageActivity(serviceUrl, text, { fromId, fromName: nameOf(fromId), conversationId });
}

/** Settings for approvals, with a check rate high enough for a whole test file. */
export const APPROVAL_ENV: NodeJS.ProcessEnv = {
  FIREBREAK_RESPONDER_GROUP: RESPONDERS,
  FIREBREAK_APPROVER_GROUP: APPROVERS,
  FIREBREAK_CHECKS_PER_MINUTE: '1000',
};

export const CARD_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Teams user id of the test users, as `messageActivity` builds it. */
export function teamsId(aadObjectId: string): string {
  return `29:${aadObjectId}`;
}

export function invokeActivity(
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  options: { fromId: string; conversationId: string; replyToId?: string; trigger?: string },
): Record<string, unknown> {
  const base = messageFrom(serviceUrl, '', options.fromId, options.conversationId);
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    replyToId: options.replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: options.trigger ?? 'manual' },
  };
}

export interface InvokeBody {
  statusCode: number;
  type: string;
  value: Record<string, unknown>;
}

/** Parses an invoke response and checks the shape Teams requires of it. */
export function invokeCard(answer: { status: number; body: string }): InvokeBody {
  assert.equal(answer.status, 200, 'HTTP status of the invoke answer');
  const body = JSON.parse(answer.body) as InvokeBody;
  assert.equal(body.statusCode, 200, 'statusCode in the invoke answer');
  assert.equal(body.type, CARD_TYPE, 'type of the invoke answer');
  assert.equal(body.value.type, 'AdaptiveCard', 'value of the invoke answer is a card');
  return body;
}

export function cardOf(activity: SentActivity): Record<string, unknown> | undefined {
  const attachments = activity.body.attachments as
    { contentType: string; content: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === CARD_TYPE)?.content;
}

export function cardText(activity: SentActivity): string {
  return JSON.stringify(cardOf(activity) ?? {});
}

/** Returns the card's JSON with the markdown escapes removed, for matching the text a user reads. */
export function readableText(card: unknown): string {
  return JSON.stringify(card ?? {}).replace(/\\\\/g, '');
}

/** Verbs of every Action.Execute in a card, in document order. */
export function verbsOf(card: unknown): string[] {
  const verbs: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (typeof node === 'object' && node !== null) {
      const record = node as Record<string, unknown>;
      if (record.type === 'Action.Execute' && typeof record.verb === 'string')
        verbs.push(record.verb);
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return verbs;
}

/** Returns the id of the `nth` (from 0) request button of `kind` on a report card. */
export function actionIdOf(text: string, kind: string, nth = 0): string {
  const matches = [...text.matchAll(new RegExp(`"actionId":"(${kind}-[0-9a-f]+)"`, 'g'))];
  const ids = [...new Set(matches.map((match) => match[1]))];
  assert.ok(ids.length > nth, `the report offers ${nth + 1} ${kind} actions`);
  return ids[nth];
}

/**
 * True for a final report card: posted at once, or replacing the early card that was posted
 * while sign-ins were still being read.
 */
export function isFinalReport(activity: SentActivity): boolean {
  const posted = activity.method === 'POST' || activity.method === 'PUT';
  // Only the stored report's card carries the Incident report button.
  return posted && cardText(activity).includes('"verb":"firebreak.report"');
}

/** True for a new report message: the early card or the final one, never an update. */
export function isNewReportMessage(activity: SentActivity): boolean {
  const text = cardText(activity);
  return (
    activity.method === 'POST' &&
    (text.includes('"verb":"firebreak.report"') || text.includes('Early report'))
  );
}
