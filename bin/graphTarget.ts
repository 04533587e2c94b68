/**
 * Turns the configured Graph mode into a reachable Graph base URL. With no credentials this
 * starts the local tenant in-process on a free loopback port; only the hosts (the CLI and the
 * bot's `index.ts`) call it, so `services/` never depends on the emulator.
 */
import { readFileSync } from 'node:fs';
import { startEmulator, type RunningEmulator } from '../emulator';
import type { Config } from '../services/config';
import { FirebreakError } from '../services/errors';
import { createCredential, type GraphTarget } from '../services/graph/client';

export interface ResolvedGraph {
  target: GraphTarget;
  /** The in-process local tenant, when one was started. */
  emulator?: RunningEmulator;
  /** Human description for logs, e.g. "local tenant contoso-phish.json". */
  description: string;
  close(): Promise<void>;
}

export async function resolveGraphTarget(graph: Config['graph']): Promise<ResolvedGraph> {
  switch (graph.kind) {
    case 'emulator': {
      let emulator: RunningEmulator;
      try {
        emulator = await startEmulator({ tenant: graph.tenantPath, faults: graph.faultsPath });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new FirebreakError(
          'input.tenant-file',
          `local tenant failed to start from ${graph.tenantPath}: ${reason}`,
          `The tenant file could not be used: ${reason}. Pass a JSON tenant snapshot with --tenant or FIREBREAK_TENANT.`,
          { tenantPath: graph.tenantPath },
        );
      }
      return {
        target: { baseUrl: emulator.url, ca: emulator.ca },
        emulator,
        description: `local tenant ${graph.tenantPath} at ${emulator.url}`,
        close: () => emulator.close(),
      };
    }
    case 'url':
      return {
        target: {
          baseUrl: graph.baseUrl,
          ca: graph.caPath ? readFileSync(graph.caPath, 'utf8') : undefined,
          credential: graph.credential ? createCredential(graph.credential) : undefined,
        },
        description: `Graph-compatible service at ${graph.baseUrl}`,
        close: () => Promise.resolve(),
      };
    case 'azure':
      return {
        target: { baseUrl: 'https://graph.microsoft.com', credential: createCredential(graph.credential) },
        description: 'Microsoft Graph',
        close: () => Promise.resolve(),
      };
  }
}
