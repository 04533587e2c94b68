import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import { SqliteLedger } from '../../../services/ledger/sqliteLedger';
import { tempDir } from './fixtures';

// The behaviour shared with the table-storage backend is in test/storage/ledgerContract.ts.
describe('sqlite ledger', () => {
  let temp: ReturnType<typeof tempDir>;
  let ledger: SqliteLedger;

  beforeEach(() => {
    temp = tempDir();
    ledger = new SqliteLedger({ dataDir: temp.dir, now: () => new Date('2026-12-02T09:00:00Z') });
  });

  afterEach(async () => {
    await ledger.close();
    temp.remove();
  });

  it('database uses WAL journal mode', () => {
    const db = new Database(path.join(temp.dir, 'firebreak.db'), { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });
});
