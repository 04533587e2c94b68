/**
 * Starts the real bot host on a free loopback port, wired to the local tenant over HTTPS and to a
 * stand-in connector that records replies.
 */
import { startEmulator, type RunningEmulator } from '../../emulator';
import { startBotHost, type BotHost } from '../../bots/botHost';
import type { FirebreakServices } from '../../services/app';
import { composeServices } from '../../services/compose';
import { loadConfig } from '../../services/config';
import { createGraphClient, type GraphConnection } from '../../services/graph/client';
import { createLogger, type Logger } from '../../services/log';
import { startFakeConnector, type FakeConnector } from './connector';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { RequestBudget } from '../../services/graph/budget';

export interface BotHarness {
  host: BotHost;
  emulator: RunningEmulator;
  connector: FakeConnector;
  graph: GraphConnection;
  botUrl: string;
  services: FirebreakServices;
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
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-bot-'));
  const config = loadConfig({ PORT: '0', FIREBREAK_DATA_DIR: dataDir, ...options.env });
  const budget = new RequestBudget({ requests: 1000, perMs: 1000 });
  const graph = createGraphClient({ baseUrl: emulator.url, ca: emulator.ca }, { log, budget });
  const services = composeServices(config, log, graph);
  const host = await startBotHost(services);
  return {
    host,
    emulator,
    connector,
    graph,
    botUrl: host.server.url,
    services,
    logLines,
    close: async () => {
      await host.close();
      await services.ledger.close();
      await graph.close();
      await connector.close();
      await emulator.close();
    },
  };
}
