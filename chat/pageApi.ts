/**
 * What the chat page asks the server to do: send a message or press a card button as one of
 * the demo users. Each request is validated, turned into the activity Teams would send, and
 * posted to the bot.
 */
import Ajv from 'ajv';
import {
  executeInvoke,
  messageActivity,
  postToBot,
  type ConversationInfo,
  type ExecuteAction,
  type InvokeTrigger,
  type SenderLocale,
} from './activities';
import { findPersona, PERSONAS } from './personas';
import type { Transcript } from './transcript';

export interface PageApiResult {
  status: number;
  body: Record<string, unknown>;
}

export interface PageApiContext {
  messagesUrl: string;
  conversation: ConversationInfo;
  transcript: Transcript;
}

const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const MESSAGE_CONTENT_TYPE = 'application/vnd.microsoft.activity.message';

const SENDER = {
  persona: { enum: PERSONAS.map((persona) => persona.key) },
  timeZone: { type: 'string', maxLength: 64 },
  locale: { type: 'string', pattern: '^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$' },
} as const;

const ajv = new Ajv({ allErrors: true });
const validateSend = ajv.compile({
  type: 'object',
  required: ['persona', 'text'],
  properties: { ...SENDER, text: { type: 'string', minLength: 1, maxLength: 4000 } },
});
const validateInvoke = ajv.compile({
  type: 'object',
  required: ['persona', 'cardId', 'action'],
  properties: {
    ...SENDER,
    cardId: { type: 'string', minLength: 1, maxLength: 200 },
    trigger: { enum: ['manual', 'automatic'] },
    action: {
      type: 'object',
      required: ['type', 'verb', 'data'],
      properties: {
        type: { const: 'Action.Execute' },
        verb: { type: 'string', minLength: 1, maxLength: 200 },
        data: { type: 'object' },
      },
    },
  },
});

interface SenderFields {
  persona: string;
  timeZone?: string;
  locale?: string;
}

function invalid(errors: typeof validateSend.errors): PageApiResult {
  const problems = (errors ?? []).map(
    (e) => `${e.instancePath || 'body'} ${e.message ?? 'is invalid'}`,
  );
  return { status: 400, body: { error: `invalid request: ${problems.join('; ')}` } };
}

/** Reads the sender's zone and locale, falling back to UTC and en-US as Teams clients rarely omit them. */
function senderOf(fields: SenderFields): SenderLocale {
  let timeZone = fields.timeZone || 'UTC';
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    timeZone = 'UTC';
  }
  return { timeZone, locale: fields.locale || 'en-US' };
}

function botFailed(status: number, detail: unknown): PageApiResult {
  return {
    status: 502,
    body: { error: `the bot answered HTTP ${status}: ${JSON.stringify(detail ?? '')}` },
  };
}

/** Adds the user's message to the transcript and sends it to the bot. */
export async function sendMessage(input: unknown, context: PageApiContext): Promise<PageApiResult> {
  if (!validateSend(input)) return invalid(validateSend.errors);
  const fields = input as SenderFields & { text: string };
  const persona = findPersona(fields.persona);
  if (!persona) return invalid(validateSend.errors);
  const activity = messageActivity(context.conversation, persona, senderOf(fields), fields.text);

  context.transcript.add({
    id: String(activity.id),
    from: 'user',
    fromName: persona.name,
    text: fields.text,
    attachments: [],
    timestamp: String(activity.timestamp),
  });
  const answer = await postToBot(context.messagesUrl, activity);
  if (answer.status < 200 || answer.status > 299) return botFailed(answer.status, answer.body);
  return { status: 200, body: { id: activity.id } };
}

/**
 * Sends an `Action.Execute` press as an `adaptiveCard/action` invoke and shows the response card
 * to the pressing user in place of the card, as Teams does.
 */
export async function pressButton(input: unknown, context: PageApiContext): Promise<PageApiResult> {
  if (!validateInvoke(input)) return invalid(validateInvoke.errors);
  const fields = input as SenderFields & {
    cardId: string;
    action: ExecuteAction;
    trigger?: InvokeTrigger;
  };
  const persona = findPersona(fields.persona);
  if (!persona) return invalid(validateInvoke.errors);
  const entry = context.transcript.get(fields.cardId);
  if (!entry)
    return {
      status: 404,
      body: { error: `card activity "${fields.cardId}" is unknown; reload the page` },
    };

  const seenVersion = entry.version;
  const activity = executeInvoke(
    context.conversation,
    persona,
    senderOf(fields),
    entry.id,
    fields.action,
    fields.trigger ?? 'manual',
  );
  const answer = await postToBot(context.messagesUrl, activity);
  if (answer.status !== 200) return botFailed(answer.status, answer.body);

  const response = (answer.body ?? {}) as { statusCode?: unknown; type?: unknown; value?: unknown };
  if (response.statusCode !== 200) return botFailed(Number(response.statusCode), response);
  if (
    response.type === CARD_CONTENT_TYPE &&
    typeof response.value === 'object' &&
    response.value !== null
  ) {
    const applied = context.transcript.showToUser(
      entry.id,
      persona.key,
      response.value,
      seenVersion,
    );
    return { status: 200, body: { kind: 'card', applied } };
  }
  if (response.type === MESSAGE_CONTENT_TYPE && typeof response.value === 'string') {
    return { status: 200, body: { kind: 'message', message: response.value } };
  }
  // Teams shows "Something went wrong" for any other invoke response, so the page says so too.
  return botFailed(answer.status, response);
}
