import type { Attachment, TurnContext } from 'botbuilder';
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

/** Builds a replier that posts inside a turn that is already open, such as a proactive one. */
export function turnReplier(turn: TurnContext): Replier {
  return {
    sendText: async (text) => void (await turn.sendActivity(text)),
    sendCard: async (card) =>
      (await turn.sendActivity({ attachments: [cardAttachment(card)] }))?.id,
    updateCard: async (activityId, card) => {
      await turn.updateActivity({
        id: activityId,
        type: 'message',
        attachments: [cardAttachment(card)],
      });
    },
  };
}
