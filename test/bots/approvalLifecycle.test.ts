import assert from 'node:assert/strict';
import { startBotHost } from '../../bots/botHost';
import { composeServices } from '../../services/compose';
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
  cardText,
  invokeActivity,
  invokeCard,
  messageFrom,
  readableText,
  isFinalReport,
} from './botTestKit';

/** Checks Alex as Riley in `conversationId` and returns the report card's text and id. */
async function checkAlex(
  harness: BotHarness,
  conversationId: string,
): Promise<{ text: string; id: string }> {
  const count = harness.connector.sent.length;
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
    (a) =>
      harness.connector.sent.indexOf(a) >= count &&
      a.conversationId === conversationId &&
      isFinalReport(a),
  );
  return { text: cardText(report), id: report.id };
}

function invoke(
  harness: BotHarness,
  verb: string,
  data: Record<string, unknown>,
  fromId: string,
  conversationId: string,
) {
  return postActivity(
    harness.botUrl,
    invokeActivity(harness.connector.url, verb, data, { fromId, conversationId }),
  );
}

async function requestIdFor(harness: BotHarness, actionId: string): Promise<string> {
  const requests = (await harness.services.ledger.listRequests({})).filter(
    (r) => r.actionId === actionId,
  );
  assert.ok(requests.length > 0, `a request for ${actionId} is recorded`);
  return requests[requests.length - 1].id;
}

describe('approval lifecycle over /api/messages', function () {
  this.timeout(120_000);

  it('approval after expiry is refused', async () => {
    let clock = Date.now();
    const harness = await startBotHarness({
      tenant: DEMO_TENANT,
      env: { ...APPROVAL_ENV, FIREBREAK_APPROVAL_TTL: '60s' },
      now: () => new Date(clock),
    });
    try {
      const report = await checkAlex(harness, 'expiry-1');
      const actionId = actionIdOf(report.text, 'revoke-sessions');
      invokeCard(await invoke(harness, 'firebreak.request', { actionId }, RILEY, 'expiry-1'));
      const requestId = await requestIdFor(harness, actionId);

      clock += 2 * 60_000;
      const body = invokeCard(
        await invoke(harness, 'firebreak.approve', { requestId }, JORDAN, 'expiry-1'),
      );
      assert.match(readableText(body.value), /expired/i);
      assert.equal((await harness.services.ledger.getRequest(requestId))?.status, 'expired');
      const writes = harness.emulator.requests.filter(
        (r) => r.method === 'POST' && r.path.endsWith('revokeSignInSessions'),
      );
      assert.equal(writes.length, 0);
    } finally {
      await harness.close();
    }
  });

  for (const graphWritten of [true, false]) {
    it(`restart settles a running request ${graphWritten ? 'already' : 'never'} written without running it`, async () => {
      const harness = await startBotHarness({ tenant: DEMO_TENANT, env: APPROVAL_ENV });
      try {
        const report = await checkAlex(harness, 'restart-1');
        const actionId = actionIdOf(report.text, 'revoke-sessions');
        invokeCard(await invoke(harness, 'firebreak.request', { actionId }, RILEY, 'restart-1'));
        const requestId = await requestIdFor(harness, actionId);

        // The process stops after the guarded update, and maybe after the Graph call, before recording.
        const decidedAt = new Date().toISOString();
        await harness.services.ledger.transition(requestId, ['pending'], 'running', {
          decidedBy: { aadObjectId: JORDAN, name: 'Jordan Patel' },
          decidedAt,
        });
        if (graphWritten) {
          await new Promise((resolve) => setTimeout(resolve, 1_100));
          await harness.graph.client.api(`/users/${ALEX}/revokeSignInSessions`).post({});
        }
        await harness.host.close();
        await harness.services.ledger.close();
        const writesBefore = harness.emulator.requests.filter(
          (r) => r.method === 'POST' && r.path.endsWith('revokeSignInSessions'),
        ).length;

        const config = loadConfig({
          PORT: '0',
          FIREBREAK_DATA_DIR: harness.dataDir,
          ...APPROVAL_ENV,
        });
        const services = composeServices(config, harness.services.log, harness.graph);
        const host = await startBotHost(services);
        try {
          await services.approvals.recoverInterrupted();
          const stored = await services.ledger.getRequest(requestId);
          assert.equal(stored?.status, graphWritten ? 'succeeded' : 'failed');
          assert.equal(stored?.verified, graphWritten);
          const writesAfter = harness.emulator.requests.filter(
            (r) => r.method === 'POST' && r.path.endsWith('revokeSignInSessions'),
          ).length;
          assert.equal(writesAfter, writesBefore, 'recovery never runs the action again');

          const refreshed = await postActivity(
            host.server.url,
            invokeActivity(
              harness.connector.url,
              'firebreak.refresh',
              { requestId },
              { fromId: JORDAN, conversationId: 'restart-1' },
            ),
          );
          const body = invokeCard(refreshed);
          assert.match(readableText(body.value), graphWritten ? /Done/ : /Failed/);
        } finally {
          await host.close();
          await services.ledger.close();
        }
      } finally {
        await harness.close();
      }
    });
  }

  describe('each action kind, then a new check', () => {
    let harness: BotHarness;
    let first: { text: string; id: string };

    before(async () => {
      harness = await startBotHarness({ tenant: DEMO_TENANT, env: APPROVAL_ENV });
      first = await checkAlex(harness, 'kinds-1');
    });
    after(async () => {
      await harness.close();
    });

    // `nth` picks which button of the kind: rotation takes the application's secret "sync" and
    // removal the service principal's "automation", so neither finds its key already gone.
    const KINDS: { kind: string; gone: boolean; nth?: number }[] = [
      { kind: 'delete-inbox-rule', gone: true },
      { kind: 'remove-consent', gone: true },
      { kind: 'remove-federated-credential', gone: true },
      { kind: 'remove-app-role-assignment', gone: true },
      { kind: 'rotate-credential', gone: true },
      { kind: 'remove-credential', gone: true, nth: 1 },
      { kind: 'disable-service-principal', gone: false },
      { kind: 'revoke-sessions', gone: false },
      { kind: 'confirm-compromised', gone: false },
      { kind: 'reset-password', gone: false },
      { kind: 'disable-user', gone: false },
      { kind: 'remove-auth-method', gone: true },
    ];


    for (const { kind, gone, nth } of KINDS) {
      it(`${kind} is verified and the new check shows it`, async () => {
        const actionId = actionIdOf(first.text, kind, nth);
        invokeCard(await invoke(harness, 'firebreak.request', { actionId }, RILEY, 'kinds-1'));
        const requestId = await requestIdFor(harness, actionId);
        invokeCard(await invoke(harness, 'firebreak.approve', { requestId }, JORDAN, 'kinds-1'));
        await harness.host.background.drain();

        const stored = await harness.services.ledger.getRequest(requestId);
        assert.equal(stored?.status, 'succeeded', stored?.result);
        assert.equal(stored?.verified, true);
        const updates = harness.connector.sent.filter(
          (a) => a.method === 'PUT' && a.activityId === first.id,
        );
        assert.match(
          readableText(JSON.parse(cardText(updates[updates.length - 1]))),
          /verified in Graph/,
        );

        const again = await checkAlex(harness, `kinds-${kind}`);
        if (gone) {
          assert.ok(
            !again.text.includes(`"actionId":"${actionId}"`),
            `the new report no longer offers ${actionId}`,
          );
        } else {
          assert.match(readableText(JSON.parse(again.text)), /Alex Doe/);
        }
      });
    }

    it('disabled account shows in Graph after the check', async () => {
      const user = (await harness.graph.client
        .api(`/users/${ALEX}`)
        .select('accountEnabled')
        .get()) as { accountEnabled?: boolean };
      assert.equal(user.accountEnabled, false);
    });
  });
});
