import assert from 'node:assert/strict';
import path from 'node:path';
import { messageActivity, postActivity, type SentActivity } from '../support/connector';
import { startBotHarness, type BotHarness } from '../support/botHarness';

const DEMO_TENANT = path.join(__dirname, '..', '..', 'emulator', 'tenants', 'contoso-phish.json');

function cardOf(activity: SentActivity): Record<string, unknown> | undefined {
  const attachments = activity.body.attachments as
    { contentType: string; content: Record<string, unknown> }[] | undefined;
  return attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    ?.content;
}

function isReportCard(activity: SentActivity): boolean {
  return JSON.stringify(cardOf(activity) ?? {}).includes('firebreak.request');
}

describe('bot check over /api/messages', function () {
  this.timeout(60_000);
  let harness: BotHarness;

  before(async () => {
    // Every test here checks as the same sender, more often than the default rate allows.
    harness = await startBotHarness({
      tenant: DEMO_TENANT,
      env: { FIREBREAK_CHECKS_PER_MINUTE: '1000' },
    });
  });
  after(async () => {
    await harness.close();
  });

  it('check in personal chat posts a report card', async () => {
    const activity = messageActivity(
      harness.connector.url,
      'check alex.doe@contoso.com since 2 days ago',
      { conversationId: 'personal-1' },
    );
    const answer = await postActivity(harness.botUrl, activity);
    assert.equal(answer.status, 200);

    const report = await harness.connector.waitFor(
      (a) => a.conversationId === 'personal-1' && isReportCard(a),
    );
    const text = JSON.stringify(cardOf(report));
    assert.match(text, /Alex Doe/);
    assert.match(text, /203\\\\?\.0\\\\?\.113\\\\?\.45/);
    const typing = harness.connector.sent.find(
      (a) => a.conversationId === 'personal-1' && a.body.type === 'typing',
    );
    assert.ok(typing, 'a typing indicator is sent before the report');
  });

  it('acknowledgement precedes the report', async () => {
    const activity = messageActivity(
      harness.connector.url,
      'check alex.doe@contoso.com since 2 days ago',
      { conversationId: 'personal-2' },
    );
    await postActivity(harness.botUrl, activity);
    await harness.connector.waitFor((a) => a.conversationId === 'personal-2' && isReportCard(a));
    const inConversation = harness.connector.sent.filter(
      (a) => a.conversationId === 'personal-2' && a.body.type === 'message',
    );
    assert.match(JSON.stringify(cardOf(inConversation[0])), /Checking/);
    assert.ok(isReportCard(inConversation[inConversation.length - 1]));
  });

  it('channel mention in the middle of the text is stripped', async () => {
    const activity = messageActivity(
      harness.connector.url,
      'please <at>Firebreak</at>&nbsp;check user alex.doe@contoso.com since 2 days ago\n',
      {
        conversationId: '19:channel@thread.tacv2',
        conversationType: 'channel',
      },
    );
    activity.entities = [
      {
        type: 'mention',
        text: '<at>Firebreak</at>',
        mentioned: { id: '28:firebreak', name: 'Firebreak' },
      },
    ];
    activity.text = '<at>Firebreak</at>&nbsp;check user alex.doe@contoso.com since 2 days ago\n';
    await postActivity(harness.botUrl, activity);
    const report = await harness.connector.waitFor(
      (a) => a.conversationId === '19:channel@thread.tacv2' && isReportCard(a),
    );
    assert.match(JSON.stringify(cardOf(report)), /alex\\\\?\.doe/);
  });

  it('unknown text gets the help card', async () => {
    await postActivity(
      harness.botUrl,
      messageActivity(harness.connector.url, 'what can you do', { conversationId: 'personal-3' }),
    );
    const help = await harness.connector.waitFor(
      (a) => a.conversationId === 'personal-3' && a.body.type === 'message',
    );
    assert.match(JSON.stringify(cardOf(help)), /check/);
  });

  it('missing time is asked for, then the check runs', async () => {
    await postActivity(
      harness.botUrl,
      messageActivity(harness.connector.url, 'check alex.doe@contoso.com', {
        conversationId: 'personal-4',
      }),
    );
    const question = await harness.connector.waitFor(
      (a) => a.conversationId === 'personal-4' && a.body.type === 'message',
    );
    assert.match(String(question.body.text), /Since when/);
    await postActivity(
      harness.botUrl,
      messageActivity(harness.connector.url, '2 days ago', { conversationId: 'personal-4' }),
    );
    await harness.connector.waitFor((a) => a.conversationId === 'personal-4' && isReportCard(a));
  });

  it('ambiguous name gets a choice card', async () => {
    await postActivity(
      harness.botUrl,
      messageActivity(harness.connector.url, 'check alex since 2 days ago', {
        conversationId: 'personal-5',
      }),
    );
    const choice = await harness.connector.waitFor(
      (a) =>
        a.conversationId === 'personal-5' &&
        JSON.stringify(cardOf(a) ?? {}).includes('firebreak.chooseUser'),
    );
    const text = JSON.stringify(cardOf(choice));
    assert.match(text, /Alexandra/);
  });

  it('invalid time gets a clear message and no check', async () => {
    await postActivity(
      harness.botUrl,
      messageActivity(harness.connector.url, 'check alex.doe@contoso.com since 2026/13/01', {
        conversationId: 'personal-6',
      }),
    );
    const reply = await harness.connector.waitFor(
      (a) => a.conversationId === 'personal-6' && a.body.type === 'message',
    );
    const text = JSON.stringify(reply.body);
    assert.doesNotMatch(text, /firebreak\.request/);
    assert.doesNotMatch(text, /at .*\.ts:\d+/, 'no stack trace in chat');
  });

  it('cancel ends a waiting prompt', async () => {
    await postActivity(
      harness.botUrl,
      messageActivity(harness.connector.url, 'check', { conversationId: 'personal-7' }),
    );
    await harness.connector.waitFor(
      (a) => a.conversationId === 'personal-7' && /Which user/.test(String(a.body.text)),
    );
    await postActivity(
      harness.botUrl,
      messageActivity(harness.connector.url, 'cancel', { conversationId: 'personal-7' }),
    );
    await harness.connector.waitFor(
      (a) => a.conversationId === 'personal-7' && a.body.text === 'Cancelled.',
    );
  });

  it('healthz answers', async () => {
    const response = await fetch(`${harness.botUrl}/healthz`);
    assert.equal(response.status, 200);
  });
});
