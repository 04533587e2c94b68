/**
 * Starts the real bot host on a free loopback port, wired to the local tenant over HTTPS and to a
 * stand-in connector that records replies.
 */
import { startEmulator, type RunningEmulator } from '../../emulator';
import { startBotHost, type BotHost } from '../../bots/botHost';
import { loadConfig } from '../../services/config';
import { createGraphClient, type GraphConnection } from '../../services/graph/client';
import { createLogger, type Logger } from '../../services/log';
import { startFakeConnector, type FakeConnector } from './connector';
import { PassThrough } from 'node:stream';
import { RequestBudget } from '../../services/graph/budget';

export interface BotHarness {
  host: BotHost;
  emulator: RunningEmulator;
  connector: FakeConnector;
  graph: GraphConnection;
  botUrl: string;
  logLines: string[];
  close(): Promise<void>;
}

export async function startBotHarness(options: { tenant: string; env?: NodeJS.ProcessEnv }): Promise<BotHarness> {
  // Budget behaviour has its own tests; here several checks run back to back.
  const emulator = await startEmulator({ tenant: options.tenant, reportBudget: false });
  const connector = await startFakeConnector();
  const logLines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const log: Logger = createLogger({ level: 'debug', destination: stream });
  const config = loadConfig({ PORT: '0', FIREBREAK_DATA_DIR: '.data/test', ...options.env });
  const budget = new RequestBudget({ requests: 1000, perMs: 1000 });
  const graph = createGraphClient({ baseUrl: emulator.url, ca: emulator.ca }, { log, budget });
  const host = await startBotHost({ config, log, graph, now: () => new Date() });
  return {
    host,
    emulator,
    connector,
    graph,
    botUrl: host.server.url,
    logLines,
    close: async () => {
      await host.close();
      await graph.close();
      await connector.close();
      await emulator.close();
    },
  };
}
