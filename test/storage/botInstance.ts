/**
 * One Firebreak instance for the several-instances tests: the real bot host with the storage
 * that FIREBREAK_STORAGE selects, the remediation worker, and Graph at FIREBREAK_GRAPH_URL.
 * Prints one line `{"ready":"<bot url>"}` on stdout when it serves; logs go to stderr.
 */
import { resolveGraphTarget } from '../../bin/graphTarget';
import { startBotHost } from '../../bots/botHost';
import { createConversationStorage } from '../../bots/storage';
import { composeServices, startRemediationWork } from '../../services/compose';
import { loadConfig } from '../../services/config';
import { createGraphClient } from '../../services/graph/client';
import { createLogger } from '../../services/log';
import pino from 'pino';

/** Read-backs a few hundred milliseconds apart, so a test does not wait for the default 15 s. */
const QUICK_VERIFY = { attempts: 4, firstDelayMs: 200 };

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel, destination: pino.destination(2) });
  const now = () => new Date();
  const graph = await resolveGraphTarget(config.graph);
  const connection = createGraphClient(graph.target, { log });
  const services = composeServices(config, log, connection, { now, pollMs: 200, verify: QUICK_VERIFY });
  startRemediationWork(services);
  const host = await startBotHost(services, { storage: createConversationStorage(config) });
  process.stdout.write(`${JSON.stringify({ ready: host.server.url })}\n`);

  process.once('SIGTERM', () => {
    void host
      .close()
      .then(() => services.closeStorage())
      .then(() => connection.close())
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`instance failed to start: ${String(error)}\n`);
  process.exit(1);
});
