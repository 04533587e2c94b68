import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TableClient } from '@azure/data-tables';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { ApprovalRequest, Remediation, ReportUser } from '../../services/domain';
import { verifyAudit } from '../../services/ledger/auditChain';
import { TableLedger } from '../../services/ledger/tableLedger';
import { storageNames } from '../../services/storage';
import { IDS, tenant } from '../services/approvals/harness';
import { reportFor } from '../services/ledger/fixtures';
import { startAzurite, type RunningAzurite } from '../support/azurite';
import {
  messageActivity,
  postActivity,
  startFakeConnector,
  type FakeConnector,
} from '../support/connector';
import { startInstance, type Instance } from './instances';

const VICTIMS: ReportUser[] = Array.from({ length: 11 }, (_, index) => ({
  id: `99999999-0000-4000-8000-${String(index).padStart(12, '0')}`,
  userPrincipalName: `victim${index}@contoso.com`,
  displayName: `Victim ${index}`,
}));
/** The last victim's account write hangs once, for the crash test. */
const CRASH_VICTIM = VICTIMS[10];

function disableAction(user: ReportUser): Remediation {
  return {
    id: `disable-user-${user.id}`,
    kind: 'disable-user',
    target: { type: 'user', id: user.id, displayName: user.displayName },
    label: `Disable ${user.displayName}`,
  };
}

function approveInvoke(serviceUrl: string, requestId: string): Record<string, unknown> {
  const base = messageActivity(serviceUrl, '', { fromId: IDS.jordan, conversationId: 'ops' });
  return {
    ...base,
    type: 'invoke',
    name: 'adaptiveCard/action',
    text: undefined,
    value: {
      action: { type: 'Action.Execute', verb: 'firebreak.approve', data: { requestId } },
      trigger: 'manual',
    },
  };
}

describe('several instances on Azure storage', function () {
  this.timeout(120_000);
  let azurite: RunningAzurite | undefined;
  let emulator: RunningEmulator | undefined;
  let connector: FakeConnector | undefined;
  let ledger: TableLedger;
  let temp = '';
  const instances: Instance[] = [];

  before(async () => {
    azurite = await startAzurite();
    const snapshot = tenant();
    const users = snapshot.users as object[];
    for (const victim of VICTIMS) users.push({ ...victim, accountEnabled: true });
    emulator = await startEmulator({
      tenant: snapshot,
      reportBudget: false,
      faults: {
        rules: [{ path: `users/${CRASH_VICTIM.id}`, method: 'PATCH', hang: true, times: 1 }],
      },
    });
    connector = await startFakeConnector();
    temp = mkdtempSync(path.join(os.tmpdir(), 'firebreak-instances-'));
    const caPath = path.join(temp, 'graph-ca.pem');
    writeFileSync(caPath, emulator.ca);

    const prefix = `fb${randomBytes(4).toString('hex')}`;
    const env = {
      FIREBREAK_STORAGE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      FIREBREAK_STORAGE_PREFIX: prefix,
      FIREBREAK_GRAPH_URL: emulator.url,
      FIREBREAK_GRAPH_CA: caPath,
      FIREBREAK_RESPONDER_GROUP: IDS.responders,
      FIREBREAK_APPROVER_GROUP: IDS.approvers,
      FIREBREAK_WORK_LEASE: '2s',
    };
    const started = await Promise.all(
      ['a', 'b'].map((name) =>
        startInstance({ ...env, FIREBREAK_DATA_DIR: path.join(temp, name) }),
      ),
    );
    instances.push(...started);
    const client = TableClient.fromConnectionString(
      azurite.connectionString,
      storageNames(prefix).table,
      { allowInsecureConnection: true },
    );
    ledger = new TableLedger({ client });
  });

  after(async () => {
    for (const instance of instances) await instance.stop();
    await connector?.close();
    await emulator?.close();
    await azurite?.stop();
    if (temp) rmSync(temp, { recursive: true, force: true });
  });

  async function pendingRequest(user: ReportUser): Promise<ApprovalRequest> {
    const action = disableAction(user);
    const reportId = await ledger.saveReport({ report: reportFor(user, [action]) });
    const now = Date.now();
    return ledger.createRequest({
      actionId: action.id,
      reportId,
      action,
      subject: user,
      requestedBy: { aadObjectId: IDS.riley, name: 'Riley Chen' },
      requestedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + 3_600_000).toISOString(),
    });
  }

  /** Waits until the request leaves `pending` and `running`, or fails after `timeoutMs`. */
  async function settled(requestId: string, timeoutMs = 30_000): Promise<ApprovalRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const request = await ledger.getRequest(requestId);
      if (request && request.status !== 'pending' && request.status !== 'running') return request;
      if (Date.now() > deadline) {
        throw new Error(
          `request ${requestId} still ${String(request?.status)} after ${timeoutMs} ms`,
        );
      }
      await sleep(200);
    }
  }

  function writesTo(user: ReportUser): { status: number }[] {
    return (emulator?.requests ?? []).filter(
      (call) => call.method === 'PATCH' && call.path === `users/${user.id}`,
    );
  }

  it('same approval sent to both instances writes Graph once', async () => {
    const [first, second] = instances;
    const serviceUrl = connector?.url ?? '';
    const requests: ApprovalRequest[] = [];
    for (const victim of VICTIMS.slice(0, 10)) {
      const request = await pendingRequest(victim);
      requests.push(request);
      const answers = await Promise.all([
        postActivity(first.url, approveInvoke(serviceUrl, request.id)),
        postActivity(second.url, approveInvoke(serviceUrl, request.id)),
      ]);
      for (const answer of answers) assert.equal(answer.status, 200);
    }

    for (const [index, request] of requests.entries()) {
      const done = await settled(request.id);
      assert.equal(done.status, 'succeeded', `request ${index}: ${String(done.result)}`);
      assert.equal(done.verified, true, `request ${index} verified`);
      assert.equal(writesTo(VICTIMS[index]).length, 1, `Graph writes for victim ${index}`);
    }
    const approvedLines = instances
      .map((instance) => instance.stderr.join('').split('remediation approved').length - 1)
      .reduce((sum, count) => sum + count, 0);
    assert.equal(approvedLines, 10);
    const trail = await ledger.listAudit();
    for (const request of requests) {
      const approvals = trail.filter((e) => e.requestId === request.id && e.action === 'approved');
      assert.equal(approvals.length, 1, `approved entries of ${request.id}`);
    }
    assert.equal(verifyAudit(trail).ok, true);
  });

  it('instance killed mid-action is finished by the other', async () => {
    const [first, second] = instances;
    const request = await pendingRequest(CRASH_VICTIM);
    const answer = await postActivity(first.url, approveInvoke(connector?.url ?? '', request.id));
    assert.equal(answer.status, 200);
    const deadline = Date.now() + 15_000;
    while (!writesTo(CRASH_VICTIM).some((call) => call.status === 0)) {
      if (Date.now() > deadline) throw new Error('the account write never reached Graph');
      await sleep(50);
    }
    await first.kill();
    assert.equal((await ledger.getRequest(request.id))?.status, 'running');

    const done = await settled(request.id);
    assert.equal(done.status, 'succeeded', String(done.result));
    assert.equal(done.verified, true);
    const writes = writesTo(CRASH_VICTIM);
    assert.equal(writes.filter((call) => call.status === 0).length, 1, 'hung writes');
    assert.equal(writes.filter((call) => call.status >= 200 && call.status < 300).length, 1);
    assert.match(second.stderr.join(''), /taking over a remediation/);
    const trail = await ledger.listAudit({ subjectId: CRASH_VICTIM.id });
    assert.deepEqual(
      trail.map((entry) => entry.action),
      ['approved', 'succeeded'],
    );
  });
});
