import assert from 'node:assert/strict';
import { messageActivity, type SentActivity } from '../support/connector';
import {
  WARN,
  logRecords,
  post,
  startSecurityHarness,
  type SecurityHarness,
} from './support/harness';

const RILEY = 'fd05f0c3-7f05-4416-8ee9-762587b856d5';
const SOC_CHANNEL = '19:soc-incidents@thread.tacv2';
const OTHER_TENANT = 'fabrikam-tenant';

function cardAction(activity: Record<string, unknown>): Record<string, unknown> {
  const value = {
    action: { type: 'Action.Execute', verb: 'firebreak.refresh', data: { requestId: 'r-1' } },
  };
  return { ...activity, type: 'invoke', name: 'adaptiveCard/action', text: undefined, value };
}

describe('tenant and conversation allow-lists over HTTP', function () {
  this.timeout(60_000);
  let harness: SecurityHarness;
  let counter = 0;

  before(async () => {
    harness = await startSecurityHarness({
      env: {
        FIREBREAK_ALLOWED_TENANTS: 'Contoso-Tenant',
        FIREBREAK_ALLOWED_CHANNELS: `${SOC_CHANNEL}, a:riley-personal`,
      },
    });
  });
  after(async () => {
    await harness.close();
  });

  /** A message that prompts for the time when it runs, so it needs no Graph read. */
  function activityIn(
    conversationId: string,
    tenantId = 'contoso-tenant',
  ): Record<string, unknown> {
    counter += 1;
    const activity = messageActivity(harness.connector.url, 'check alex.doe@contoso.com', {
      fromId: RILEY,
      conversationId,
      conversationType: conversationId.startsWith('19:') ? 'channel' : 'personal',
    });
    activity.id = `allow-list-${counter}`;
    const conversation = activity.conversation as Record<string, unknown>;
    conversation.tenantId = tenantId;
    activity.channelData = { tenant: { id: tenantId } };
    return activity;
  }

  function repliesTo(conversationId: string): SentActivity[] {
    return harness.connector.sent.filter((sent) => sent.conversationId === conversationId);
  }

  async function assertIgnored(activity: Record<string, unknown>, message: string): Promise<void> {
    const conversationId = String((activity.conversation as { id: string }).id);
    const graphBefore = harness.graphRequests();
    const answer = await post(harness.botUrl, activity);
    await harness.host.background.drain();

    assert.equal(answer.status, 200);
    assert.equal(repliesTo(conversationId).length, 0, 'no reply');
    assert.equal(harness.graphRequests(), graphBefore, 'no Graph read');
    const warning = logRecords(harness.logLines).find((line) => line.activityId === activity.id);
    assert.equal(warning?.level, WARN);
    assert.equal(warning?.msg, message);
  }

  it('message from an allowed tenant and channel is answered', async () => {
    const conversationId = `${SOC_CHANNEL};messageid=1701`;
    await post(harness.botUrl, activityIn(conversationId));
    const reply = await harness.connector.waitFor((sent) => sent.conversationId === conversationId);
    assert.match(String(reply.body.text), /Since when/);
  });

  it('message from another tenant is ignored', async () => {
    await assertIgnored(
      activityIn(SOC_CHANNEL, OTHER_TENANT),
      'activity rejected: tenant not allowed',
    );
  });

  it('ignored tenant is logged by id', async () => {
    const activity = activityIn(SOC_CHANNEL, OTHER_TENANT);
    await post(harness.botUrl, activity);
    const warning = logRecords(harness.logLines).find((line) => line.activityId === activity.id);
    assert.equal(warning?.tenantId, OTHER_TENANT);
    assert.deepEqual(warning?.tenantIds, [OTHER_TENANT, OTHER_TENANT]);
  });

  it('tenant in channelData that differs is ignored', async () => {
    const activity = activityIn('a:riley-personal');
    activity.channelData = { tenant: { id: OTHER_TENANT } };
    await assertIgnored(activity, 'activity rejected: tenant not allowed');
  });

  it('activity without a tenant is ignored', async () => {
    const activity = activityIn('a:riley-personal');
    delete (activity.conversation as Record<string, unknown>).tenantId;
    delete activity.channelData;
    await assertIgnored(activity, 'activity rejected: tenant not allowed');
  });

  it('message in another conversation is ignored', async () => {
    await assertIgnored(
      activityIn('a:someone-else'),
      'activity rejected: conversation not allowed',
    );
  });

  it('message in another channel is ignored', async () => {
    await assertIgnored(
      activityIn('19:general@thread.tacv2;messageid=5'),
      'activity rejected: conversation not allowed',
    );
  });

  it('listed personal chat is answered', async () => {
    await post(harness.botUrl, activityIn('a:riley-personal'));
    const reply = await harness.connector.waitFor(
      (sent) => sent.conversationId === 'a:riley-personal',
    );
    assert.match(String(reply.body.text), /Since when/);
  });

  it('card action from another tenant gets a refusal card', async () => {
    const answer = await post(harness.botUrl, cardAction(activityIn(SOC_CHANNEL, OTHER_TENANT)));
    assert.equal(answer.status, 200);
    const body = JSON.parse(answer.body) as { statusCode: number; type: string };
    assert.equal(body.statusCode, 200);
    assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(answer.body, /not enabled for this Microsoft Entra tenant/);
  });

  it('card action from another conversation gets a refusal card', async () => {
    const answer = await post(harness.botUrl, cardAction(activityIn('a:someone-else')));
    assert.equal(answer.status, 200);
    assert.match(answer.body, /not enabled in this chat or channel/);
  });

  it('other invoke from another tenant gets 403', async () => {
    const invoke = {
      ...cardAction(activityIn(SOC_CHANNEL, OTHER_TENANT)),
      name: 'composeExtension/query',
    };
    const answer = await post(harness.botUrl, invoke);
    assert.equal(answer.status, 403);
  });
});
