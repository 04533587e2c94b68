/**
 * Where the bot keeps conversation state (dialog steps such as "which Alex?"). One instance
 * keeps it in SQLite under the data directory, so it survives a restart; several instances
 * share Azure Blob storage through `BlobsStorage`. Both reject a write whose eTag is stale.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';
import { BlobsStorage } from 'botbuilder-azure-blobs';
import type { Config } from '../services/config';
import { openDatabase } from '../services/ledger/schema';
import { serviceUrl, storageCredential, storageNames } from '../services/storage';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS conversation_state (
  key TEXT PRIMARY KEY,
  etag TEXT NOT NULL,
  body TEXT NOT NULL
);
`;

/** Bot Framework `Storage` on SQLite, with the eTag rules of the SDK's MemoryStorage. */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = openDatabase(dataDir);
    this.db.exec(SCHEMA);
  }

  read(keys: string[]): Promise<StoreItems> {
    return settle(() => {
      const items: StoreItems = {};
      const select = this.db.prepare('SELECT etag, body FROM conversation_state WHERE key = ?');
      for (const key of keys) {
        const row = select.get(key) as { etag: string; body: string } | undefined;
        if (row !== undefined) {
          items[key] = { ...(JSON.parse(row.body) as Record<string, unknown>), eTag: row.etag };
        }
      }
      return items;
    });
  }

  /**
   * Writes every item or none. An item whose eTag is set (and not `*`) replaces the stored one
   * only when that one still has this eTag; otherwise another turn wrote first and the write is
   * rejected, so the turn can be retried with fresh state.
   */
  write(changes: StoreItems): Promise<void> {
    return settle(() => {
      const current = this.db.prepare('SELECT etag FROM conversation_state WHERE key = ?');
      const save = this.db.prepare(
        'INSERT OR REPLACE INTO conversation_state (key, etag, body) VALUES (?, ?, ?)',
      );
      const writeAll = this.db.transaction(() => {
        for (const [key, item] of Object.entries(changes)) {
          const { eTag, ...body } = (item ?? {}) as Record<string, unknown>;
          const stored = current.get(key) as { etag: string } | undefined;
          const conditional = typeof eTag === 'string' && eTag !== '*';
          if (stored !== undefined && conditional && stored.etag !== eTag) {
            throw new Error(
              `conversation state "${key}" was changed by another turn (eTag ${eTag} is stale); ` +
                'read it again and retry the write',
            );
          }
          save.run(key, randomUUID(), JSON.stringify(body));
        }
      });
      writeAll.immediate();
    });
  }

  delete(keys: string[]): Promise<void> {
    return settle(() => {
      const remove = this.db.prepare('DELETE FROM conversation_state WHERE key = ?');
      this.db.transaction(() => keys.forEach((key) => remove.run(key))).immediate();
    });
  }

  close(): void {
    this.db.close();
  }
}

/** Builds the conversation-state storage that FIREBREAK_STORAGE selects. */
export function createConversationStorage(config: Pick<Config, 'storage' | 'dataDir'>): Storage {
  const settings = config.storage;
  if (settings.kind === 'sqlite') return new SqliteStorage(config.dataDir);
  const { container } = storageNames(settings.prefix);
  if (settings.connectionString !== undefined) {
    return new BlobsStorage(settings.connectionString, container);
  }
  const url = `${serviceUrl(settings.accountUrl ?? '', 'blob')}/${container}`;
  return new BlobsStorage('', container, undefined, url, storageCredential());
}

function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
