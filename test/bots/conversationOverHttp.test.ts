import assert from 'node:assert/strict';
import { MemoryStorage } from 'botbuilder';
import { postActivity, type SentActivity } from '../support/connector';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import {
  ALEXANDRA,
  APPROVAL_ENV,
  DEMO_TENANT,
  RILEY,
  actionIdOf,
  cardText,
  invokeActivity,
  invokeCard,
  messageFrom,
  readableText,
  verbsOf,
  isFinalReport,
  isNewReportMessage,
} from './botTestKit';

const CHECK_ALEX = 'check alex.doe@contoso.com since 2 days ago';

function inConversation(harness: BotHarness, conversationId: string): SentActivity[] {
  return harness.connector.sent.filter((a) => a.conversationId === conversationId);
}

function reportCards(harness: BotHarness, conversationId: string): SentActivity[] {
  return inConversation(harness, conversationId).filter(
    (a) => isNewReportMessage(a),
  );
}

function checksStarted(harness: BotHarness, activityId: unknown): number {
  return harness.logLines.filter(
    (line) =>
      line.includes('"check started"') && line.includes(`"activityId":"${String(activityId)}"`),
  ).length;
}

describe('conversation over /api/messages', function () {
  this.timeout(60_000);
  let harness: BotHarness;

  before(async () => {
    harness = await startBotHarness({ tenant: DEMO_TENANT, env: APPROVAL_ENV });
  });
  after(async () => {
    await harness.close();
  });

  const send = (text: string, conversationId: string) =>
    postActivity(harness.botUrl, messageFrom(harness.connector.url, text, RILEY, conversationId));
  const invoke = (
    verb: string,
    data: Record<string, unknown>,
    conversationId: string,
    replyToId?: string,
  ) =>
    postActivity(
      harness.botUrl,
      invokeActivity(harness.connector.url, verb, data, {
        fromId: RILEY,
        conversationId,
        replyToId,
      }),
    );

  it('button during a prompt is handled and the prompt still waits', async () => {
    await send(CHECK_ALEX, 'prompt-1');
    const report = await harness.connector.waitFor(
      (a) => a.conversationId === 'prompt-1' && cardText(a).includes('Show full report'),
    );
    await send('check', 'prompt-1');
    await harness.connector.waitFor(
      (a) => a.conversationId === 'prompt-1' && /Which user/.test(String(a.body.text)),
    );

    const actionId = actionIdOf(cardText(report), 'delete-inbox-rule');
    const answer = invokeCard(
      await invoke('firebreak.request', { actionId }, 'prompt-1', report.id),
    );
    assert.match(readableText(answer.value), /Waiting for approval/);
    const requests = await harness.services.ledger.listRequests({ status: ['pending'] });
    assert.ok(
      requests.some((r) => r.actionId === actionId),
      'the request is recorded',
    );

    await send('alex.doe@contoso.com', 'prompt-1');
    await harness.connector.waitFor(
      (a) =>
        a.conversationId === 'prompt-1' &&
        /Since when should I check alex\.doe@contoso\.com/.test(
          String(a.body.text).replace(/\\/g, ''),
        ),
    );
  });

  describe('channel mentions', () => {
    const CASES = [
      {
        name: 'mention in the middle',
        text: 'please <at>Firebreak</at>&nbsp;check user alex.doe@contoso.com since 2 days ago',
        mention: 'Firebreak',
      },
      {
        name: 'trailing newline',
        text: '<at>Firebreak</at>&nbsp;check user alex.doe@contoso.com since 2 days ago\n',
        mention: 'Firebreak',
      },
      {
        name: 'renamed bot',
        text: '<at>Incident Desk</at> check user alex.doe@contoso.com since 2 days ago',
        mention: 'Incident Desk',
      },
    ];
    CASES.forEach((mentionCase, index) => {
      it(`${mentionCase.name} runs the check`, async () => {
        const conversationId = `19:channel-${index}@thread.tacv2`;
        const activity = messageFrom(
          harness.connector.url,
          mentionCase.text,
          RILEY,
          conversationId,
        );
        activity.conversation = {
          id: conversationId,
          conversationType: 'channel',
          tenantId: 'contoso-tenant',
        };
        activity.entities = [
          {
            type: 'mention',
            text: `<at>${mentionCase.mention}</at>`,
            mentioned: { id: '28:firebreak', name: mentionCase.mention },
          },
        ];
        await postActivity(harness.botUrl, activity);
        const report = await harness.connector.waitFor(
          (a) => a.conversationId === conversationId && cardText(a).includes('Show full report'),
        );
        assert.match(readableText(cardOfText(report)), /alex\.doe@contoso\.com/);
      });
    });
  });

  it('message over 2,000 characters runs no check', async () => {
    const activity = messageFrom(
      harness.connector.url,
      `check alex.doe@contoso.com since 2 days ago ${'x'.repeat(2_000)}`,
      RILEY,
      'long-1',
    );
    const answer = await postActivity(harness.botUrl, activity);
    assert.equal(answer.status, 200);
    const reply = await harness.connector.waitFor(
      (a) => a.conversationId === 'long-1' && a.body.type === 'message',
    );
    assert.match(String(reply.body.text), /2,?000/);
    assert.equal(checksStarted(harness, activity.id), 0);
  });

  describe('repeated delivery', () => {
    it('same message twice runs one check', async () => {
      const activity = messageFrom(harness.connector.url, CHECK_ALEX, RILEY, 'repeat-1');
      await postActivity(harness.botUrl, activity);
      await postActivity(harness.botUrl, activity);
      await harness.connector.waitFor(
        (a) => a.conversationId === 'repeat-1' && cardText(a).includes('Show full report'),
      );
      await harness.host.background.drain();
      assert.equal(checksStarted(harness, activity.id), 1);
      assert.equal(reportCards(harness, 'repeat-1').length, 1);
    });

    it('same message twice at once runs one check', async () => {
      const activity = messageFrom(harness.connector.url, CHECK_ALEX, RILEY, 'repeat-2');
      await Promise.all([
        postActivity(harness.botUrl, activity),
        postActivity(harness.botUrl, activity),
      ]);
      await harness.host.background.drain();
      assert.equal(checksStarted(harness, activity.id), 1);
      assert.equal(reportCards(harness, 'repeat-2').length, 1);
    });

    it('same message after a restart runs no check', async () => {
      const storage = new MemoryStorage();
      const first = await startBotHarness({ tenant: DEMO_TENANT, env: APPROVAL_ENV, storage });
      const activity = messageFrom(first.connector.url, CHECK_ALEX, RILEY, 'repeat-3');
      try {
        await postActivity(first.botUrl, activity);
        await first.host.background.drain();
        assert.equal(checksStarted(first, activity.id), 1);
      } finally {
        await first.close();
      }
      const second = await startBotHarness({ tenant: DEMO_TENANT, env: APPROVAL_ENV, storage });
      try {
        await postActivity(second.botUrl, { ...activity, serviceUrl: second.connector.url });
        await second.host.background.drain();
        assert.equal(checksStarted(second, activity.id), 0);
        assert.equal(reportCards(second, 'repeat-3').length, 0);
      } finally {
        await second.close();
      }
    });
  });

  describe('choice between users', () => {
    let choice: SentActivity;
    let acknowledgement: string;

    before(async () => {
      await send('check alex since 2 days ago', 'choose-1');
      choice = await harness.connector.waitFor(
        (a) =>
          a.conversationId === 'choose-1' &&
          a.method === 'POST' &&
          cardText(a).includes('firebreak.chooseUser'),
      );
      acknowledgement = readableText(
        cardOfText(
          inConversation(harness, 'choose-1').find((a) => cardText(a).includes('Checking')),
        ),
      );
    });

    it('choice runs the check with the original window', async () => {
      // A time in the card data is ignored; the window comes from the conversation state.
      const body = invokeCard(
        await invoke(
          'firebreak.chooseUser',
          { userId: ALEXANDRA, since: '2026-01-01T00:00:00Z' },
          'choose-1',
          choice.id,
        ),
      );
      assert.match(readableText(body.value), /Checking alexandra\.kim@contoso\.com/);
      const report = await harness.connector.waitFor(
        (a) =>
          a.conversationId === 'choose-1' &&
          isFinalReport(a) &&
          cardText(a).includes('"text":"Alexandra Kim"'),
      );
      const sinceShown = /Checking alex since (\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC)/.exec(
        acknowledgement,
      )?.[1];
      assert.ok(sinceShown, 'the acknowledgement names the start of the window');
      const reportText = readableText(cardOfText(report));
      assert.match(reportText, /alexandra\.kim@contoso\.com/);
      assert.ok(
        reportText.includes(`${sinceShown} to`),
        `the report window starts at ${sinceShown}: ${reportText.slice(0, 600)}`,
      );
    });

    it('choice of a user not offered is refused', async () => {
      await send('check alex since 2 days ago', 'choose-2');
      const other = await harness.connector.waitFor(
        (a) =>
          a.conversationId === 'choose-2' &&
          a.method === 'POST' &&
          cardText(a).includes('firebreak.chooseUser'),
      );
      const body = invokeCard(
        await invoke(
          'firebreak.chooseUser',
          { userId: '31bb706f-74d1-4318-b1cb-b1baca0b7f54' },
          'choose-2',
          other.id,
        ),
      );
      assert.match(readableText(body.value), /was not one of the choices/);
    });

    it('second press on the same choice runs nothing', async () => {
      const body = invokeCard(
        await invoke('firebreak.chooseUser', { userId: ALEXANDRA }, 'choose-1', choice.id),
      );
      assert.match(readableText(body.value), /already made/);
    });

    it('choice progress updates the choice card', async () => {
      await harness.host.background.drain();
      const updates = inConversation(harness, 'choose-1').filter(
        (a) => a.method === 'PUT' && a.activityId === choice.id,
      );
      assert.ok(updates.length > 0, 'the choice card is updated');
      assert.match(
        readableText(cardOfText(updates[updates.length - 1])),
        /Done: the report on alexandra\.kim/,
      );
    });
  });

  describe('full findings list', () => {
    let report: SentActivity;
    let reportId: string;

    before(async () => {
      await send(CHECK_ALEX, 'all-1');
      report = await harness.connector.waitFor(
        (a) => a.conversationId === 'all-1' && cardText(a).includes('Show full report'),
      );
      reportId = /"reportId":"([^"]+)"/.exec(cardText(report))?.[1] ?? '';
    });

    it('show all posts the first page and keeps the report', async () => {
      const body = invokeCard(await invoke('firebreak.showAll', { reportId }, 'all-1', report.id));
      assert.ok(verbsOf(body.value).includes('firebreak.request'), 'the answer is the report card');
      const page = await harness.connector.waitFor(
        (a) => a.conversationId === 'all-1' && /page 1 of 2/.test(readableText(cardOfText(a))),
      );
      assert.match(readableText(cardOfText(page)), /All 23 findings/);
      assert.deepEqual(verbsOf(cardOfText(page)), ['firebreak.showAll']);
    });

    it('next page replaces the list', async () => {
      const body = invokeCard(await invoke('firebreak.showAll', { reportId, page: 2 }, 'all-1'));
      const text = readableText(body.value);
      assert.match(text, /page 2 of 2/);
      assert.match(text, /--json/);
      assert.deepEqual(verbsOf(body.value), []);
    });

    it('unknown report is answered with a card', async () => {
      const body = invokeCard(
        await invoke('firebreak.showAll', { reportId: 'no-such-report' }, 'all-1'),
      );
      assert.match(readableText(body.value), /not in the ledger/);
    });
  });
});

describe('check progress over /api/messages', function () {
  this.timeout(60_000);

  it('slow check updates the acknowledgement at most every 2 s', async () => {
    const harness = await startBotHarness({
      tenant: DEMO_TENANT,
      env: APPROVAL_ENV,
      faults: { latencyMs: 700 },
    });
    const seenAt = new Map<SentActivity, number>();
    const record = (): void => {
      for (const activity of harness.connector.sent)
        if (!seenAt.has(activity)) seenAt.set(activity, Date.now());
    };
    const poll = setInterval(record, 20);
    try {
      await postActivity(
        harness.botUrl,
        messageFrom(harness.connector.url, CHECK_ALEX, RILEY, 'progress-1'),
      );
      const ack = await harness.connector.waitFor(
        (a) => a.conversationId === 'progress-1' && cardText(a).includes('Checking'),
      );
      await harness.connector.waitFor(
        (a) => a.conversationId === 'progress-1' && cardText(a).includes('Show full report'),
        30_000,
      );
      await harness.host.background.drain();
      record();

      const updates = harness.connector.sent.filter(
        (a) => a.method === 'PUT' && a.activityId === ack.id,
      );
      const texts = updates.map((a) => readableText(cardOfText(a)));
      assert.ok(
        texts.some((text) => /Reading sign-ins|Looking up/.test(text)),
        `a stage is shown: ${texts.join(' | ')}`,
      );
      assert.match(texts[texts.length - 1], /Done: the report on alex\.doe@contoso\.com/);
      const times = [ack, ...updates].map((a) => seenAt.get(a) ?? 0);
      for (let index = 1; index < times.length; index++) {
        assert.ok(
          times[index] - times[index - 1] >= 1_900,
          `update ${index} came ${times[index] - times[index - 1]} ms after the one before`,
        );
      }
    } finally {
      clearInterval(poll);
      await harness.close();
    }
  });
});

function cardOfText(activity: SentActivity | undefined): unknown {
  return activity ? JSON.parse(cardText(activity)) : {};
}
