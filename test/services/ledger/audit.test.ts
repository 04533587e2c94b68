import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import { canonicalJson, verifyAudit } from '../../../services/ledger/auditChain';
import { SqliteLedger } from '../../../services/ledger/sqliteLedger';
import { ALEX, SEAN, auditFor, tempDir } from './fixtures';

// The behaviour shared with the table-storage backend is in test/storage/ledgerContract.ts.
describe('audit trail on SQLite', () => {
  let temp: ReturnType<typeof tempDir>;
  let ledger: SqliteLedger;

  beforeEach(async () => {
    temp = tempDir();
    ledger = new SqliteLedger({ dataDir: temp.dir });
    await ledger.appendAudit(auditFor(ALEX, 'first'));
    await ledger.appendAudit(auditFor(SEAN, 'second'));
    await ledger.appendAudit(auditFor(ALEX, 'third'));
    await ledger.appendAudit(auditFor(ALEX, 'fourth'));
  });

  afterEach(async () => {
    await ledger.close();
    temp.remove();
  });

  /** Changes the database behind the ledger's back, as someone with file access could. */
  function tamper(sql: string): void {
    const db = new Database(path.join(temp.dir, 'firebreak.db'));
    try {
      db.exec(sql);
    } finally {
      db.close();
    }
  }

  it('edited entry is detected', async () => {
    tamper(
      `UPDATE audit SET body = replace(body, '"result":"second"', '"result":"nothing"') WHERE seq = 2`,
    );
    const verdict = verifyAudit(await ledger.listAudit());
    assert.equal(verdict.ok, false);
    assert.equal(verdict.ok ? 0 : verdict.seq, 2);
  });

  it('deleted entry is detected', async () => {
    tamper('DELETE FROM audit WHERE seq = 2');
    const verdict = verifyAudit(await ledger.listAudit());
    assert.equal(verdict.ok, false);
    assert.equal(verdict.ok ? 0 : verdict.seq, 3);
  });

  it('reordered entries are detected', async () => {
    tamper(
      'UPDATE audit SET seq = -2 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = -2;',
    );
    const verdict = verifyAudit(await ledger.listAudit());
    assert.equal(verdict.ok, false);
    assert.equal(verdict.ok ? 0 : verdict.seq, 2);
  });

  it('canonical JSON sorts keys and drops undefined', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: undefined, c: [2, 'x'] } }),
      '{"a":{"c":[2,"x"]},"b":1}',
    );
  });
});
