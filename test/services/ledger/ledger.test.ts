import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import path from 'node:path';
import { SqliteLedger } from '../../../services/ledger/sqliteLedger';
import { ALEX, SEAN, reportFor, revokeAction, tempDir } from './fixtures';

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

  async function pendingRequest() {
    const action = revokeAction(ALEX);
    const reportId = await ledger.saveReport({ report: reportFor(ALEX, [action]) });
    return ledger.createRequest({
      actionId: action.id,
      reportId,
      action,
      subject: ALEX,
      requestedBy: { aadObjectId: 'riley-id', name: 'Riley Chen' },
      requestedAt: '2026-12-02T09:00:00.000Z',
      expiresAt: '2026-12-02T10:00:00.000Z',
    });
  }

  it('saved report reads back with its card', async () => {
    const report = reportFor(ALEX, [revokeAction(ALEX)]);
    const id = await ledger.saveReport({ report, conversation: { id: 'conv-1' } });
    await ledger.setReportCard(id, 'activity-7');
    const stored = await ledger.getReport(id);
    assert.deepEqual(stored?.report, report);
    assert.deepEqual(stored?.conversation, { id: 'conv-1' });
    assert.equal(stored?.cardActivityId, 'activity-7');
    assert.equal(stored?.savedAt, '2026-12-02T09:00:00.000Z');
  });

  it('card of an unknown report is rejected', async () => {
    await assert.rejects(ledger.setReportCard('no-such-report', 'activity-1'), /not found/);
  });

  it('action is found in the newest report offering it', async () => {
    await ledger.saveReport({ report: reportFor(ALEX, [revokeAction(ALEX, 'old label')]) });
    const newer = await ledger.saveReport({
      report: reportFor(ALEX, [revokeAction(ALEX, 'new label')]),
    });
    const found = await ledger.findAction(revokeAction(ALEX).id);
    assert.equal(found?.reportId, newer);
    assert.equal(found?.action.label, 'new label');
    assert.deepEqual(found?.subject, ALEX);
  });

  it('unknown action is not found', async () => {
    await ledger.saveReport({ report: reportFor(ALEX, [revokeAction(ALEX)]) });
    assert.equal(await ledger.findAction('forged-action-id'), undefined);
  });

  it('created request is pending', async () => {
    const request = await pendingRequest();
    assert.equal(request.status, 'pending');
    assert.deepEqual(await ledger.getRequest(request.id), request);
  });

  it('transition from the listed status applies the patch', async () => {
    const request = await pendingRequest();
    const decidedBy = { aadObjectId: 'jordan-id', name: 'Jordan Patel' };
    const moved = await ledger.transition(request.id, ['pending'], 'running', { decidedBy });
    assert.equal(moved.ok, true);
    const stored = await ledger.getRequest(request.id);
    assert.equal(stored?.status, 'running');
    assert.deepEqual(stored?.decidedBy, decidedBy);
  });

  it('transition from another status changes nothing', async () => {
    const request = await pendingRequest();
    await ledger.transition(request.id, ['pending'], 'rejected', {
      rejectReason: 'false positive',
    });
    const moved = await ledger.transition(request.id, ['pending'], 'running', {});
    assert.equal(moved.ok, false);
    assert.equal(moved.ok ? undefined : moved.current?.status, 'rejected');
    assert.equal((await ledger.getRequest(request.id))?.status, 'rejected');
  });

  it('transition keeps the id whatever the patch says', async () => {
    const request = await pendingRequest();
    await ledger.transition(request.id, ['pending'], 'running', { id: 'other-id' });
    assert.equal((await ledger.getRequest(request.id))?.id, request.id);
  });

  it('transition of an unknown request fails', async () => {
    const moved = await ledger.transition('no-such-request', ['pending'], 'running', {});
    assert.deepEqual(moved, { ok: false, current: undefined });
  });

  it('requests are listed by status and subject', async () => {
    const first = await pendingRequest();
    const action = revokeAction(SEAN);
    const reportId = await ledger.saveReport({ report: reportFor(SEAN, [action]) });
    const second = await ledger.createRequest({
      actionId: action.id,
      reportId,
      action,
      subject: SEAN,
      requestedBy: { aadObjectId: 'riley-id', name: 'Riley Chen' },
      requestedAt: '2026-12-02T09:05:00.000Z',
      expiresAt: '2026-12-02T10:05:00.000Z',
    });
    await ledger.transition(first.id, ['pending'], 'running', {});
    const running = await ledger.listRequests({ status: ['running'] });
    assert.deepEqual(
      running.map((r) => r.id),
      [first.id],
    );
    const sean = await ledger.listRequests({ subjectId: SEAN.id });
    assert.deepEqual(
      sean.map((r) => r.id),
      [second.id],
    );
    const none = await ledger.listRequests({ status: [] });
    assert.equal(none.length, 0);
  });

  it('ledger survives a restart', async () => {
    const request = await pendingRequest();
    await ledger.close();
    ledger = new SqliteLedger({ dataDir: temp.dir });
    assert.equal((await ledger.getRequest(request.id))?.status, 'pending');
    assert.ok(await ledger.findAction(request.actionId));
  });

  it('database uses WAL journal mode', () => {
    const db = new Database(path.join(temp.dir, 'firebreak.db'), { readonly: true });
    try {
      assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    } finally {
      db.close();
    }
  });

  it('two ledgers on one file move a request out of pending once', async () => {
    const request = await pendingRequest();
    const second = new SqliteLedger({ dataDir: temp.dir });
    try {
      const results = await Promise.all([
        ledger.transition(request.id, ['pending'], 'running', { decidedAt: 'first' }),
        second.transition(request.id, ['pending'], 'running', { decidedAt: 'second' }),
      ]);
      assert.equal(results.filter((result) => result.ok).length, 1);
      assert.equal(results.filter((result) => !result.ok).length, 1);
    } finally {
      await second.close();
    }
  });
});
