/**
 * A local tenant and the real Graph client pointed at it, for tests of the reading layer. Log
 * lines are kept so that tests can read the retries the transport made.
 */
import path from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../emulator';
import { RequestBudget } from '../../../services/graph/budget';
import { createGraphClient, type GraphConnection } from '../../../services/graph/client';
import { GraphReader } from '../../../services/graph/reader';
import type { RetryPolicy } from '../../../services/graph/transport';
import { createLogger } from '../../../services/log';

export const PHISH_TENANT = path.join(
  __dirname,
  '..',
  '..',
  '..',
  'emulator',
  'tenants',
  'contoso-phish.json',
);

export interface LogLine {
  msg: string;
  status?: number;
  attempt?: number;
  delay?: number;
  url?: string;
}

export interface TestTenant {
  emulator: RunningEmulator;
  connection: GraphConnection;
  reader: GraphReader;
  logs: LogLine[];
  close(): Promise<void>;
}

export interface TestTenantOptions {
  retry?: Partial<RetryPolicy>;
  /** Client-side identity-report budget; default a loose one so tests are not paced. */
  budget?: RequestBudget;
}

/** Starts a local tenant on loopback and a Graph client that trusts it. */
export async function startTestTenant(
  emulatorOptions: EmulatorOptions,
  options: TestTenantOptions = {},
): Promise<TestTenant> {
  const emulator = await startEmulator(emulatorOptions);
  const logs: LogLine[] = [];
  const log = createLogger({
    level: 'warn',
    destination: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) },
  });
  const connection = createGraphClient(
    { baseUrl: emulator.url, ca: emulator.ca },
    {
      log,
      retry: options.retry,
      budget: options.budget ?? new RequestBudget({ requests: 1000, perMs: 10_000 }),
    },
  );
  return {
    emulator,
    connection,
    reader: new GraphReader(connection.client, log),
    logs,
    close: async () => {
      await connection.close();
      await emulator.close();
    },
  };
}
