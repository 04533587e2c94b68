import type { Attachment } from 'botbuilder';
import { CardFactory } from 'botbuilder';

/**
 * Sends to a conversation after the turn that started the work has ended (proactive messages),
 * so a long check never holds Teams' request open.
 */
export interface Replier {
  sendText(text: string): Promise<void>;
  sendCard(card: object): Promise<string | undefined>;
  updateCard(activityId: string, card: object): Promise<void>;
}

export function cardAttachment(card: object): Attachment {
  return CardFactory.adaptiveCard(card);
}
