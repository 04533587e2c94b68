import assert from 'node:assert/strict';
import { messageActivity, type SentActivity } from '../support/connector';
import { logRecords, post, startSecurityHarness, type SecurityHarness } from './support/harness';

const RILEY = 'fd05f0c3-7f05-4416-8ee9-762587b856d5';
const JORDAN = 'ee73106c-1d88-4fb7-adc7-b8bec2d4187d';
const FULL_CHECK = 'check alex.doe@contoso.com since 2 days ago';

function textOf(activity: SentActivity): string {
  const text = activity.body.text;
  return typeof text === 'string' ? text : '';
}

describe('request and check limits over HTTP', function () {
  this.timeout(60_000);

  describe('size limits', () => {
    let harness: SecurityHarness;
    before(async () => {
      harness = await startSecurityHarness();
    });
    after(async () => {
      await harness.close();
    });

    it('body over 256 KiB gets 413 and nothing runs', async () => {
      const activity = messageActivity(harness.connector.url, `check ${'a'.repeat(300 * 1024)}`, {
        conversationId: 'size-1',
      });
      const logsBefore = harness.logLines.length;
      const answer = await post(harness.botUrl, activity);
      await harness.host.background.drain();

      assert.equal(answer.status, 413);
      assert.equal(harness.connector.sent.length, 0, 'no reply');
      assert.equal(harness.graphRequests(), 0, 'no Graph read');
      const turnLines = logRecords(harness.logLines.slice(logsBefore)).filter(
        (line) => line.activityId !== undefined,
      );
      assert.deepEqual(turnLines, [], 'no turn started');
    });

    it('message over 2,000 characters gets a clear message and no check', async () => {
      const text = `check alex.doe@contoso.com since 2 days ago ${'x'.repeat(2_000)}`;
      await post(
        harness.botUrl,
        messageActivity(harness.connector.url, text, { conversationId: 'size-2' }),
      );
      const reply = await harness.connector.waitFor((sent) => sent.conversationId === 'size-2');
      await harness.host.background.drain();

      assert.match(textOf(reply), /That message is 2,044 characters long/);
      assert.match(textOf(reply), /up to 2,000/);
      assert.match(textOf(reply), /Nothing was checked/);
      assert.equal(harness.graphRequests(), 0, 'no Graph read');
      assert.equal(
        harness.connector.sent.filter((sent) => sent.conversationId === 'size-2').length,
        1,
      );
    });

    it('message of exactly 2,000 characters is read', async () => {
      const text = `help ${' '.repeat(1_995)}`;
      assert.equal(text.length, 2_000);
      await post(
        harness.botUrl,
        messageActivity(harness.connector.url, text, { conversationId: 'size-3' }),
      );
      const reply = await harness.connector.waitFor((sent) => sent.conversationId === 'size-3');
      assert.doesNotMatch(textOf(reply), /characters long/);
    });
  });

  describe('checks per user per minute', () => {
    let harness: SecurityHarness;
    let nowMs = Date.parse('2026-12-02T09:00:00Z');
    before(async () => {
      harness = await startSecurityHarness({
        env: { FIREBREAK_CHECKS_PER_MINUTE: '2' },
        now: () => new Date(nowMs),
      });
    });
    after(async () => {
      await harness.close();
    });

    /** Sends a check without a time, so the bot asks for it and reads nothing from Graph. */
    async function check(fromId: string, conversationId: string): Promise<string> {
      await post(
        harness.botUrl,
        messageActivity(harness.connector.url, 'check alex.doe@contoso.com', {
          fromId,
          conversationId,
        }),
      );
      const reply = await harness.connector.waitFor(
        (sent) => sent.conversationId === conversationId,
      );
      return textOf(reply);
    }

    it('check over the limit is rejected', async () => {
      assert.match(await check(RILEY, 'rate-1'), /Since when/);
      nowMs += 20_000;
      assert.match(await check(RILEY, 'rate-2'), /Since when/);
      nowMs += 10_000;
      const refusal = await check(RILEY, 'rate-3');
      assert.match(refusal, /You started 2 checks in the last minute/);
      assert.match(refusal, /Try again in 30 seconds/);
    });

    it('another user is not limited', async () => {
      assert.match(await check(JORDAN, 'rate-4'), /Since when/);
    });

    it('check is allowed once the window has passed', async () => {
      nowMs += 30_000;
      assert.match(await check(RILEY, 'rate-5'), /Since when/);
    });

    it('rejection is logged at warn', () => {
      const line = logRecords(harness.logLines).find(
        (record) => record.msg === 'check rejected: rate limit',
      );
      assert.equal(line?.level, 40);
      assert.equal(line?.sender, RILEY);
      assert.equal(line?.retryAfterSeconds, 30);
    });
  });

  describe('concurrent checks per process', () => {
    let harness: SecurityHarness;
    before(async () => {
      // Each Graph response takes 400 ms, so a check is still running when the next one arrives.
      harness = await startSecurityHarness({
        env: { FIREBREAK_MAX_CONCURRENT_CHECKS: '1' },
        faults: { latencyMs: 400 },
      });
    });
    after(async () => {
      await harness.close();
    });

    it('check while another runs is rejected', async () => {
      await post(
        harness.botUrl,
        messageActivity(harness.connector.url, FULL_CHECK, {
          fromId: RILEY,
          conversationId: 'busy-1',
        }),
      );
      assert.equal(harness.host.background.size, 1, 'the first check is running');
      await post(
        harness.botUrl,
        messageActivity(harness.connector.url, FULL_CHECK, {
          fromId: JORDAN,
          conversationId: 'busy-2',
        }),
      );
      const refusal = await harness.connector.waitFor((sent) => sent.conversationId === 'busy-2');

      assert.match(textOf(refusal), /already running 1 check, the most it runs at once/);
      assert.match(textOf(refusal), /Try again in a minute/);
      await harness.host.background.drain();
      assert.equal(
        harness.connector.sent.filter((sent) => sent.conversationId === 'busy-2').length,
        1,
      );
    });

    it('check after the running one finished is accepted', async () => {
      await harness.host.background.drain();
      await post(
        harness.botUrl,
        messageActivity(harness.connector.url, FULL_CHECK, {
          fromId: JORDAN,
          conversationId: 'busy-3',
        }),
      );
      assert.equal(harness.host.background.size, 1, 'the check is running');
      await harness.host.background.drain();
    });

    it('check waiting for its time holds no slot', async () => {
      const ask = messageActivity(harness.connector.url, 'check alex.doe@contoso.com', {
        fromId: RILEY,
        conversationId: 'busy-4',
      });
      await post(harness.botUrl, ask);
      await post(
        harness.botUrl,
        messageActivity(harness.connector.url, FULL_CHECK, {
          fromId: JORDAN,
          conversationId: 'busy-5',
        }),
      );
      assert.equal(harness.host.background.size, 1, 'the second check runs');
      await harness.host.background.drain();
    });
  });
});
