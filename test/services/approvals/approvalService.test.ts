import assert from 'node:assert/strict';
import { SqliteLedger } from '../../../services/ledger/sqliteLedger';
import { verifyAudit } from '../../../services/ledger/auditChain';
import { ACTIONS, ACTORS, IDS, readGraph, startFlow, type Flow } from './harness';

describe('approval service', () => {
  let flow: Flow;

  beforeEach(async () => {
    flow = await startFlow();
  });

  afterEach(async () => {
    await flow.close();
  });

  async function requested(actionId = 'disable-user', actor = ACTORS.riley) {
    const outcome = await flow.service.request(actor, actionId, 'corr-request');
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    return outcome.request;
  }

  it('request by a responder is pending with the ledger action', async () => {
    const request = await requested();
    assert.equal(request.status, 'pending');
    assert.deepEqual(request.action, ACTIONS['disable-user']);
    assert.equal(request.subject.id, IDS.alex);
    assert.equal(request.requestedBy.aadObjectId, IDS.riley);
    assert.equal(Date.parse(request.expiresAt) - Date.parse(request.requestedAt), 3600_000);
  });

  it('request by a nested group member is accepted', async () => {
    const outcome = await flow.service.request(ACTORS.jordan, 'disable-user', 'corr-1');
    assert.equal(outcome.ok, true);
  });

  it('request by a non-responder is rejected', async () => {
    const outcome = await flow.service.request(ACTORS.sam, 'disable-user', 'corr-1');
    assert.equal(outcome.ok, false);
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.not-responder');
    assert.equal((await flow.ledger.listRequests({})).length, 0);
  });

  it('request without a responder group names the variable', async () => {
    const service = flow.newService({ responderGroupId: undefined });
    const outcome = await service.request(ACTORS.riley, 'disable-user', 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.not-configured');
    assert.match(outcome.ok ? '' : outcome.message, /FIREBREAK_RESPONDER_GROUP/);
  });

  it('request for an action on no report is rejected', async () => {
    const outcome = await flow.service.request(ACTORS.riley, 'forged-action', 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.unknown-action');
  });

  it('same request twice returns the open request', async () => {
    const first = await requested();
    const second = await requested();
    assert.equal(second.id, first.id);
    assert.equal((await flow.ledger.listRequests({})).length, 1);
  });

  it('approval by an approver runs and verifies once', async () => {
    const request = await requested();
    const outcome = await flow.service.approve(ACTORS.casey, request.id, 'corr-approve');
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    assert.equal(outcome.request.status, 'succeeded');
    assert.equal(outcome.request.verified, true);
    assert.equal(outcome.request.decidedBy?.aadObjectId, IDS.casey);
    assert.deepEqual(flow.writes(), [{ method: 'PATCH', path: `users/${IDS.alex}` }]);
    const user = await readGraph<{ accountEnabled: boolean }>(flow, `users/${IDS.alex}`);
    assert.equal(user.body?.accountEnabled, false);
  });

  it('started approval is running before it is done', async () => {
    const request = await requested();
    const start = await flow.service.startApproval(ACTORS.casey, request.id, 'corr-approve');
    assert.equal(start.accepted.ok ? start.accepted.request.status : '', 'running');
    const done = await start.done;
    assert.equal(done.ok ? done.request.status : '', 'succeeded');
  });

  it('rejection with a reason runs nothing', async () => {
    const request = await requested();
    const outcome = await flow.service.reject(
      ACTORS.casey,
      request.id,
      '  known travel  ',
      'corr-reject',
    );
    assert.equal(outcome.ok ? outcome.request.status : '', 'rejected');
    assert.equal(outcome.ok ? outcome.request.rejectReason : '', 'known travel');
    assert.deepEqual(flow.writes(), []);
  });

  it('approval by the requester is rejected', async () => {
    const request = await requested('disable-user', ACTORS.jordan);
    const outcome = await flow.service.approve(ACTORS.jordan, request.id, 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.self-approval');
    assert.equal((await flow.ledger.getRequest(request.id))?.status, 'pending');
    assert.deepEqual(flow.writes(), []);
  });

  it('approval by a non-member is rejected', async () => {
    const request = await requested();
    const outcome = await flow.service.approve(ACTORS.sam, request.id, 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.not-approver');
    assert.deepEqual(flow.writes(), []);
  });

  it('rejection by a non-member is rejected', async () => {
    const request = await requested();
    const outcome = await flow.service.reject(ACTORS.sam, request.id, 'no', 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.not-approver');
    assert.equal((await flow.ledger.getRequest(request.id))?.status, 'pending');
  });

  it('approval without an approver group names the variable', async () => {
    const request = await requested();
    const service = flow.newService({ approverGroupId: undefined });
    const outcome = await service.approve(ACTORS.casey, request.id, 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.not-configured');
    assert.match(outcome.ok ? '' : outcome.message, /FIREBREAK_APPROVER_GROUP/);
  });

  it('manager approves an action on the user own object', async () => {
    const request = await requested('delete-inbox-rule');
    const outcome = await flow.service.approve(ACTORS.morgan, request.id, 'corr-1');
    assert.equal(outcome.ok ? outcome.request.status : outcome.code, 'succeeded');
  });

  it('manager approves removal of the user own consent', async () => {
    const request = await requested('remove-consent');
    const outcome = await flow.service.approve(ACTORS.morgan, request.id, 'corr-1');
    assert.equal(outcome.ok ? outcome.request.status : outcome.code, 'succeeded');
  });

  it('manager cannot approve a tenant-wide consent removal', async () => {
    const request = await requested('remove-tenant-consent');
    const outcome = await flow.service.approve(ACTORS.morgan, request.id, 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.not-approver');
  });

  it('manager cannot approve an action on an application', async () => {
    const request = await requested('remove-credential');
    const outcome = await flow.service.approve(ACTORS.morgan, request.id, 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.not-approver');
    assert.deepEqual(flow.writes(), []);
  });

  it('replayed approval writes to Graph once', async () => {
    const request = await requested();
    const first = await flow.service.approve(ACTORS.casey, request.id, 'corr-1');
    const second = await flow.service.approve(ACTORS.casey, request.id, 'corr-1');
    assert.equal(first.ok, true);
    assert.equal(second.ok ? '' : second.code, 'approval.finished');
    assert.equal(second.ok ? '' : second.request?.status, 'succeeded');
    assert.equal(flow.writes().length, 1);
  });

  it('approval arriving while running changes nothing', async () => {
    const request = await requested();
    const start = await flow.service.startApproval(ACTORS.casey, request.id, 'corr-1');
    const replay = await flow.service.approve(ACTORS.jordan, request.id, 'corr-2');
    await start.done;
    assert.equal(replay.ok ? '' : replay.code, 'approval.running');
    assert.equal(flow.writes().length, 1);
  });

  it('expired request is rejected and marked expired', async () => {
    const request = await requested();
    flow.clock.now = new Date(flow.clock.now.getTime() + 3601_000);
    const outcome = await flow.service.approve(ACTORS.casey, request.id, 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.expired');
    assert.equal((await flow.ledger.getRequest(request.id))?.status, 'expired');
    assert.deepEqual(flow.writes(), []);
  });

  it('membership lookup failure is rejected with the request id', async () => {
    await flow.close();
    const faults = { rules: [{ path: 'users/*/checkMemberGroups', status: 503 }] };
    flow = await startFlow({ faults });
    const outcome = await flow.service.request(ACTORS.riley, 'disable-user', 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.membership-unavailable');
    assert.match(outcome.ok ? '' : outcome.message, /503 .*request-id/);
    assert.equal((await flow.ledger.listRequests({})).length, 0);
  });

  it('unknown request is rejected', async () => {
    const outcome = await flow.service.approve(ACTORS.casey, 'no-such-request', 'corr-1');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.unknown-request');
  });

  it('concurrent approvals on two ledgers write once', async () => {
    const request = await requested();
    const otherLedger = new SqliteLedger({ dataDir: flow.dataDir });
    try {
      const other = flow.newService({ ledger: otherLedger });
      const outcomes = await Promise.all([
        flow.service.approve(ACTORS.casey, request.id, 'corr-a'),
        other.approve(ACTORS.jordan, request.id, 'corr-b'),
      ]);
      assert.equal(outcomes.filter((o) => o.ok).length, 1);
      assert.equal(outcomes.filter((o) => !o.ok).length, 1);
      assert.deepEqual(flow.writes(), [{ method: 'PATCH', path: `users/${IDS.alex}` }]);
    } finally {
      await otherLedger.close();
    }
  });

  it('view tells requester, approver, manager and others apart', async () => {
    const request = await requested();
    const requester = await flow.service.view(ACTORS.riley, request.id);
    const approver = await flow.service.view(ACTORS.casey, request.id);
    const manager = await flow.service.view(ACTORS.morgan, request.id);
    const other = await flow.service.view(ACTORS.sam, request.id);
    assert.equal(requester?.viewer, 'requester');
    assert.equal(approver?.viewer, 'approver');
    assert.equal(manager?.viewer, 'approver');
    assert.equal(other?.viewer, 'other');
    assert.equal(await flow.service.view(ACTORS.sam, 'no-such-request'), undefined);
  });

  it('view shows the recorded state to everyone', async () => {
    const request = await requested();
    await flow.service.reject(ACTORS.casey, request.id, 'benign', 'corr-1');
    const other = await flow.service.view(ACTORS.sam, request.id);
    assert.equal(other?.request.status, 'rejected');
    assert.equal(other?.request.rejectReason, 'benign');
  });

  it('steps are recorded in a verified audit trail', async () => {
    const request = await requested();
    await flow.service.approve(ACTORS.sam, request.id, 'corr-refused');
    await flow.service.approve(ACTORS.casey, request.id, 'corr-approve');
    const entries = await flow.ledger.listAudit({ subjectId: IDS.alex });
    assert.deepEqual(
      entries.map((e) => e.action),
      ['requested', 'refused', 'approved', 'succeeded'],
    );
    assert.equal(entries[3].correlationId, 'corr-approve');
    assert.equal(entries[3].actor.aadObjectId, IDS.casey);
    assert.equal(entries[3].requestId, request.id);
    assert.equal(verifyAudit(await flow.ledger.listAudit()).ok, true);
  });
});
