/**
 * Starts Firebreak: configuration, logging, Graph (the local demo tenant when no credentials are
 * set), then the bot's HTTP endpoint.
 */
import { resolveGraphTarget } from './bin/graphTarget';
import { startBotHost } from './bots/botHost';
import { createConversationStorage } from './bots/storage';
import { composeServices, startRemediationWork } from './services/compose';
import { loadConfig } from './services/config';
import { FirebreakError } from './services/errors';
import { createGraphClient } from './services/graph/client';
import { createLogger } from './services/log';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel });
  const graph = await resolveGraphTarget(config.graph);
  const connection = createGraphClient(graph.target, { log });
  log.info({ graph: graph.description }, 'graph ready');

  const services = composeServices(config, log, connection);
  const host = await startBotHost(services, { storage: createConversationStorage(config) });
  // Remediations a stopped instance left running are settled by reading Graph first, and
  // their cards are updated in the conversation the report was posted in.
  startRemediationWork(services, (request) => host.updateSettledCards(request));
  log.info({ url: `${host.server.url}/api/messages` }, 'firebreak started');

  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping');
    await host.close();
    await connection.close();
    await graph.close();
    await services.closeStorage();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message = error instanceof FirebreakError ? error.message : String(error);
  process.stderr.write(`firebreak failed to start: ${message}\n`);
  process.exit(1);
});
