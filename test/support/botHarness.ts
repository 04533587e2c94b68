/**
 * Starts the real bot host on a free loopback port, wired to the local tenant over HTTPS and to a
 * stand-in connector that records replies.
 */
import type { Storage } from 'botbuilder';
import { startEmulator, type FaultPlan, type RunningEmulator } from '../../emulator';
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
  dataDir: string;
  logLines: string[];
  close(): Promise<void>;
}

export interface BotHarnessOptions {
  tenant: string;
  env?: NodeJS.ProcessEnv;
  /** Clock of the services; tests of expiry move it forward. */
  now?: () => Date;
  /** Data directory to reuse, as after a restart; default a new temporary directory. */
  dataDir?: string;
  /** Bot state storage to reuse across hosts; default a new MemoryStorage. */
  storage?: Storage;
  faults?: FaultPlan;
}

export async function startBotHarness(options: BotHarnessOptions): Promise<BotHarness> {
  // Budget behaviour has its own tests; here several checks run back to back.
  const emulator = await startEmulator({ tenant: options.tenant, reportBudget: false, faults: options.faults });
  const connector = await startFakeConnector();
  const logLines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  const log: Logger = createLogger({ level: 'debug', destination: stream });
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'firebreak-bot-'));
  // Test files send many checks from one user; the per-user limit has its own tests.
  const config = loadConfig({ PORT: '0', FIREBREAK_DATA_DIR: dataDir, FIREBREAK_CHECKS_PER_MINUTE: '1000', ...options.env });
  const budget = new RequestBudget({ requests: 1000, perMs: 1000 });
  const graph = createGraphClient({ baseUrl: emulator.url, ca: emulator.ca }, { log, budget });
  const services = composeServices(config, log, graph, { now: options.now });
  const host = await startBotHost(services, { storage: options.storage });
  return {
    host,
    emulator,
    connector,
    graph,
    botUrl: host.server.url,
    services,
    dataDir,
    logLines,
    close: async () => {
      await host.close();
      await services.closeStorage();
      await graph.close();
      await connector.close();
      await emulator.close();
    },
  };
}
