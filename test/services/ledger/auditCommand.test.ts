import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import { runAudit } from '../../../bin/commands/audit';
import { SqliteLedger } from '../../../services/ledger/sqliteLedger';
import { ALEX, SEAN, auditFor, tempDir } from './fixtures';

describe('firebreak audit', () => {
  let temp: ReturnType<typeof tempDir>;
  let out: string[];
  let err: string[];

  beforeEach(async () => {
    temp = tempDir();
    out = [];
    err = [];
    const ledger = new SqliteLedger({ dataDir: temp.dir });
    await ledger.appendAudit(auditFor(ALEX, 'first'));
    await ledger.appendAudit(auditFor(SEAN, 'second'));
    await ledger.appendAudit(auditFor(ALEX, 'third'));
    await ledger.close();
  });

  afterEach(() => temp.remove());

  const io = () => ({
    stdout: (text: string) => out.push(text),
    stderr: (text: string) => err.push(text),
    env: {},
  });

  it('prints one JSON line per entry', async () => {
    const code = await runAudit(['--data-dir', temp.dir], io());
    assert.equal(code, 0);
    assert.equal(out.length, 3);
    const first = JSON.parse(out[0]) as Record<string, unknown>;
    assert.equal(first.time, '2026-12-02T09:00:00.000Z');
    assert.deepEqual(first.actor, { aadObjectId: 'riley-id', name: 'Riley Chen' });
    assert.equal(first.action, 'requested');
    assert.equal(first.result, 'first');
    assert.equal(first.correlationId, 'corr-1');
    assert.deepEqual(first.target, {
      kind: 'revoke-sessions',
      type: 'user',
      id: ALEX.id,
      displayName: ALEX.displayName,
    });
  });

  it('user option keeps that user only', async () => {
    const code = await runAudit(['--data-dir', temp.dir, '--user', 'Alex.Doe@contoso.com'], io());
    assert.equal(code, 0);
    assert.deepEqual(
      out.map((line) => (JSON.parse(line) as { result: string }).result),
      ['first', 'third'],
    );
  });

  it('data dir comes from FIREBREAK_DATA_DIR', async () => {
    const code = await runAudit([], { ...io(), env: { FIREBREAK_DATA_DIR: temp.dir } });
    assert.equal(code, 0);
    assert.equal(out.length, 3);
  });

  it('verify of an intact trail exits 0', async () => {
    const code = await runAudit(['--data-dir', temp.dir, '--verify'], io());
    assert.equal(code, 0);
    assert.deepEqual(out, [
      `audit trail intact: 3 entries in ${path.join(temp.dir, 'firebreak.db')}`,
    ]);
  });

  it('verify of an edited trail exits 1 naming the seq', async () => {
    const db = new Database(path.join(temp.dir, 'firebreak.db'));
    db.exec(`UPDATE audit SET body = replace(body, 'Riley Chen', 'Someone Else') WHERE seq = 2`);
    db.close();
    const code = await runAudit(['--data-dir', temp.dir, '--verify'], io());
    assert.equal(code, 1);
    assert.match(err.join('\n'), /broken at seq 2/);
  });

  it('missing ledger exits 1 naming the path', async () => {
    const missing = path.join(temp.dir, 'nowhere');
    const code = await runAudit(['--data-dir', missing], io());
    assert.equal(code, 1);
    assert.match(err.join('\n'), /no ledger at .*nowhere/);
  });

  it('unknown option exits 2 with usage', async () => {
    const code = await runAudit(['--everything'], io());
    assert.equal(code, 2);
    assert.match(err.join('\n'), /Usage:/);
  });
});
