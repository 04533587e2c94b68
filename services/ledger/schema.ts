/**
 * Opens the ledger database `<dataDir>/firebreak.db` and creates its tables. WAL lets the bot and
 * the CLI read while another process writes. With `busy_timeout`, a second process waits for the
 * write lock instead of failing at once.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export const DATABASE_FILE = 'firebreak.db';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS reports (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  subject_id TEXT NOT NULL,
  saved_at TEXT NOT NULL,
  report TEXT NOT NULL,
  conversation TEXT,
  card_activity_id TEXT
);
CREATE TABLE IF NOT EXISTS report_actions (
  action_id TEXT NOT NULL,
  report_position INTEGER NOT NULL REFERENCES reports(position),
  PRIMARY KEY (action_id, report_position)
);
CREATE TABLE IF NOT EXISTS requests (
  id TEXT PRIMARY KEY,
  action_id TEXT NOT NULL,
  report_id TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS requests_status ON requests (status);
CREATE INDEX IF NOT EXISTS requests_subject ON requests (subject_id);
CREATE TABLE IF NOT EXISTS audit (
  seq INTEGER PRIMARY KEY,
  subject_id TEXT NOT NULL,
  subject_upn TEXT NOT NULL,
  body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_subject ON audit (subject_id);
`;

export function openDatabase(dataDir: string): Database.Database {
  const directory = path.resolve(dataDir);
  mkdirSync(directory, { recursive: true, mode: 0o700 });
  const db = new Database(path.join(directory, DATABASE_FILE));
  db.pragma('journal_mode = WAL');
  // FULL makes each committed approval and audit entry durable across a power loss, not only a crash.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.exec(SCHEMA);
  return db;
}
