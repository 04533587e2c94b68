import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type TurnContext,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';
import type { Config } from '../services/config';
import type { Logger } from '../services/log';

/**
 * Builds the Bot Framework adapter. With an app id every request must carry a valid Bot
 * Framework token; with none (local mode) the adapter checks nothing, so the server binds
 * loopback only in that mode.
 */
export function createAdapter(bot: Config['bot'], log: Logger, overrides: Partial<ConfigurationBotFrameworkAuthenticationOptions> = {}): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.appTenantId,
    ...overrides,
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const correlationId = randomUUID();
    log.error({ err: error, correlationId, activityId: context.activity.id, conversationId: context.activity.conversation?.id }, 'turn failed');
    await context.sendActivity(`Something went wrong while handling that. Correlation id: ${correlationId}. Try again; if it persists, give this id to whoever runs the bot.`);
  };
  return adapter;
}
