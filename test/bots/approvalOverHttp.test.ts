import assert from 'node:assert/strict';
import { postActivity, type SentActivity } from '../support/connector';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import {
  APPROVAL_ENV,
  DEMO_TENANT,
  JORDAN,
  PAT,
  RILEY,
  actionIdOf,
  cardText,
  invokeActivity,
  invokeCard,
  messageFrom,
  readableText,
  teamsId,
  verbsOf,
  cardOf,
  isFinalReport,
} from './botTestKit';

const CONVERSATION = 'approvals-1';

describe('approval flow over /api/messages', function () {
  this.timeout(60_000);
  let harness: BotHarness;
  let reportText: string;
  let reportCardId: string;

  const invoke = (
    verb: string,
    data: Record<string, unknown>,
    fromId: string,
    replyToId?: string,
  ) =>
    postActivity(
      harness.botUrl,
      invokeActivity(harness.connector.url, verb, data, {
        fromId,
        conversationId: CONVERSATION,
        replyToId,
      }),
    );
  const revokeWrites = () =>
    harness.emulator.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('revokeSignInSessions'),
    ).length;
  const approvalCardFor = (requestId: string) =>
    harness.connector.waitFor(
      (a) =>
        a.method === 'POST' &&
        cardText(a).includes(`"requestId":"${requestId}"`) &&
        cardText(a).includes('firebreak.refresh'),
    );

  /** Requests an action as Riley and returns the request id and the posted approval card. */
  async function request(
    kind: string,
  ): Promise<{ requestId: string; card: SentActivity; answer: string }> {
    const answer = await invoke(
      'firebreak.request',
      { actionId: actionIdOf(reportText, kind) },
      RILEY,
      reportCardId,
    );
    invokeCard(answer);
    const actionId = actionIdOf(reportText, kind);
    const stored = (await harness.services.ledger.listRequests({})).filter(
      (r) => r.actionId === actionId,
    );
    const requestId = stored[stored.length - 1].id;
    return { requestId, card: await approvalCardFor(requestId), answer: answer.body };
  }

  before(async () => {
    harness = await startBotHarness({ tenant: DEMO_TENANT, env: APPROVAL_ENV });
    // Jordan and Pat talk to the bot first, so the bot stores their Teams user ids.
    for (const fromId of [JORDAN, PAT]) {
      await postActivity(
        harness.botUrl,
        messageFrom(harness.connector.url, 'help', fromId, CONVERSATION),
      );
    }
    await postActivity(
      harness.botUrl,
      messageFrom(
        harness.connector.url,
        'check alex.doe@contoso.com since 2 days ago',
        RILEY,
        CONVERSATION,
      ),
    );
    const report = await harness.connector.waitFor(
      (a) => isFinalReport(a) && cardText(a).includes('firebreak.request'),
    );
    reportText = cardText(report);
    reportCardId = report.id;
  });
  after(async () => {
    await harness.close();
  });

  it('forged payload is answered with a card', async () => {
    const body = invokeCard(await invoke('firebreak.request', { actionId: 42 }, RILEY));
    assert.match(JSON.stringify(body.value), /does not accept/);
  });

  it('invoke without an action is answered with a card', async () => {
    const activity = {
      ...invokeActivity(
        harness.connector.url,
        'firebreak.request',
        {},
        { fromId: RILEY, conversationId: CONVERSATION },
      ),
      value: {},
    };
    const body = invokeCard(await postActivity(harness.botUrl, activity));
    assert.match(JSON.stringify(body.value), /does not accept/);
  });

  it('request by a non-responder is refused', async () => {
    const body = invokeCard(
      await invoke(
        'firebreak.request',
        { actionId: actionIdOf(reportText, 'revoke-sessions') },
        PAT,
      ),
    );
    assert.doesNotMatch(JSON.stringify(body.value), /firebreak\.approve/);
    const requests = await harness.services.ledger.listRequests({ status: ['pending'] });
    assert.equal(requests.filter((r) => r.requestedBy.aadObjectId === PAT).length, 0);
  });

  describe('a pending request', () => {
    let requestId: string;
    let approvalCard: SentActivity;
    let answer: string;

    before(async () => {
      ({ requestId, card: approvalCard, answer } = await request('revoke-sessions'));
    });

    it('answers the requester with the report card showing the wait', () => {
      assert.match(answer, /Waiting for approval, requested by/);
      assert.doesNotMatch(answer, /firebreak\.approve/);
    });

    it('updates the posted report card', async () => {
      const update = await harness.connector.waitFor(
        (a) =>
          a.method === 'PUT' &&
          a.activityId === reportCardId &&
          cardText(a).includes('Waiting for approval'),
      );
      assert.equal(update.conversationId, CONVERSATION);
    });

    it('posts an approval card without buttons by default', () => {
      const verbs = verbsOf((approvalCard.body.attachments as { content: unknown }[])[0].content);
      assert.deepEqual(verbs, ['firebreak.refresh']);
    });

    it('lists requester and approvers for refresh', () => {
      const card = JSON.parse(cardText(approvalCard)) as {
        refresh: { userIds: string[]; action: { verb: string } };
      };
      assert.equal(card.refresh.action.verb, 'firebreak.refresh');
      assert.ok(card.refresh.userIds.includes(teamsId(RILEY)), 'the requester is listed');
      assert.ok(card.refresh.userIds.includes(teamsId(JORDAN)), 'the approver is listed');
      assert.ok(!card.refresh.userIds.includes(teamsId(PAT)), 'a non-approver is not listed');
    });

    it('repeated request posts no second approval card', async () => {
      const again = await request('revoke-sessions');
      assert.equal(again.requestId, requestId);
      const cards = harness.connector.sent.filter(
        (a) => a.method === 'POST' && cardText(a).includes(`"requestId":"${requestId}"`),
      );
      assert.equal(cards.length, 1);
    });

    it('refresh by the approver shows Approve and Reject', async () => {
      const body = invokeCard(
        await invoke('firebreak.refresh', { requestId }, JORDAN, approvalCard.id),
      );
      assert.deepEqual(
        verbsOf(body.value).filter((v) => v !== 'firebreak.refresh'),
        ['firebreak.approve', 'firebreak.reject'],
      );
    });

    it('refresh keeps the refresh list', async () => {
      const body = invokeCard(
        await invoke('firebreak.refresh', { requestId }, JORDAN, approvalCard.id),
      );
      const refresh = body.value.refresh as { userIds: string[] };
      assert.ok(refresh.userIds.includes(teamsId(JORDAN)));
    });

    it('refresh by the requester shows no buttons', async () => {
      const body = invokeCard(
        await invoke('firebreak.refresh', { requestId }, RILEY, approvalCard.id),
      );
      assert.deepEqual(
        verbsOf(body.value).filter((v) => v !== 'firebreak.refresh'),
        [],
      );
      assert.match(JSON.stringify(body.value), /cannot approve your own/);
    });

    it('refresh by a non-member shows no buttons', async () => {
      const body = invokeCard(
        await invoke('firebreak.refresh', { requestId }, PAT, approvalCard.id),
      );
      assert.deepEqual(
        verbsOf(body.value).filter((v) => v !== 'firebreak.refresh'),
        [],
      );
    });

    it('approval by the requester is refused', async () => {
      const body = invokeCard(
        await invoke('firebreak.approve', { requestId }, RILEY, approvalCard.id),
      );
      assert.match(JSON.stringify(body.value), /You requested this action/);
      assert.equal(revokeWrites(), 0);
      assert.equal((await harness.services.ledger.getRequest(requestId))?.status, 'pending');
    });

    it('approval by a non-member is refused', async () => {
      invokeCard(await invoke('firebreak.approve', { requestId }, PAT, approvalCard.id));
      assert.equal(revokeWrites(), 0);
      assert.equal((await harness.services.ledger.getRequest(requestId))?.status, 'pending');
    });

    it('two concurrent approvals run the action once', async () => {
      const answers = await Promise.all([
        invoke('firebreak.approve', { requestId }, JORDAN, approvalCard.id),
        invoke('firebreak.approve', { requestId }, JORDAN, approvalCard.id),
      ]);
      for (const each of answers) invokeCard(each);
      await harness.host.background.drain();
      assert.equal(revokeWrites(), 1);
    });

    it('replayed approval runs nothing more', async () => {
      const body = invokeCard(
        await invoke('firebreak.approve', { requestId }, JORDAN, approvalCard.id),
      );
      await harness.host.background.drain();
      assert.equal(revokeWrites(), 1);
      assert.match(JSON.stringify(body.value), /Done/);
    });

    it('records who approved and the verified result', async () => {
      const stored = await harness.services.ledger.getRequest(requestId);
      assert.equal(stored?.status, 'succeeded');
      assert.equal(stored?.verified, true);
      assert.equal(stored?.decidedBy?.aadObjectId, JORDAN);
      assert.equal(stored?.requestedBy.aadObjectId, RILEY);
    });

    it('updates the approval card for everyone with the result', () => {
      const updates = harness.connector.sent.filter(
        (a) => a.method === 'PUT' && a.activityId === approvalCard.id,
      );
      const last = cardText(updates[updates.length - 1]);
      assert.match(last, /verified in Graph/);
      assert.match(last, /"Decided by","value":"Jordan Patel"/);
      assert.match(last, /"Requested by","value":"Riley Chen"/);
      assert.match(last, /Finished at/);
      assert.deepEqual(verbsOf(JSON.parse(last)), []);
    });

    it('updates the report card with the result', () => {
      const updates = harness.connector.sent.filter(
        (a) => a.method === 'PUT' && a.activityId === reportCardId,
      );
      assert.match(cardText(updates[updates.length - 1]), /Done: .*verified in Graph/);
    });
  });

  describe('rejection', () => {
    let requestId: string;
    let approvalCard: SentActivity;

    before(async () => {
      ({ requestId, card: approvalCard } = await request('delete-inbox-rule'));
    });

    it('without a reason asks for one and keeps the request', async () => {
      const body = invokeCard(
        await invoke('firebreak.reject', { requestId, reason: '  ' }, JORDAN, approvalCard.id),
      );
      assert.match(JSON.stringify(body.value), /Type a reason/);
      assert.ok(verbsOf(body.value).includes('firebreak.reject'), 'the approver can still reject');
      assert.equal((await harness.services.ledger.getRequest(requestId))?.status, 'pending');
    });

    it('with a too long reason says the limit', async () => {
      const body = invokeCard(
        await invoke(
          'firebreak.reject',
          { requestId, reason: 'x'.repeat(501) },
          JORDAN,
          approvalCard.id,
        ),
      );
      assert.match(JSON.stringify(body.value), /501 characters; shorten it to 500/);
      assert.equal((await harness.services.ledger.getRequest(requestId))?.status, 'pending');
    });

    it('by the requester is refused', async () => {
      invokeCard(
        await invoke('firebreak.reject', { requestId, reason: 'mine' }, RILEY, approvalCard.id),
      );
      assert.equal((await harness.services.ledger.getRequest(requestId))?.status, 'pending');
    });

    it('with a reason closes the request', async () => {
      const reason = 'Rule was set up by the user; confirmed by phone';
      const body = invokeCard(
        await invoke('firebreak.reject', { requestId, reason }, JORDAN, approvalCard.id),
      );
      assert.match(JSON.stringify(body.value), /confirmed by phone/);
      const stored = await harness.services.ledger.getRequest(requestId);
      assert.equal(stored?.status, 'rejected');
      assert.equal(stored?.rejectReason, reason);
      const update = await harness.connector.waitFor(
        (a) =>
          a.method === 'PUT' && a.activityId === approvalCard.id && /Rejected by/.test(cardText(a)),
      );
      assert.deepEqual(verbsOf(JSON.parse(cardText(update))), []);
    });

    it('after rejection an approval is refused', async () => {
      invokeCard(await invoke('firebreak.approve', { requestId }, JORDAN, approvalCard.id));
      assert.equal((await harness.services.ledger.getRequest(requestId))?.status, 'rejected');
    });
  });

  describe('pending and audit commands', () => {
    before(async () => {
      await request('remove-consent');
    });

    async function listFor(fromId: string, text: string, conversationId: string): Promise<string> {
      await postActivity(
        harness.botUrl,
        messageFrom(harness.connector.url, text, fromId, conversationId),
      );
      const reply = await harness.connector.waitFor(
        (a) => a.conversationId === conversationId && a.body.type === 'message',
      );
      return readableText(JSON.parse(cardText(reply)));
    }

    it('pending lists what an approver may approve', async () => {
      const text = await listFor(JORDAN, 'pending', 'pending-jordan');
      assert.match(text, /SecureDoc Viewer/);
    });

    it("pending lists the requester's open requests", async () => {
      const text = await listFor(RILEY, 'pending', 'pending-riley');
      assert.match(text, /SecureDoc Viewer/);
    });

    it('pending from a non-responder is refused', async () => {
      await postActivity(
        harness.botUrl,
        messageFrom(harness.connector.url, 'pending', PAT, 'pending-pat'),
      );
      const reply = await harness.connector.waitFor((a) => a.conversationId === 'pending-pat');
      assert.match(String(reply.body.text), /Only members of the incident responder group/);
      assert.equal(cardOf(reply), undefined, 'no list card is sent');
    });

    it('audit lists the steps on the user', async () => {
      const text = await listFor(RILEY, 'audit alex.doe@contoso.com', 'audit-riley');
      assert.match(text, /Audit trail for alex\.doe@contoso\.com/);
      assert.match(text, /Succeeded: revoke-sessions/);
      assert.match(text, /Rejected: delete-inbox-rule/);
      assert.match(text, /Requested: remove-consent/);
      assert.match(text, /by Jordan Patel/);
    });
  });
});
