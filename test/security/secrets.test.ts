import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { messageActivity, type SentActivity } from '../support/connector';
import { post, startSecurityHarness, type SecurityHarness } from './support/harness';

const RESPONDERS = 'fad6995a-76fc-4fe1-aa61-f76871e501b6';
const APPROVERS = '65e60ddf-8ee2-4318-af4a-011488a54e61';
const RILEY = 'fd05f0c3-7f05-4416-8ee9-762587b856d5';
const JORDAN = 'ee73106c-1d88-4fb7-adc7-b8bec2d4187d';
const APP_PASSWORD = 'Bot-app-password-7d3f0b9e-never-shown';
const CONVERSATION = 'secrets-1';

function invoke(
  harness: SecurityHarness,
  verb: string,
  data: Record<string, unknown>,
  fromId: string,
): Record<string, unknown> {
  const base = messageActivity(harness.connector.url, '', { fromId, conversationId: CONVERSATION });
  const value = { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' };
  return { ...base, type: 'invoke', name: 'adaptiveCard/action', text: undefined, value };
}

function cardText(activity: SentActivity): string {
  return JSON.stringify(activity.body.attachments ?? []);
}

/** Lists the files under the data directory, except the secret store itself. */
function ledgerFiles(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((name) => name !== 'secrets')
    .map((name) => path.join(dataDir, name));
}

describe('secrets stay out of chat, logs and the ledger', function () {
  this.timeout(120_000);
  let harness: SecurityHarness;
  const invokeAnswers: string[] = [];

  before(async () => {
    harness = await startSecurityHarness({
      env: {
        FIREBREAK_RESPONDER_GROUP: RESPONDERS,
        FIREBREAK_APPROVER_GROUP: APPROVERS,
        MicrosoftAppPassword: APP_PASSWORD,
      },
    });
    const check = messageActivity(
      harness.connector.url,
      'check alex.doe@contoso.com since 2 days ago',
      { fromId: RILEY, conversationId: CONVERSATION },
    );
    await post(harness.botUrl, check);
    const report = await harness.connector.waitFor((sent) =>
      cardText(sent).includes('firebreak.request'),
    );
    const actionIds = [
      ...cardText(report).matchAll(/"actionId":"((?:reset-password|rotate-credential)-[^"]+)"/g),
    ].map((match) => match[1]);
    const kinds = new Set(actionIds.map((id) => id.replace(/-[^-]+$/, '')));
    assert.ok(
      kinds.has('reset-password'),
      `the report offers a password reset; actions: ${actionIds.join(', ')}`,
    );
    assert.ok(
      kinds.has('rotate-credential'),
      `the report offers a credential rotation; actions: ${actionIds.join(', ')}`,
    );

    for (const actionId of [
      actionIds.find((id) => id.startsWith('reset-password')),
      actionIds.find((id) => id.startsWith('rotate-credential')),
    ]) {
      const requested = await post(
        harness.botUrl,
        invoke(harness, 'firebreak.request', { actionId }, RILEY),
      );
      invokeAnswers.push(requested.body);
      const request = (await harness.services.ledger.listRequests({ status: ['pending'] })).find(
        (each) => each.actionId === actionId,
      );
      assert.ok(request, `a pending request for ${String(actionId)}`);
      const approved = await post(
        harness.botUrl,
        invoke(harness, 'firebreak.approve', { requestId: request.id }, JORDAN),
      );
      invokeAnswers.push(approved.body);
      await harness.host.background.drain();
      const finished = await harness.services.ledger.getRequest(request.id);
      assert.equal(
        finished?.status,
        'succeeded',
        `${String(actionId)} ran: ${String(finished?.result)}`,
      );
    }
    await harness.host.background.drain();
  });
  after(async () => {
    await harness.close();
  });

  function secrets(): string[] {
    const directory = path.join(harness.dataDir, 'secrets');
    const values = readdirSync(directory)
      .filter((name) => !name.endsWith('.tags.json'))
      .map((name) => readFileSync(path.join(directory, name), 'utf8').trim());
    return [...values, APP_PASSWORD];
  }

  it('flow stored a password and a client secret', () => {
    const stored = secrets().slice(0, -1);
    assert.equal(stored.length, 2);
    for (const value of stored) assert.ok(value.length >= 12, 'a real secret, not an empty file');
  });

  it('flow is logged as JSON with correlation ids', () => {
    const records = harness.logLines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const flow = records.filter(
      (record) => record.requestId !== undefined || record.activityId !== undefined,
    );
    assert.ok(flow.length >= 8, `the flow was logged: ${flow.length} lines`);
    assert.deepEqual(
      flow.filter((record) => typeof record.correlationId !== 'string'),
      [],
    );
  });

  it('no log line contains a secret', () => {
    for (const secret of secrets()) {
      const leaking = harness.logLines.filter((line) => line.includes(secret));
      assert.deepEqual(leaking, []);
    }
  });

  it('no card or message sent to chat contains a secret', () => {
    const sent = harness.connector.sent.map((activity) => JSON.stringify(activity.body));
    assert.ok(sent.length > 3, 'the flow posted to chat');
    for (const secret of secrets()) {
      assert.equal(sent.filter((body) => body.includes(secret)).length, 0);
      assert.equal(invokeAnswers.filter((body) => body.includes(secret)).length, 0);
    }
  });

  it('ledger files contain no secret', () => {
    const files = ledgerFiles(harness.dataDir);
    assert.ok(
      files.some((file) => file.endsWith('.db')),
      `the ledger is in ${harness.dataDir}`,
    );
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of secrets()) {
        assert.equal(
          bytes.includes(Buffer.from(secret, 'utf8')),
          false,
          `${path.basename(file)} holds a secret`,
        );
      }
    }
  });
});
