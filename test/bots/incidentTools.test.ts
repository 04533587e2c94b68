import assert from 'node:assert/strict';
import { postActivity, type SentActivity } from '../support/connector';
import { startBotHarness, type BotHarness } from '../support/botHarness';
import {
  APPROVAL_ENV,
  DEMO_TENANT,
  PAT,
  RILEY,
  cardOf,
  cardText,
  invokeActivity,
  invokeCard,
  isFinalReport,
  messageFrom,
  readableText,
  verbsOf,
} from './botTestKit';

const CHECK_ALEX = 'check alex.doe@contoso.com since 2 days ago';

function send(harness: BotHarness, text: string, fromId: string, conversationId: string) {
  return postActivity(
    harness.botUrl,
    messageFrom(harness.connector.url, text, fromId, conversationId),
  );
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

/** Sends `text` and waits for the first new activity in the conversation that `matches`. */
async function sendAndWait(
  harness: BotHarness,
  text: string,
  fromId: string,
  conversationId: string,
  matches: (activity: SentActivity) => boolean,
): Promise<SentActivity> {
  const count = harness.connector.sent.length;
  await send(harness, text, fromId, conversationId);
  return harness.connector.waitFor(
    (a) =>
      harness.connector.sent.indexOf(a) >= count &&
      a.conversationId === conversationId &&
      matches(a),
    30_000,
  );
}

function reportIdOf(activity: SentActivity): string {
  const id = /"reportId":"([^"]+)"/.exec(cardText(activity))?.[1];
  assert.ok(id, 'the report card carries its report id');
  return id;
}

describe('incident tools over /api/messages', function () {
  this.timeout(120_000);
  let harness: BotHarness;
  let report: SentActivity;
  let reportId: string;
  const conversation = 'tools-1';

  before(async () => {
    harness = await startBotHarness({ tenant: DEMO_TENANT, env: APPROVAL_ENV });
    report = await sendAndWait(harness, CHECK_ALEX, RILEY, conversation, isFinalReport);
    reportId = reportIdOf(report);
  });
  after(async () => {
    await harness.close();
  });

  it('report card gains the campaign scope button', async () => {
    const updated = await harness.connector.waitFor(
      (a) =>
        a.activityId === report.id &&
        a.method === 'PUT' &&
        cardText(a).includes('firebreak.checkScope'),
    );
    assert.match(readableText(cardOf(updated)), /Check these \d+ users/);
  });

  it('timeline button posts page one', async () => {
    const count = harness.connector.sent.length;
    const body = invokeCard(
      await invoke(harness, 'firebreak.timeline', { reportId }, RILEY, conversation),
    );
    assert.ok(verbsOf(body.value).includes('firebreak.report'), 'the answer is the report card');
    const timeline = await harness.connector.waitFor(
      (a) =>
        harness.connector.sent.indexOf(a) >= count &&
        /Timeline of alex/.test(readableText(cardOf(a))),
    );
    assert.match(readableText(cardOf(timeline)), /Page 1 of \d+/);
  });

  it('timeline page two answers in place', async () => {
    const body = invokeCard(
      await invoke(harness, 'firebreak.timeline', { reportId, page: 2 }, RILEY, conversation),
    );
    assert.match(readableText(body.value), /Page 2 of \d+/);
  });

  it('incident report button posts the markdown', async () => {
    const count = harness.connector.sent.length;
    invokeCard(await invoke(harness, 'firebreak.report', { reportId }, RILEY, conversation));
    const posted = await harness.connector.waitFor(
      (a) =>
        harness.connector.sent.indexOf(a) >= count &&
        /Incident report: alex/.test(readableText(cardOf(a))),
    );
    const text = readableText(cardOf(posted));
    assert.match(text, /"fontType":"Monospace"/);
    assert.match(text, /"text":"# /, 'the markdown headings show as typed');
  });

  it('check scope answers at once and posts one summary', async () => {
    const count = harness.connector.sent.length;
    const body = invokeCard(
      await invoke(harness, 'firebreak.checkScope', { reportId }, RILEY, conversation),
    );
    assert.match(readableText(body.value), /Checking \d+ users? reached from alex/);
    await harness.connector.waitFor(
      (a) =>
        harness.connector.sent.indexOf(a) >= count &&
        /Campaign from alex/.test(readableText(cardOf(a))),
      60_000,
    );
    await harness.host.background.drain();
    const summaries = harness.connector.sent
      .slice(count)
      .filter((a) => /Campaign from alex/.test(readableText(cardOf(a))));
    assert.equal(summaries.length, 1);
  });

  it('timeline from a non-responder is refused', async () => {
    const body = invokeCard(
      await invoke(harness, 'firebreak.timeline', { reportId }, PAT, conversation),
    );
    assert.match(readableText(body.value), /Only members of the incident responder group/);
  });

  it('check scope from a non-responder is refused', async () => {
    const body = invokeCard(
      await invoke(harness, 'firebreak.checkScope', { reportId }, PAT, conversation),
    );
    assert.match(readableText(body.value), /Only members of the incident responder group/);
  });

  it('check from a non-responder is refused', async () => {
    const reply = await sendAndWait(harness, CHECK_ALEX, PAT, 'tools-pat', () => true);
    assert.match(
      String(reply.body.text),
      /Only members of the incident responder group may run checks/,
    );
  });

  it('responder membership answer is reused', async () => {
    const reads = () =>
      harness.emulator.requests.filter(
        (r) =>
          r.method === 'POST' && r.path.includes(RILEY) && r.path.endsWith('checkMemberGroups'),
      ).length;
    const before = reads();
    await sendAndWait(harness, 'audit alex.doe@contoso.com', RILEY, 'tools-cache', () => true);
    await sendAndWait(harness, 'audit alex.doe@contoso.com', RILEY, 'tools-cache', () => true);
    assert.equal(reads() - before, 0, 'the answer from the first check is reused');
  });
});

describe('checks without a responder group', function () {
  this.timeout(120_000);
  let harness: BotHarness;

  before(async () => {
    harness = await startBotHarness({ tenant: DEMO_TENANT });
  });
  after(async () => {
    await harness.close();
  });

  it('anyone may check', async () => {
    const report = await sendAndWait(harness, CHECK_ALEX, PAT, 'open-1', isFinalReport);
    assert.match(readableText(cardOf(report)), /alex\.doe\\?@contoso/);
  });

  it('remediation request names the missing variable', async () => {
    const report = await harness.connector.waitFor(
      (a) => a.conversationId === 'open-1' && isFinalReport(a),
    );
    const actionId = /"actionId":"([^"]+)"/.exec(cardText(report))?.[1];
    assert.ok(actionId);
    const body = invokeCard(
      await invoke(harness, 'firebreak.request', { actionId }, PAT, 'open-1'),
    );
    assert.match(readableText(body.value), /FIREBREAK_RESPONDER_GROUP/);
  });
});

describe('early report while sign-ins page', function () {
  this.timeout(120_000);
  let harness: BotHarness;

  before(async () => {
    harness = await startBotHarness({ tenant: DEMO_TENANT, faults: { latencyMs: 150 } });
  });
  after(async () => {
    await harness.close();
  });

  it('early card is replaced by the final report', async () => {
    const early = await sendAndWait(harness, CHECK_ALEX, RILEY, 'early-1', (a) =>
      readableText(cardOf(a)).includes('Early report'),
    );
    assert.equal(early.method, 'POST');
    assert.match(readableText(cardOf(early)), /sign-ins still being read/);
    assert.deepEqual(verbsOf(cardOf(early)), [], 'the early card has no buttons');

    const final = await harness.connector.waitFor(
      (a) => a.conversationId === 'early-1' && isFinalReport(a),
      60_000,
    );
    assert.equal(final.method, 'PUT');
    assert.equal(final.activityId, early.id);
    assert.ok(!readableText(cardOf(final)).includes('Early report'));
  });
});
