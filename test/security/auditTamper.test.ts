import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from '../../services/ledger/schema';
import { SqliteLedger } from '../../services/ledger/sqliteLedger';
import { hashEntry } from '../../services/ledger/auditChain';
import type { AuditEntry, NewAuditEntry } from '../../services/ledger/types';

const ROOT = path.join(__dirname, '..', '..');
const ALEX = {
  id: '11111111-1111-4111-8111-111111111111',
  userPrincipalName: 'alex.doe@contoso.com',
};

function entry(action: NewAuditEntry['action'], result: string, minute: number): NewAuditEntry {
  return {
    at: `2026-12-02T09:${String(minute).padStart(2, '0')}:00.000Z`,
    actor: { aadObjectId: 'riley-id', name: 'Riley Chen' },
    action,
    target: { kind: 'revoke-sessions', type: 'user', id: ALEX.id, displayName: 'Alex Doe' },
    subject: ALEX,
    result,
    correlationId: `corr-${minute}`,
  };
}

/** Runs `firebreak audit --verify` as its own process, as an operator would. */
function verify(dataDir: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(
    process.execPath,
    ['--require', 'tsx/cjs', 'bin/firebreak.ts', 'audit', '--verify', '--data-dir', dataDir],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: os.tmpdir() },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('audit trail tampering, verified by the CLI', function () {
  this.timeout(120_000);
  let original: string;
  let copy: string;

  before(async () => {
    original = mkdtempSync(path.join(os.tmpdir(), 'firebreak-audit-'));
    const ledger = new SqliteLedger({ dataDir: original });
    await ledger.appendAudit(entry('requested', 'revoke sessions requested', 1));
    await ledger.appendAudit(entry('approved', 'approved by Jordan Lee', 2));
    await ledger.appendAudit(entry('succeeded', 'sessions revoked', 3));
    await ledger.appendAudit(entry('requested', 'disable user requested', 4));
    await ledger.close();
  });
  beforeEach(() => {
    copy = mkdtempSync(path.join(os.tmpdir(), 'firebreak-audit-copy-'));
    cpSync(original, copy, { recursive: true });
  });
  afterEach(() => rmSync(copy, { recursive: true, force: true }));
  after(() => rmSync(original, { recursive: true, force: true }));

  /** Opens the copied ledger file directly, as someone with write access to the disk would. */
  function tamper(change: (db: Database.Database) => void): void {
    const db = new Database(path.join(copy, DATABASE_FILE));
    try {
      change(db);
    } finally {
      db.close();
    }
  }

  it('untouched trail verifies', () => {
    const run = verify(copy);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /audit trail intact: 4 entries/);
  });

  it('edited result is found', () => {
    tamper((db) => {
      const row = db.prepare('SELECT body FROM audit WHERE seq = 3').get() as { body: string };
      const body = JSON.parse(row.body) as Record<string, unknown>;
      db.prepare('UPDATE audit SET body = ? WHERE seq = 3').run(
        JSON.stringify({ ...body, result: 'no action taken' }),
      );
    });
    const run = verify(copy);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /audit trail broken at seq 3: hash does not match the entry/);
  });

  it('deleted entry is found', () => {
    tamper((db) => db.prepare('DELETE FROM audit WHERE seq = 2').run());
    const run = verify(copy);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /audit trail broken at seq 3: expected seq 2, found 3/);
  });

  it('reordered entries are found', () => {
    tamper((db) => {
      const rows = db.prepare('SELECT seq, body FROM audit WHERE seq IN (2, 3)').all() as {
        seq: number;
        body: string;
      }[];
      const update = db.prepare('UPDATE audit SET body = ? WHERE seq = ?');
      db.transaction(() => {
        update.run(rows[1].body, rows[0].seq);
        update.run(rows[0].body, rows[1].seq);
      })();
    });
    const run = verify(copy);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /audit trail broken at seq 2/);
  });

  it('edit with its own hash recomputed is found at the next entry', () => {
    tamper((db) => {
      const row = db.prepare('SELECT body FROM audit WHERE seq = 2').get() as { body: string };
      const entry: Omit<AuditEntry, 'hash'> & { hash?: string } = JSON.parse(
        row.body,
      ) as AuditEntry;
      delete entry.hash;
      const forged = { ...entry, actor: { aadObjectId: 'jordan-id', name: 'Jordan Lee' } };
      db.prepare('UPDATE audit SET body = ? WHERE seq = 2').run(
        JSON.stringify({ ...forged, hash: hashEntry(forged) }),
      );
    });
    const run = verify(copy);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /audit trail broken at seq 3: prevHash does not match the previous entry/,
    );
  });
});
