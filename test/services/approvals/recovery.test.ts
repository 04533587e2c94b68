import assert from 'node:assert/strict';
import { verifyAudit } from '../../../services/ledger/auditChain';
import { ACTORS, IDS, startFlow, type Flow } from './harness';

describe('recovery of interrupted requests', () => {
  let flow: Flow;

  beforeEach(async () => {
    flow = await startFlow();
  });

  afterEach(async () => {
    await flow.close();
  });

  /** Creates a request left `running`, as a crash after the guarded transition leaves it. */
  async function runningRequest(actionId: string) {
    const requested = await flow.service.request(ACTORS.riley, actionId, 'corr-1');
    assert.ok(requested.ok);
    const moved = await flow.ledger.transition(requested.request.id, ['pending'], 'running', {
      decidedBy: ACTORS.casey,
      decidedAt: flow.clock.now.toISOString(),
    });
    assert.ok(moved.ok);
    return moved.request;
  }

  it('change made before the crash is marked succeeded', async () => {
    const request = await runningRequest('disable-user');
    await flow.graph.client.api(`users/${IDS.alex}`).patch({ accountEnabled: false });
    const writesBefore = flow.writes().length;

    await flow.newService().recoverInterrupted();

    const recovered = await flow.ledger.getRequest(request.id);
    assert.equal(recovered?.status, 'succeeded');
    assert.equal(recovered?.verified, true);
    assert.match(recovered?.result ?? '', /did not run it again/);
    assert.equal(flow.writes().length, writesBefore);
  });

  it('change missing after the crash is marked failed, not re-run', async () => {
    const request = await runningRequest('delete-inbox-rule');

    await flow.newService().recoverInterrupted();

    const recovered = await flow.ledger.getRequest(request.id);
    assert.equal(recovered?.status, 'failed');
    assert.equal(recovered?.verified, false);
    assert.match(recovered?.result ?? '', /not re-run/);
    assert.deepEqual(flow.writes(), []);
  });

  it('sessions revoked before the approval do not count', async () => {
    await flow.graph.client.api(`users/${IDS.alex}/revokeSignInSessions`).post({});
    flow.clock.now = new Date(Date.now() + 60_000);
    const request = await runningRequest('revoke-sessions');

    await flow.newService().recoverInterrupted();

    assert.equal((await flow.ledger.getRequest(request.id))?.status, 'failed');
  });

  it('recovery is recorded in the audit trail', async () => {
    await runningRequest('disable-user');
    await flow.newService().recoverInterrupted();
    const entries = await flow.ledger.listAudit();
    assert.equal(entries[entries.length - 1].action, 'failed');
    assert.equal(entries[entries.length - 1].actor.aadObjectId, 'firebreak');
    assert.equal(verifyAudit(entries).ok, true);
  });

  it('settled request is not approved again', async () => {
    const request = await runningRequest('delete-inbox-rule');
    await flow.newService().recoverInterrupted();
    const outcome = await flow.service.approve(ACTORS.casey, request.id, 'corr-2');
    assert.equal(outcome.ok ? '' : outcome.code, 'approval.finished');
    assert.deepEqual(flow.writes(), []);
  });
});
