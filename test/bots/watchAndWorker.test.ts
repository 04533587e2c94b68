import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { startBotHost } from '../../bots/botHost';
import { composeServices, startRemediationWork } from '../../services/compose';
import { loadConfig } from '../../services/config';
import { postActivity } from '../support/connector';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import {
  ALEX,
  APPROVAL_ENV,
  DEMO_TENANT,
  JORDAN,
  RILEY,
  actionIdOf,
  cardOf,
  cardText,
  invokeActivity,
  invokeCard,
  isFinalReport,
  messageFrom,
  readableText,
} from './botTestKit';

const NEW_IP = '198.51.100.213';

/**
 * Writes a copy of the demo tenant with one more sign-in of Alex from a new address, 20 minutes
 * after the snapshot's reference time, which the emulator moves to now. A check at start-up
 * cannot see it; a recheck half an hour later can.
 */
function tenantWithLaterSignIn(): string {
  const tenant = JSON.parse(readFileSync(DEMO_TENANT, 'utf8')) as Record<string, unknown>;
  const signIns = tenant['auditLogs/signIns'] as Record<string, unknown>[];
  const template = signIns.find((s) => s.ipAddress === '203.0.113.45');
  assert.ok(template, 'the demo tenant has a sign-in from the attacker address');
  const reference = Date.parse(String(tenant.$referenceTime));
  signIns.push({
    ...template,
    id: 'b1f0c0de-0000-4000-8000-00000000a213',
    correlationId: 'b1f0c0de-0000-4000-8000-00000000c213',
    createdDateTime: new Date(reference + 20 * 60_000).toISOString().replace('.000', ''),
    ipAddress: NEW_IP,
    location: { city: 'Lagos', state: 'Lagos', countryOrRegion: 'NG', geoCoordinates: null },
  });
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'firebreak-watch-')), 'tenant.json');
  writeFileSync(file, JSON.stringify(tenant));
  return file;
}

describe('watch over /api/messages', function () {
  this.timeout(120_000);
  let harness: BotHarness;
  let clock = Date.now();

  before(async () => {
    harness = await startBotHarness({
      tenant: tenantWithLaterSignIn(),
      env: { ...APPROVAL_ENV, FIREBREAK_WATCH_TICK: '1s' },
      now: () => new Date(clock),
    });
  });
  after(async () => {
    await harness.close();
  });

  it('watch posts only the new sign-in, then ends', async () => {
    const send = (text: string) =>
      postActivity(harness.botUrl, messageFrom(harness.connector.url, text, RILEY, 'watch-1'));
    await send('watch alex.doe@contoso.com for 2h every 30m');
    const ack = await harness.connector.waitFor(
      (a) => a.conversationId === 'watch-1' && /Watching alex/.test(String(a.body.text)),
    );
    assert.match(String(ack.body.text), /rechecking every 30 minutes/);
    await harness.host.background.drain();
    assert.equal(harness.host.watches.list().length, 1, 'the watch is on the schedule');

    const posted = harness.connector.sent.length;
    clock += 31 * 60_000;
    const found = await harness.connector.waitFor(
      (a) => harness.connector.sent.indexOf(a) >= posted && a.conversationId === 'watch-1',
      20_000,
    );
    const text = readableText(cardOf(found));
    assert.ok(text.includes(NEW_IP), 'the new address is reported');
    assert.match(text, /1 new finding since the last check/);
    assert.ok(!text.includes('Mail Archive Connector'), 'findings known at the start stay out');

    const beforeEnd = harness.connector.sent.length;
    clock += 2 * 3_600_000;
    const ended = await harness.connector.waitFor(
      (a) => harness.connector.sent.indexOf(a) >= beforeEnd && a.conversationId === 'watch-1',
      20_000,
    );
    assert.match(String(ended.body.text), /watch of alex\.doe@contoso\.com ended/i);
    assert.equal(harness.host.watches.list().length, 0);
  });

  it('unwatch stops the watch', async () => {
    const send = (text: string) =>
      postActivity(harness.botUrl, messageFrom(harness.connector.url, text, RILEY, 'watch-2'));
    await send('watch alex.doe@contoso.com for 24h');
    await harness.connector.waitFor((a) => a.conversationId === 'watch-2');
    await harness.host.background.drain();
    await send('unwatch alex.doe@contoso.com');
    const reply = await harness.connector.waitFor(
      (a) => a.conversationId === 'watch-2' && /Stopped watching/.test(String(a.body.text)),
    );
    assert.ok(reply);
    assert.deepEqual(
      harness.host.watches.list().map((job) => job.conversationId),
      [],
    );
  });
});

describe('remediation worker updates the cards', function () {
  this.timeout(120_000);

  it('request left running is settled and its cards updated', async () => {
    const storage = new MemoryStorage();
    const env = { ...APPROVAL_ENV, FIREBREAK_WORK_LEASE: '1s' };
    const harness = await startBotHarness({ tenant: DEMO_TENANT, env, storage });
    try {
      const conversationId = 'worker-1';
      await postActivity(
        harness.botUrl,
        messageFrom(
          harness.connector.url,
          'check alex.doe@contoso.com since 2 days ago',
          RILEY,
          conversationId,
        ),
      );
      const report = await harness.connector.waitFor(
        (a) => a.conversationId === conversationId && isFinalReport(a),
      );
      await harness.host.background.drain();
      const actionId = actionIdOf(cardText(report), 'revoke-sessions');
      const requested = await postActivity(
        harness.botUrl,
        invokeActivity(
          harness.connector.url,
          'firebreak.request',
          { actionId },
          {
            fromId: RILEY,
            conversationId,
          },
        ),
      );
      invokeCard(requested);
      const approvalCard = await harness.connector.waitFor(
        (a) =>
          a.conversationId === conversationId &&
          a.method === 'POST' &&
          cardText(a).includes('firebreak.refresh'),
      );
      const request = (await harness.services.ledger.listRequests({})).find(
        (r) => r.actionId === actionId,
      );
      assert.ok(request, 'the request is recorded');

      // This process stops after the guarded update and the Graph write, before recording.
      await harness.services.ledger.transition(request.id, ['pending'], 'running', {
        decidedBy: { aadObjectId: JORDAN, name: 'Jordan Patel' },
        decidedAt: new Date().toISOString(),
      });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      await harness.graph.client.api(`/users/${ALEX}/revokeSignInSessions`).post({});
      // Closing the store stops this process renewing the job's lease, as a crash would.
      await harness.host.close();
      await harness.services.closeStorage();

      const config = loadConfig({ PORT: '0', FIREBREAK_DATA_DIR: harness.dataDir, ...env });
      const services = composeServices(config, harness.services.log, harness.graph, {
        pollMs: 100,
      });
      const host = await startBotHost(services, { storage });
      const updates = harness.connector.sent.length;
      try {
        startRemediationWork(services, (settled) => host.updateSettledCards(settled));
        const reportUpdate = await harness.connector.waitFor(
          (a) =>
            harness.connector.sent.indexOf(a) >= updates &&
            a.method === 'PUT' &&
            a.activityId === report.id,
          20_000,
        );
        assert.match(readableText(cardOf(reportUpdate)), /verified in Graph/);
        const approvalUpdate = await harness.connector.waitFor(
          (a) =>
            harness.connector.sent.indexOf(a) >= updates &&
            a.method === 'PUT' &&
            a.activityId === approvalCard.id,
          20_000,
        );
        assert.match(readableText(cardOf(approvalUpdate)), /verified in Graph/);
        assert.equal((await services.ledger.getRequest(request.id))?.status, 'succeeded');
      } finally {
        await host.close();
        await services.closeStorage();
      }
    } finally {
      await harness.close();
    }
  });
});
