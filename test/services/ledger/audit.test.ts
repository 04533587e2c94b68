import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import { GENESIS_HASH, canonicalJson, verifyAudit } from '../../../services/ledger/auditChain';
import { SqliteLedger } from '../../../services/ledger/sqliteLedger';
import { ALEX, SEAN, auditFor, tempDir } from './fixtures';

describe('audit trail', () => {
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

  it('entries are chained from the genesis hash', async () => {
    const entries = await ledger.listAudit();
    assert.deepEqual(
      entries.map((e) => e.seq),
      [1, 2, 3, 4],
    );
    assert.equal(entries[0].prevHash, GENESIS_HASH);
    assert.equal(entries[1].prevHash, entries[0].hash);
    assert.match(entries[3].hash, /^[0-9a-f]{64}$/);
  });

  it('untouched trail verifies', async () => {
    assert.deepEqual(verifyAudit(await ledger.listAudit()), { ok: true, count: 4 });
  });

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

  it('entry appended after a restart continues the chain', async () => {
    await ledger.close();
    ledger = new SqliteLedger({ dataDir: temp.dir });
    const fifth = await ledger.appendAudit(auditFor(SEAN, 'fifth'));
    assert.equal(fifth.seq, 5);
    assert.deepEqual(verifyAudit(await ledger.listAudit()), { ok: true, count: 5 });
  });

  it('trail is listed per user by id or any-case UPN', async () => {
    const byId = await ledger.listAudit({ subjectId: ALEX.id });
    assert.deepEqual(
      byId.map((e) => e.result),
      ['first', 'third', 'fourth'],
    );
    const byUpn = await ledger.listAudit({ subjectId: 'ALEX.DOE@CONTOSO.COM' });
    assert.deepEqual(
      byUpn.map((e) => e.result),
      ['first', 'third', 'fourth'],
    );
  });

  it('limit keeps the newest entries in order', async () => {
    const newest = await ledger.listAudit({ limit: 2 });
    assert.deepEqual(
      newest.map((e) => e.seq),
      [3, 4],
    );
  });

  it('canonical JSON sorts keys and drops undefined', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: undefined, c: [2, 'x'] } }),
      '{"a":{"c":[2,"x"]},"b":1}',
    );
  });
});
