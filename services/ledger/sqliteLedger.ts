/**
 * The ledger on SQLite (better-sqlite3). Every state change of a request is one guarded UPDATE
 * inside an IMMEDIATE transaction, so two processes sharing the file cannot both move the same
 * request out of `pending`.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ApprovalRequest, ApprovalStatus, Report } from '../domain';
import { GENESIS_HASH, canonicalJson, hashEntry } from './auditChain';
import { openDatabase } from './schema';
import type {
  AuditEntry,
  Ledger,
  NewAuditEntry,
  NewRequest,
  OfferedAction,
  StoredReport,
  TransitionResult,
} from './types';

interface ReportRow {
  id: string;
  saved_at: string;
  report: string;
  conversation: string | null;
  card_activity_id: string | null;
}

export interface SqliteLedgerOptions {
  /** Directory of `firebreak.db` (FIREBREAK_DATA_DIR). */
  dataDir: string;
  now?: () => Date;
}

export class SqliteLedger implements Ledger {
  private readonly db: Database.Database;
  private readonly now: () => Date;

  constructor(options: SqliteLedgerOptions) {
    this.db = openDatabase(options.dataDir);
    this.now = options.now ?? (() => new Date());
  }

  saveReport(input: {
    report: Report;
    conversation?: unknown;
    cardActivityId?: string;
  }): Promise<string> {
    return this.settle(() => {
      const id = randomUUID();
      const save = this.db.transaction(() => {
        const inserted = this.db
          .prepare(
            `INSERT INTO reports (id, subject_id, saved_at, report, conversation, card_activity_id)
             VALUES (?, ?, ?, ?, ?, ?)`,
          )
          .run(
            id,
            input.report.user.id,
            this.now().toISOString(),
            JSON.stringify(input.report),
            input.conversation === undefined ? null : JSON.stringify(input.conversation),
            input.cardActivityId ?? null,
          );
        const offer = this.db.prepare(
          'INSERT OR IGNORE INTO report_actions (action_id, report_position) VALUES (?, ?)',
        );
        for (const action of input.report.actions) offer.run(action.id, inserted.lastInsertRowid);
      });
      save.immediate();
      return id;
    });
  }

  setReportCard(reportId: string, cardActivityId: string): Promise<void> {
    return this.settle(() => {
      const changed = this.db
        .prepare('UPDATE reports SET card_activity_id = ? WHERE id = ?')
        .run(cardActivityId, reportId);
      if (changed.changes !== 1) {
        throw new Error(`report ${reportId} not found in the ledger; save the report first`);
      }
    });
  }

  getReport(reportId: string): Promise<StoredReport | undefined> {
    return this.settle(() => {
      const row = this.db.prepare('SELECT * FROM reports WHERE id = ?').get(reportId) as
        ReportRow | undefined;
      return row === undefined ? undefined : toStoredReport(row);
    });
  }

  findAction(actionId: string): Promise<OfferedAction | undefined> {
    return this.settle(() => {
      const row = this.db
        .prepare(
          `SELECT r.* FROM report_actions a JOIN reports r ON r.position = a.report_position
           WHERE a.action_id = ? ORDER BY r.position DESC LIMIT 1`,
        )
        .get(actionId) as ReportRow | undefined;
      if (row === undefined) return undefined;
      const report = JSON.parse(row.report) as Report;
      const action = report.actions.find((candidate) => candidate.id === actionId);
      if (action === undefined) return undefined;
      return { reportId: row.id, action, subject: report.user };
    });
  }

  createRequest(input: NewRequest): Promise<ApprovalRequest> {
    return this.settle(() => {
      const request: ApprovalRequest = { id: randomUUID(), ...input, status: 'pending' };
      this.db
        .prepare(
          `INSERT INTO requests (id, action_id, report_id, subject_id, status, requested_at, body)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          request.id,
          request.actionId,
          request.reportId,
          request.subject.id,
          request.status,
          request.requestedAt,
          JSON.stringify(request),
        );
      return request;
    });
  }

  getRequest(id: string): Promise<ApprovalRequest | undefined> {
    return this.settle(() => {
      return this.readRequest(id);
    });
  }

  transition(
    id: string,
    from: ApprovalStatus[],
    to: ApprovalStatus,
    patch: Partial<ApprovalRequest>,
  ): Promise<TransitionResult> {
    return this.settle(() => {
      const apply = this.db.transaction((): TransitionResult => {
        const current = this.readRequest(id);
        if (current === undefined || !from.includes(current.status)) return { ok: false, current };
        const next: ApprovalRequest = { ...current, ...patch, id: current.id, status: to };
        const marks = from.map(() => '?').join(', ');
        const changed = this.db
          .prepare(`UPDATE requests SET status = ?, body = ? WHERE id = ? AND status IN (${marks})`)
          .run(to, JSON.stringify(next), id, ...from);
        return changed.changes === 1 ? { ok: true, request: next } : { ok: false, current };
      });
      return apply.immediate();
    });
  }

  listRequests(filter: {
    status?: ApprovalStatus[];
    subjectId?: string;
  }): Promise<ApprovalRequest[]> {
    return this.settle(() => {
      const conditions: string[] = [];
      const values: string[] = [];
      if (filter.status !== undefined) {
        conditions.push(`status IN (${filter.status.map(() => '?').join(', ') || "''"})`);
        values.push(...filter.status);
      }
      if (filter.subjectId !== undefined) {
        conditions.push('subject_id = ?');
        values.push(filter.subjectId);
      }
      const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
      const rows = this.db
        .prepare(`SELECT body FROM requests ${where} ORDER BY requested_at, rowid`)
        .all(...values) as { body: string }[];
      return rows.map((row) => JSON.parse(row.body) as ApprovalRequest);
    });
  }

  appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    return this.settle(() => {
      const append = this.db.transaction((): AuditEntry => {
        const last = this.db
          .prepare('SELECT seq, body FROM audit ORDER BY seq DESC LIMIT 1')
          .get() as { seq: number; body: string } | undefined;
        const prevHash =
          last === undefined ? GENESIS_HASH : (JSON.parse(last.body) as AuditEntry).hash;
        const unhashed = { ...entry, seq: (last?.seq ?? 0) + 1, prevHash };
        const stored: AuditEntry = { ...unhashed, hash: hashEntry(unhashed) };
        this.db
          .prepare('INSERT INTO audit (seq, subject_id, subject_upn, body) VALUES (?, ?, ?, ?)')
          .run(
            stored.seq,
            stored.subject.id,
            stored.subject.userPrincipalName,
            canonicalJson(stored),
          );
        return stored;
      });
      return append.immediate();
    });
  }

  /** `subjectId` matches the subject's object id or, without case, its userPrincipalName. */
  listAudit(filter: { subjectId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    return this.settle(() => {
      const where =
        filter.subjectId === undefined
          ? ''
          : 'WHERE subject_id = ? OR lower(subject_upn) = lower(?)';
      const values = filter.subjectId === undefined ? [] : [filter.subjectId, filter.subjectId];
      const limit =
        filter.limit === undefined ? '' : `LIMIT ${Math.max(0, Math.floor(filter.limit))}`;
      const rows = this.db
        .prepare(`SELECT seq, body FROM audit ${where} ORDER BY seq DESC ${limit}`)
        .all(...values) as { seq: number; body: string }[];
      // The column is the order of record; an entry moved to another seq then fails its hash.
      return rows
        .reverse()
        .map((row) => ({ ...(JSON.parse(row.body) as AuditEntry), seq: row.seq }));
    });
  }

  close(): Promise<void> {
    return this.settle(() => {
      this.db.close();
    });
  }

  /** Runs synchronous SQLite work behind the asynchronous interface; a throw becomes a rejection. */
  private settle<T>(work: () => T): Promise<T> {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private readRequest(id: string): ApprovalRequest | undefined {
    const row = this.db.prepare('SELECT status, body FROM requests WHERE id = ?').get(id) as
      { status: ApprovalStatus; body: string } | undefined;
    if (row === undefined) return undefined;
    return { ...(JSON.parse(row.body) as ApprovalRequest), status: row.status };
  }
}

function toStoredReport(row: ReportRow): StoredReport {
  return {
    id: row.id,
    report: JSON.parse(row.report) as Report,
    conversation: row.conversation === null ? undefined : (JSON.parse(row.conversation) as unknown),
    cardActivityId: row.card_activity_id ?? undefined,
    savedAt: row.saved_at,
  };
}
