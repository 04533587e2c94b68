/**
 * The durable watch schedule: one row per watched user and conversation, in its own table of
 * the ledger's database file `<dataDir>/firebreak.db`, so that watches survive a restart and a
 * second process reads the same schedule.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../ledger/schema';

/** The bot's conversation reference; kept structural so services stay free of bot types. */
export interface WatchConversation {
  conversation: { id: string };
  [key: string]: unknown;
}

export interface WatchJob {
  userId: string;
  userPrincipalName: string;
  conversationId: string;
  conversation: WatchConversation;
  everyMs: number;
  /** ISO 8601 in UTC; the watch ends here. */
  until: string;
  createdAt: string;
  /** End of the window the last recheck read; the next recheck starts here. */
  lastRunAt: string;
  nextRunAt: string;
  /** Keys of findings already reported to the conversation. */
  seen: string[];
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS watches (
  user_id TEXT NOT NULL,
  conversation_id TEXT NOT NULL,
  next_run_at TEXT NOT NULL,
  until TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (user_id, conversation_id)
);
CREATE INDEX IF NOT EXISTS watches_next_run ON watches (next_run_at);
`;

export class WatchStore {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    const directory = path.resolve(dataDir);
    mkdirSync(directory, { recursive: true, mode: 0o700 });
    this.db = new Database(path.join(directory, DATABASE_FILE));
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
  }

  /** Inserts the job, or replaces the watch of the same user in the same conversation. */
  put(job: WatchJob): void {
    this.db
      .prepare(
        `INSERT INTO watches (user_id, conversation_id, next_run_at, until, body)
         VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (user_id, conversation_id) DO UPDATE SET
           next_run_at = excluded.next_run_at, until = excluded.until, body = excluded.body`,
      )
      .run(job.userId, job.conversationId, job.nextRunAt, job.until, JSON.stringify(job));
  }

  /** Deletes the watch; returns false when there was none. */
  delete(userId: string, conversationId: string): boolean {
    const result = this.db
      .prepare('DELETE FROM watches WHERE user_id = ? AND conversation_id = ?')
      .run(userId, conversationId);
    return result.changes > 0;
  }

  get(userId: string, conversationId: string): WatchJob | undefined {
    const row = this.db
      .prepare('SELECT body FROM watches WHERE user_id = ? AND conversation_id = ?')
      .get(userId, conversationId) as { body: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.body) as WatchJob);
  }

  /**
   * Returns the running jobs whose next run is at or before `at`, earliest first, and moves
   * each one's next run an interval later in the same transaction. A second process polling the
   * same file, or the next tick, therefore does not run the job again.
   */
  claimDue(at: Date): WatchJob[] {
    const iso = at.toISOString();
    return this.db.transaction(() => {
      const due = this.rows(
        'SELECT body FROM watches WHERE next_run_at <= ? AND until > ? ORDER BY next_run_at',
        iso,
        iso,
      );
      return due.map((job) => {
        const claimed = { ...job, nextRunAt: new Date(at.getTime() + job.everyMs).toISOString() };
        this.put(claimed);
        return claimed;
      });
    })();
  }

  /** Deletes and returns the jobs whose watch ended at or before `at`. */
  takeEnded(at: Date): WatchJob[] {
    const iso = at.toISOString();
    return this.db.transaction(() => {
      const ended = this.rows('SELECT body FROM watches WHERE until <= ? ORDER BY until', iso);
      this.db.prepare('DELETE FROM watches WHERE until <= ?').run(iso);
      return ended;
    })();
  }

  list(): WatchJob[] {
    return this.rows('SELECT body FROM watches ORDER BY next_run_at');
  }

  close(): void {
    this.db.close();
  }

  private rows(sql: string, ...parameters: string[]): WatchJob[] {
    const rows = this.db.prepare(sql).all(...parameters) as { body: string }[];
    return rows.map((row) => JSON.parse(row.body) as WatchJob);
  }
}
