import assert from 'node:assert/strict';
import path from 'node:path';
import { messageActivity, postActivity } from '../support/connector';
import { startBotHarness, type BotHarness } from '../support/botHarness';

const DEMO_TENANT = path.join(__dirname, '..', '..', 'emulator', 'tenants', 'contoso-phish.json');

describe('read-only deployment over /api/messages', function () {
  this.timeout(60_000);
  let harness: BotHarness;

  before(async () => {
    harness = await startBotHarness({ tenant: DEMO_TENANT, env: { FIREBREAK_READ_ONLY: 'true' } });
  });
  after(async () => {
    await harness.close();
  });

  it('report explains the missing buttons', async () => {
    const text = 'check alex.doe@contoso.com since 2 days ago';
    await postActivity(
      harness.botUrl,
      messageActivity(harness.connector.url, text, { conversationId: 'ro-1' }),
    );
    const report = await harness.connector.waitFor(
      (a) =>
        a.conversationId === 'ro-1' &&
        JSON.stringify(a.body).includes('FIREBREAK\\\\_READ\\\\_ONLY'),
      30_000,
    );
    const body = JSON.stringify(report.body);
    assert.doesNotMatch(body, /firebreak\.request/);
    assert.match(body, /Remediation is off/);
  });
});
