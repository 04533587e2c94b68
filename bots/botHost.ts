/**
 * Wires the Bot Framework pieces together: adapter, conversation state, the bot, and the
 * proactive replier that posts results after a turn has ended.
 */
import { ConversationState, MemoryStorage, TurnContext, type CloudAdapter, type Storage } from 'botbuilder';
import type { FirebreakServices } from '../services/app';
import { BackgroundWork } from '../services/background';
import { cardAttachment, type Replier } from '../dialogs/replier';
import { createAdapter } from './adapter';
import { FirebreakBot } from './firebreakBot';
import { startServer, type RunningServer } from './server';

export interface BotHost {
  server: RunningServer;
  adapter: CloudAdapter;
  background: BackgroundWork;
  close(): Promise<void>;
}

export async function startBotHost(services: FirebreakServices, options: { storage?: Storage } = {}): Promise<BotHost> {
  const { config, log } = services;
  const adapter = createAdapter(config.bot, log);
  const background = new BackgroundWork(log);
  const conversationState = new ConversationState(options.storage ?? new MemoryStorage());

  const replierFor = (context: TurnContext): Replier => {
    const reference = TurnContext.getConversationReference(context.activity);
    const appId = config.bot.appId;
    const within = <T>(work: (turn: TurnContext) => Promise<T>): Promise<T> =>
      new Promise<T>((resolve, reject) => {
        adapter
          .continueConversationAsync(appId, reference, async (turn) => {
            resolve(await work(turn));
          })
          .catch(reject);
      });
    return {
      sendText: (text) => within(async (turn) => void (await turn.sendActivity(text))),
      sendCard: (card) => within(async (turn) => (await turn.sendActivity({ attachments: [cardAttachment(card)] }))?.id),
      updateCard: (activityId, card) =>
        within(async (turn) => {
          await turn.updateActivity({ id: activityId, type: 'message', attachments: [cardAttachment(card)] });
        }),
    };
  };

  const bot = new FirebreakBot(conversationState, services, { services, background, replierFor });
  const server = await startServer({ adapter, bot, log, port: config.port, localMode: config.bot.appId === '' });
  return {
    server,
    adapter,
    background,
    close: async () => {
      await server.close();
      await background.drain();
    },
  };
}
