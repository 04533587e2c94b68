/**
 * Queue messages in the ledger's SQLite file, for a single instance: a job survives a restart and
 * the next start takes it once its lease has run out.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { openDatabase } from '../ledger/schema';
import { LeaseLostError, type MessageStore, type QueueMessage } from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS work_queue (
  id TEXT PRIMARY KEY,
  queue TEXT NOT NULL,
  body TEXT NOT NULL,
  visible_at INTEGER NOT NULL,
  receipt TEXT NOT NULL,
  dequeue_count INTEGER NOT NULL DEFAULT 0,
  enqueued INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS work_queue_visible ON work_queue (queue, visible_at);
`;

interface MessageRow {
  id: string;
  body: string;
  dequeue_count: number;
}

export interface SqliteMessageStoreOptions {
  dataDir: string;
  /** Queue name, so several queues can share the file. */
  queue: string;
  now?: () => number;
}

export class SqliteMessageStore implements MessageStore {
  private readonly db: Database.Database;
  private readonly queue: string;
  private readonly now: () => number;

  constructor(options: SqliteMessageStoreOptions) {
    this.db = openDatabase(options.dataDir);
    this.db.exec(SCHEMA);
    this.queue = options.queue;
    this.now = options.now ?? Date.now;
  }

  send(body: string, invisibleSeconds: number): Promise<{ id: string; receipt: string }> {
    return settle(() => {
      const id = randomUUID();
      const receipt = randomUUID();
      const now = this.now();
      this.db
        .prepare(
          `INSERT INTO work_queue (id, queue, body, visible_at, receipt, enqueued)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(id, this.queue, body, now + invisibleSeconds * 1000, receipt, now);
      return { id, receipt };
    });
  }

  receive(visibilitySeconds: number): Promise<QueueMessage | undefined> {
    return settle(() => {
      const take = this.db.transaction((): QueueMessage | undefined => {
        const now = this.now();
        const row = this.db
          .prepare(
            `SELECT id, body, dequeue_count FROM work_queue
             WHERE queue = ? AND visible_at <= ? ORDER BY visible_at, enqueued LIMIT 1`,
          )
          .get(this.queue, now) as MessageRow | undefined;
        if (row === undefined) return undefined;
        const receipt = randomUUID();
        this.db
          .prepare(
            `UPDATE work_queue SET receipt = ?, visible_at = ?, dequeue_count = dequeue_count + 1
             WHERE id = ?`,
          )
          .run(receipt, now + visibilitySeconds * 1000, row.id);
        return { id: row.id, receipt, body: row.body, dequeueCount: row.dequeue_count + 1 };
      });
      // IMMEDIATE takes the write lock first, so two processes never receive the same message.
      return take.immediate();
    });
  }

  extend(id: string, receipt: string, visibilitySeconds: number): Promise<string> {
    return settle(() => {
      const next = randomUUID();
      const changed = this.db
        .prepare('UPDATE work_queue SET receipt = ?, visible_at = ? WHERE id = ? AND receipt = ?')
        .run(next, this.now() + visibilitySeconds * 1000, id, receipt);
      if (changed.changes !== 1) throw new LeaseLostError(id);
      return next;
    });
  }

  delete(id: string, receipt: string): Promise<void> {
    return settle(() => {
      const changed = this.db
        .prepare('DELETE FROM work_queue WHERE id = ? AND receipt = ?')
        .run(id, receipt);
      if (changed.changes !== 1) throw new LeaseLostError(id);
    });
  }

  close(): Promise<void> {
    return settle(() => {
      this.db.close();
    });
  }
}

function settle<T>(work: () => T): Promise<T> {
  try {
    return Promise.resolve(work());
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
