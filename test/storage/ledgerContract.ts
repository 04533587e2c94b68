/**
 * The behaviour every `Ledger` backend must show, run against each one. A backend supplies a
 * fresh empty ledger, and a way to open a second one on the same store (a restart, or another
 * instance).
 */
import assert from 'node:assert/strict';
import { GENESIS_HASH, verifyAudit } from '../../services/ledger/auditChain';
import type { Ledger } from '../../services/ledger/types';
import { ALEX, SEAN, auditFor, reportFor, revokeAction } from '../services/ledger/fixtures';

export interface LedgerBackend {
  /** Opens a ledger on a new, empty store with a fixed clock. */
  open(now: () => Date): Promise<Ledger>;
  /** Opens another ledger on the store of the last `open`. */
  reopen(): Promise<Ledger>;
  /** Removes the store of the last `open`. */
  remove(): Promise<void>;
}

const NOW = () => new Date('2026-12-02T09:00:00Z');

export function ledgerContract(backend: LedgerBackend): void {
  let ledger: Ledger;
  const others: Ledger[] = [];

  beforeEach(async () => {
    ledger = await backend.open(NOW);
  });

  afterEach(async () => {
    for (const other of others.splice(0)) await other.close();
    await ledger.close();
    await backend.remove();
  });

  async function second(): Promise<Ledger> {
    const other = await backend.reopen();
    others.push(other);
    return other;
  }

  async function pendingRequest(on: Ledger = ledger) {
    const action = revokeAction(ALEX);
    const reportId = await on.saveReport({ report: reportFor(ALEX, [action]) });
    return on.createRequest({
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

  it('report without conversation reads back without one', async () => {
    const id = await ledger.saveReport({ report: reportFor(ALEX, []) });
    const stored = await ledger.getReport(id);
    assert.equal(stored?.conversation, undefined);
    assert.equal(stored?.cardActivityId, undefined);
  });

  it('unknown report is not found', async () => {
    assert.equal(await ledger.getReport('no-such-report'), undefined);
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

  it('action id with key-reserved characters is found', async () => {
    const action = { ...revokeAction(ALEX), id: 'odd/id#with?reserved\\chars%' };
    await ledger.saveReport({ report: reportFor(ALEX, [action]) });
    assert.equal((await ledger.findAction(action.id))?.action.id, action.id);
    assert.equal(await ledger.findAction('odd/id#with?reserved\\chars'), undefined);
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
    const both = await ledger.listRequests({ status: ['pending', 'running'] });
    assert.deepEqual(
      both.map((r) => r.id),
      [first.id, second.id],
    );
    const none = await ledger.listRequests({ status: [] });
    assert.equal(none.length, 0);
  });

  it('ledger survives a restart', async () => {
    const request = await pendingRequest();
    await ledger.close();
    ledger = await backend.reopen();
    assert.equal((await ledger.getRequest(request.id))?.status, 'pending');
    assert.ok(await ledger.findAction(request.actionId));
  });

  it('two ledgers on one store move a request out of pending once', async () => {
    const request = await pendingRequest();
    const other = await second();
    const results = await Promise.all([
      ledger.transition(request.id, ['pending'], 'running', { decidedAt: 'first' }),
      other.transition(request.id, ['pending'], 'running', { decidedAt: 'second' }),
    ]);
    assert.equal(results.filter((result) => result.ok).length, 1);
    assert.equal(results.filter((result) => !result.ok).length, 1);
    const winner = results.find((result) => result.ok);
    const stored = await ledger.getRequest(request.id);
    assert.equal(stored?.decidedAt, winner?.ok ? winner.request.decidedAt : undefined);
  });

  describe('audit trail', () => {
    beforeEach(async () => {
      await ledger.appendAudit(auditFor(ALEX, 'first'));
      await ledger.appendAudit(auditFor(SEAN, 'second'));
      await ledger.appendAudit(auditFor(ALEX, 'third'));
      await ledger.appendAudit(auditFor(ALEX, 'fourth'));
    });

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

    it('entry appended after a restart continues the chain', async () => {
      await ledger.close();
      ledger = await backend.reopen();
      const fifth = await ledger.appendAudit(auditFor(SEAN, 'fifth'));
      assert.equal(fifth.seq, 5);
      assert.deepEqual(verifyAudit(await ledger.listAudit()), { ok: true, count: 5 });
    });

    it('concurrent appends from two ledgers keep one chain', async () => {
      const other = await second();
      const appends = [];
      for (let index = 0; index < 12; index++) {
        const writer = index % 2 === 0 ? ledger : other;
        appends.push(writer.appendAudit(auditFor(index % 3 === 0 ? SEAN : ALEX, `race ${index}`)));
      }
      const appended = await Promise.all(appends);
      assert.deepEqual(
        appended.map((entry) => entry.seq).sort((a, b) => a - b),
        Array.from({ length: 12 }, (_, index) => index + 5),
      );
      assert.deepEqual(verifyAudit(await ledger.listAudit()), { ok: true, count: 16 });
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

    it('limit of zero lists nothing', async () => {
      assert.deepEqual(await ledger.listAudit({ limit: 0 }), []);
    });
  });
}
