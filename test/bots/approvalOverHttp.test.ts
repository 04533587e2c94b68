import assert from 'node:assert/strict';
import path from 'node:path';
import { messageActivity, postActivity, type SentActivity } from '../support/connector';
import { startBotHarness, type BotHarness } from '../support/botHarness';

const DEMO_TENANT = path.join(__dirname, '..', '..', 'emulator', 'tenants', 'contoso-phish.json');
const RESPONDERS = 'fad6995a-76fc-4fe1-aa61-f76871e501b6';
const APPROVERS = '65e60ddf-8ee2-4318-af4a-011488a54e61';
const RILEY = 'fd05f0c3-7f05-4416-8ee9-762587b856d5';
const JORDAN = 'ee73106c-1d88-4fb7-adc7-b8bec2d4187d';

function invokeActivity(serviceUrl: string, verb: string, data: Record<string, unknown>, fromId: string, replyToId?: string): Record<string, unknown> {
  const base = messageActivity(serviceUrl, '', { fromId, conversationId: 'approvals-1' });
  return { ...base, type: 'invoke', name: 'adaptiveCard/action', text: undefined, replyToId, value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } };
}

function cardText(activity: SentActivity): string {
  return JSON.stringify(activity.body.attachments ?? []);
}

describe('approval flow over /api/messages', function () {
  this.timeout(60_000);
  let harness: BotHarness;
  let revokeActionId: string;

  before(async () => {
    harness = await startBotHarness({ tenant: DEMO_TENANT, env: { FIREBREAK_RESPONDER_GROUP: RESPONDERS, FIREBREAK_APPROVER_GROUP: APPROVERS } });
    await postActivity(harness.botUrl, messageActivity(harness.connector.url, 'check alex.doe@contoso.com since 2 days ago', { fromId: RILEY, conversationId: 'approvals-1' }));
    const report = await harness.connector.waitFor((a) => cardText(a).includes('firebreak.request'));
    const match = /"actionId":"(revoke-sessions-[0-9a-f]+)"/.exec(cardText(report));
    assert.ok(match, 'the report offers revoke-sessions');
    revokeActionId = match[1];
  });
  after(async () => {
    await harness.close();
  });

  it('forged payload is rejected with a card message', async () => {
    const answer = await postActivity(harness.botUrl, invokeActivity(harness.connector.url, 'firebreak.request', { actionId: 42 }, RILEY));
    assert.equal(answer.status, 200);
    const body = JSON.parse(answer.body) as { statusCode: number; type: string };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(answer.body, /does not accept/);
  });

  it('request by a non-responder is refused', async () => {
    const answer = await postActivity(harness.botUrl, invokeActivity(harness.connector.url, 'firebreak.request', { actionId: revokeActionId }, '31bb706f-74d1-4318-b1cb-b1baca0b7f54'));
    assert.equal(answer.status, 200);
    assert.doesNotMatch(answer.body, /firebreak\.approve/);
  });

  it('request, self-approval refused, approval runs once and verifies', async () => {
    const requested = await postActivity(harness.botUrl, invokeActivity(harness.connector.url, 'firebreak.request', { actionId: revokeActionId }, RILEY));
    assert.equal(requested.status, 200);
    const body = JSON.parse(requested.body) as { type: string };
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    const approvalCard = await harness.connector.waitFor((a) => cardText(a).includes('firebreak.approve'));
    const requestId = /"requestId":"([^"]+)"/.exec(cardText(approvalCard))?.[1];
    assert.ok(requestId);

    const self = await postActivity(harness.botUrl, invokeActivity(harness.connector.url, 'firebreak.approve', { requestId }, RILEY));
    assert.equal(self.status, 200);
    assert.equal(harness.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('revokeSignInSessions')).length, 0);

    const approvals = await Promise.all([
      postActivity(harness.botUrl, invokeActivity(harness.connector.url, 'firebreak.approve', { requestId }, JORDAN, 'approval-card')),
      postActivity(harness.botUrl, invokeActivity(harness.connector.url, 'firebreak.approve', { requestId }, JORDAN, 'approval-card')),
    ]);
    for (const answer of approvals) assert.equal(answer.status, 200);

    await harness.connector.waitFor((a) => a.method === 'PUT' && a.activityId === 'approval-card');
    await harness.host.background.drain();
    const writes = harness.emulator.requests.filter((r) => r.method === 'POST' && r.path.endsWith('revokeSignInSessions'));
    assert.equal(writes.length, 1);
    const stored = await harness.services.ledger.getRequest(requestId);
    assert.equal(stored?.status, 'succeeded');
    assert.equal(stored?.verified, true);
    assert.equal(stored?.decidedBy?.aadObjectId, JORDAN);
  });
});
