/**
 * The real bot host for security tests: like the shared bot harness, plus authentication
 * overrides, a fault plan for the local tenant, and posting with any headers or raw body.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { startEmulator, type FaultPlan, type RunningEmulator } from '../../../emulator';
import type { AuthenticationOverrides } from '../../../bots/adapter';
import { startBotHost, type BotHost } from '../../../bots/botHost';
import type { FirebreakServices } from '../../../services/app';
import { composeServices } from '../../../services/compose';
import { loadConfig } from '../../../services/config';
import { RequestBudget } from '../../../services/graph/budget';
import { createGraphClient, type GraphConnection } from '../../../services/graph/client';
import { createLogger } from '../../../services/log';
import { startFakeConnector, type FakeConnector } from '../../support/connector';

export const DEMO_TENANT = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'emulator',
  'tenants',
  'contoso-phish.json',
);

export interface SecurityHarness {
  host: BotHost;
  emulator: RunningEmulator;
  connector: FakeConnector;
  graph: GraphConnection;
  services: FirebreakServices;
  botUrl: string;
  dataDir: string;
  logLines: string[];
  /** Graph requests the emulator has served, `$batch` items included. */
  graphRequests(): number;
  close(): Promise<void>;
}

export interface SecurityHarnessOptions {
  env?: NodeJS.ProcessEnv;
  authentication?: AuthenticationOverrides;
  faults?: FaultPlan;
  /** Clock for the services; default the system clock. */
  now?: () => Date;
}

export async function startSecurityHarness(
  options: SecurityHarnessOptions = {},
): Promise<SecurityHarness> {
  const emulator = await startEmulator({
    tenant: DEMO_TENANT,
    faults: options.faults,
    reportBudget: false,
  });
  const connector = await startFakeConnector();
  const logLines: string[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => {
    logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
  });
  const log = createLogger({ level: 'debug', destination: stream });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-security-'));
  const config = loadConfig({ PORT: '0', FIREBREAK_DATA_DIR: dataDir, ...options.env });
  const budget = new RequestBudget({ requests: 1000, perMs: 1000 });
  const graph = createGraphClient({ baseUrl: emulator.url, ca: emulator.ca }, { log, budget });
  const services = composeServices(config, log, graph, { now: options.now });
  const host = await startBotHost(services, { authentication: options.authentication });
  return {
    host,
    emulator,
    connector,
    graph,
    services,
    botUrl: host.server.url,
    dataDir,
    logLines,
    graphRequests: () => emulator.requests.length,
    close: async () => {
      await host.close();
      await services.closeStorage();
      await graph.close();
      await connector.close();
      await emulator.close();
    },
  };
}

/** POSTs a body to /api/messages with the given headers; JSON unless the body is a string. */
export async function post(
  botUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.text() };
}

/** Parses the captured JSON log lines. */
export function logRecords(lines: string[]): Record<string, unknown>[] {
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** pino's numeric level for warn. */
export const WARN = 40;
