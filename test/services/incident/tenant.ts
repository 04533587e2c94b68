/**
 * Starts a bundled tenant for the incident tests: the local Graph emulator with dates as
 * captured, the real Graph client over HTTPS, and the window the expected findings use.
 */
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { createGraphClient, type GraphConnection } from '../../../services/graph/client';
import { RequestBudget } from '../../../services/graph/budget';
import { GraphReader } from '../../../services/graph/reader';
import { silentLogger } from '../../../services/log';

export const SINCE = new Date('2026-12-02T09:00:00Z');
export const UNTIL = new Date('2026-12-03T12:00:00Z');

export const ALEX = 'alex.doe@contoso.com';
export const PRIYA = 'priya.nair@contoso.com';
export const OMAR = 'omar.haddad@contoso.com';
export const LENA = 'lena.fischer@contoso.com';

export interface TenantSession {
  emulator: RunningEmulator;
  connection: GraphConnection;
  reader: GraphReader;
  close(): Promise<void>;
}

/** Starts `emulator/tenants/<name>.json` with the identity-report budget Graph enforces. */
export async function openTenant(
  name: 'contoso-phish' | 'contoso-campaign',
): Promise<TenantSession> {
  const tenant = path.join(__dirname, '..', '..', '..', 'emulator', 'tenants', `${name}.json`);
  const emulator = await startEmulator({ tenant, rebase: false });
  const connection = createGraphClient(
    { baseUrl: emulator.url, ca: emulator.ca },
    { budget: new RequestBudget({ requests: 5, perMs: 10_000 }) },
  );
  return {
    emulator,
    connection,
    reader: new GraphReader(connection.client, silentLogger),
    close: async () => {
      await connection.close();
      await emulator.close();
    },
  };
}
