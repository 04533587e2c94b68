/**
 * Starts the bot the way `index.ts` does (configuration, Graph, services, HTTP endpoint), but as
 * a function that returns handles, so the local chat and its tests can run it in-process.
 */
import { resolveGraphTarget } from '../bin/graphTarget';
import type { RunningEmulator } from '../emulator';
import { startBotHost, type BotHost } from '../bots/botHost';
import type { FirebreakServices } from '../services/app';
import { composeServices } from '../services/compose';
import { loadConfig } from '../services/config';
import { FirebreakError } from '../services/errors';
import { createGraphClient } from '../services/graph/client';
import { createLogger, type LogOptions } from '../services/log';

export interface LocalBot {
  /** The bot's endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  messagesUrl: string;
  host: BotHost;
  services: FirebreakServices;
  /** The in-process local tenant, so tests can read the Graph requests it received. */
  emulator?: RunningEmulator;
  close(): Promise<void>;
}

export interface LocalBotOptions {
  /** Environment read by the configuration module, in place of `process.env`. */
  env: NodeJS.ProcessEnv;
  /** Where log lines go; the chat sends them to stderr so that stdout starts with its URL. */
  logDestination?: LogOptions['destination'];
}

/**
 * Starts the bot in local mode on a local tenant. It rejects a configuration with a bot app id
 * or Graph credentials, because the chat page lets anyone on this machine act as any user.
 */
export async function startLocalBot(options: LocalBotOptions): Promise<LocalBot> {
  const config = loadConfig(options.env);
  if (config.bot.appId !== '' || config.graph.kind !== 'emulator') {
    throw new FirebreakError(
      'config.invalid',
      `local chat needs local mode on a local tenant; got app id "${config.bot.appId}" and Graph mode "${config.graph.kind}"`,
      'The local chat runs only on a local tenant without a bot registration. Unset MicrosoftAppId, AZURE_* and FIREBREAK_GRAPH_URL, then start it again.',
      { graphMode: config.graph.kind },
    );
  }
  const log = createLogger({ level: config.logLevel, destination: options.logDestination });
  const graph = await resolveGraphTarget(config.graph);
  const connection = createGraphClient(graph.target, { log });
  log.info({ graph: graph.description }, 'graph ready');

  const services = composeServices(config, log, connection);
  // A crash between "approved" and "done" is settled by reading Graph, never by running again.
  await services.approvals.recoverInterrupted();
  const host = await startBotHost(services);
  return {
    messagesUrl: `${host.server.url}/api/messages`,
    host,
    services,
    emulator: graph.emulator,
    close: async () => {
      await host.close();
      await connection.close();
      await graph.close();
      await services.closeStorage();
    },
  };
}
