/**
 * Chooses where the ledger and the remediation work queue live, from FIREBREAK_STORAGE: SQLite
 * files under the data directory for one instance, or Azure Table and Queue storage shared by
 * several instances. The bot's conversation state follows the same setting in bots/storage.ts.
 */
import { TableClient } from '@azure/data-tables';
import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { QueueClient } from '@azure/storage-queue';
import type { Config, StorageSettings } from './config';
import { SqliteLedger } from './ledger/sqliteLedger';
import { TableLedger } from './ledger/tableLedger';
import type { Ledger } from './ledger/types';
import type { Logger } from './log';
import {
  withRemediationLeases,
  type LeasedLedger,
  type RemediationJob,
} from './queue/leasedLedger';
import { SqliteMessageStore } from './queue/sqliteMessageStore';
import { StorageQueueMessageStore } from './queue/storageQueueMessageStore';
import type { MessageStore } from './queue/types';
import { WorkQueue } from './queue/workQueue';

export type AzureStorageSettings = Extract<StorageSettings, { kind: 'azure' }>;

export interface Storage {
  /** The ledger; requests that are `running` are held on `queue` until they finish. */
  ledger: LeasedLedger;
  /** Remediation jobs; start a worker on it with startRemediationWorker. */
  queue: WorkQueue<RemediationJob>;
  close(): Promise<void>;
}

/** Names of the table, queue and blob container under a prefix. */
export function storageNames(prefix: string): { table: string; queue: string; container: string } {
  return { table: `${prefix}ledger`, queue: `${prefix}-remediation`, container: `${prefix}-state` };
}

export function createStorage(
  config: Pick<Config, 'storage' | 'dataDir'>,
  log: Logger,
  now: () => Date = () => new Date(),
  options: { pollMs?: number } = {},
): Storage {
  const settings = config.storage;
  let ledger: Ledger;
  let store: MessageStore;
  if (settings.kind === 'sqlite') {
    ledger = new SqliteLedger({ dataDir: config.dataDir, now });
    store = new SqliteMessageStore({ dataDir: config.dataDir, queue: 'remediation' });
  } else {
    const clients = azureClients(settings);
    ledger = new TableLedger({ client: clients.table, now });
    store = new StorageQueueMessageStore(clients.queue);
  }
  const queue = new WorkQueue<RemediationJob>({
    store,
    name: 'remediation',
    log,
    leaseSeconds: settings.leaseSeconds,
    pollMs: options.pollMs,
  });
  const leased = withRemediationLeases(ledger, queue, log);
  log.info({ storage: settings.kind }, 'storage ready');
  return {
    ledger: leased,
    queue,
    close: async () => {
      await queue.stop();
      await leased.close();
      await store.close();
    },
  };
}

/** The identity for FIREBREAK_STORAGE_ACCOUNT_URL: the app's managed identity on Azure. */
export function storageCredential(): TokenCredential {
  return new DefaultAzureCredential();
}

/** Derives a service endpoint from the blob endpoint, e.g. `.blob.` to `.table.`. */
export function serviceUrl(blobUrl: string, service: 'blob' | 'queue' | 'table'): string {
  return blobUrl.replace(/\.blob\./, `.${service}.`);
}

function azureClients(settings: AzureStorageSettings): { table: TableClient; queue: QueueClient } {
  const names = storageNames(settings.prefix);
  if (settings.connectionString !== undefined) {
    // Azurite and other local endpoints speak plain HTTP; Azure itself is HTTPS only.
    const insecure = /TableEndpoint=http:\/\//i.test(settings.connectionString);
    return {
      table: TableClient.fromConnectionString(settings.connectionString, names.table, {
        allowInsecureConnection: insecure,
      }),
      queue: new QueueClient(settings.connectionString, names.queue),
    };
  }
  const accountUrl = settings.accountUrl ?? '';
  const credential = storageCredential();
  return {
    table: new TableClient(serviceUrl(accountUrl, 'table'), names.table, credential),
    queue: new QueueClient(`${serviceUrl(accountUrl, 'queue')}/${names.queue}`, credential),
  };
}
