/**
 * Wires the Bot Framework pieces together: adapter, conversation state, the bot, and the
 * proactive replier that posts results after a turn has ended.
 */
import {
  ConversationState,
  MemoryStorage,
  TurnContext,
  type CloudAdapter,
  type Storage,
} from 'botbuilder';
import { IncidentCache } from '../dialogs/incidentCache';
import { ResponderGate } from '../dialogs/responderGate';
import { startWatchTicker, type WatchTicker } from '../dialogs/watchTicker';
import { newReader, type FirebreakServices } from '../services/app';
import type { ApprovalRequest } from '../services/domain';
import { WatchService } from '../services/incident/watchService';
import type { BackgroundWork } from '../services/background';
import { cardAttachment, type Replier } from '../dialogs/replier';
import { createAdapter, type AuthenticationOverrides } from './adapter';
import { FirebreakBot } from './firebreakBot';
import { createGuards } from './guards';
import { startServer, type RunningServer } from './server';

export interface BotHost {
  server: RunningServer;
  adapter: CloudAdapter;
  background: BackgroundWork;
  /** The watch schedule and its timer; `tick` runs the timer's work at once. */
  watches: WatchService;
  watchTicker: WatchTicker;
  /**
   * Updates the report and approval cards of a request the remediation worker settled; pass it
   * to `startRemediationWork` as `onSettled`.
   */
  updateSettledCards(request: ApprovalRequest): Promise<void>;
  close(): Promise<void>;
}

export interface BotHostOptions {
  /** Conversation state storage; default in memory. */
  storage?: Storage;
  /** Bot Framework authentication settings to override, such as the OpenID metadata URL. */
  authentication?: AuthenticationOverrides;
}

export async function startBotHost(
  services: FirebreakServices,
  options: BotHostOptions = {},
): Promise<BotHost> {
  const { config, log } = services;
  const adapter = createAdapter(config.bot, log, options.authentication);
  const guards = createGuards({
    allowedTenants: config.allowedTenants,
    allowedChannels: config.allowedChannels,
    checksPerMinute: config.checksPerMinute,
    maxConcurrentChecks: config.maxConcurrentChecks,
    log,
    now: services.now,
  });
  const background = guards.background;
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
      sendCard: (card) =>
        within(
          async (turn) => (await turn.sendActivity({ attachments: [cardAttachment(card)] }))?.id,
        ),
      updateCard: (activityId, card) =>
        within(async (turn) => {
          await turn.updateActivity({
            id: activityId,
            type: 'message',
            attachments: [cardAttachment(card)],
          });
        }),
    };
  };

  const watches = new WatchService({
    dataDir: config.dataDir,
    createReader: () => newReader(services, log),
    now: services.now,
  });
  const bot = new FirebreakBot(conversationState, services, {
    services,
    background,
    replierFor,
    watches,
    incidents: new IncidentCache(services),
    responders: new ResponderGate(services),
  });
  const server = await startServer({
    adapter,
    bot,
    guards: guards.middleware,
    log,
    port: config.port,
    host: config.bindHost,
    localMode: config.bot.appId === '',
  });
  const watchTicker = startWatchTicker({
    services,
    watches,
    adapter,
    intervalMs: config.watchTickSeconds * 1000,
  });
  return {
    server,
    adapter,
    background,
    watches,
    watchTicker,
    updateSettledCards: (request) => bot.updateSettledCards(request, adapter),
    close: async () => {
      await watchTicker.stop();
      await server.close();
      await background.drain();
      watches.close();
    },
  };
}
