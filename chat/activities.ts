/**
 * Builds the activities Teams would send for what the user does on the chat page, and posts
 * them to the bot's `/api/messages`.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID, type Persona } from './personas';

export interface ConversationInfo {
  id: string;
  /** The chat server's URL: the bot sends its replies there. */
  serviceUrl: string;
}

/** Where the sender is, as Teams reports it with each activity. */
export interface SenderLocale {
  timeZone: string;
  locale: string;
}

/** The part of `Action.Execute` that Teams sends in an `adaptiveCard/action` invoke. */
export interface ExecuteAction {
  type: 'Action.Execute';
  verb: string;
  data: Record<string, unknown>;
}

export const BOT_ACCOUNT = { id: '28:firebreak-local', name: 'Firebreak' };

function baseActivity(conversation: ConversationInfo, persona: Persona, sender: SenderLocale) {
  return {
    id: `page-${randomUUID()}`,
    channelId: 'msteams',
    serviceUrl: conversation.serviceUrl,
    timestamp: new Date().toISOString(),
    localTimezone: sender.timeZone,
    locale: sender.locale,
    from: { id: persona.teamsUserId, name: persona.name, aadObjectId: persona.aadObjectId },
    recipient: BOT_ACCOUNT,
    conversation: { id: conversation.id, conversationType: 'groupChat', tenantId: DEMO_TENANT_ID },
    channelData: { tenant: { id: DEMO_TENANT_ID } },
  };
}

export function messageActivity(
  conversation: ConversationInfo,
  persona: Persona,
  sender: SenderLocale,
  text: string,
): Record<string, unknown> {
  return {
    ...baseActivity(conversation, persona, sender),
    type: 'message',
    text,
    textFormat: 'plain',
  };
}

/**
 * `manual` for a button press; `automatic` when a Teams client refreshes a card for a user in
 * its `refresh.userIds`.
 */
export type InvokeTrigger = 'manual' | 'automatic';

/** Builds the invoke Teams sends for an `Action.Execute` of `persona` on activity `cardId`. */
export function executeInvoke(
  conversation: ConversationInfo,
  persona: Persona,
  sender: SenderLocale,
  cardId: string,
  action: ExecuteAction,
  trigger: InvokeTrigger,
): Record<string, unknown> {
  return {
    ...baseActivity(conversation, persona, sender),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId: cardId,
    value: { action, trigger },
  };
}

export interface BotAnswer {
  status: number;
  /** The parsed JSON body; undefined when the bot sent none. */
  body: unknown;
}

/** Posts `activity` to the bot and reads its answer, which is the invoke response for invokes. */
export async function postToBot(
  messagesUrl: string,
  activity: Record<string, unknown>,
): Promise<BotAnswer> {
  const response = await fetch(messagesUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  if (text.trim() === '') return { status: response.status, body: undefined };
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch {
    return { status: response.status, body: text };
  }
}
