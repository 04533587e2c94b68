import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateCard } from '../../cards/validate';
import { messageActivity, type SentActivity } from '../support/connector';
import { findByType } from '../cards/fixtures';
import { logRecords, post, startSecurityHarness, type SecurityHarness } from './support/harness';

const CARD = 'application/vnd.microsoft.card.adaptive';

/** Pieces that have broken parsers, OData filters, paths or Teams rendering. */
const HOSTILE_PIECES = [
  "'",
  '"',
  '`',
  '#EXT#',
  'sam_fabrikam.com#EXT#@contoso.onmicrosoft.com',
  "sean.o'neill@contoso.com",
  "' or 1 eq 1 or '",
  '%',
  '%27',
  '%2F..%2F',
  '/',
  '../../users',
  '\\',
  '?$select=passwordProfile',
  '\n',
  '\r\n- item',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u202e',
  '\u200f',
  '\u2066',
  '\ufeff',
  '[Review urgently](https://example.invalid)',
  '**Microsoft Security**',
  '<at>Mallory</at>',
  '&lt;at&gt;Mallory&lt;/at&gt;',
  '&#60;at&#62;Mallory&#60;/at&#62;',
  '<a href="https://example.invalid">x</a>',
  '${location.city}',
  '{{user}}',
  ' since ',
  ' from ',
  'yesterday 9am',
  '2026/13/01',
  '9999999999 hours ago',
  'alex.doe@contoso.com',
  '😀',
  'ﷺ',
  'שלום',
  ' ',
];

const piece = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_PIECES) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('A'.repeat(1_900), '['.repeat(500), '\\'.repeat(700)) },
);
const hostileText = fc
  .array(piece, { minLength: 1, maxLength: 8 })
  .map((pieces) => pieces.join(''));
const since = fc.oneof(fc.constant('2 days ago'), hostileText);

/** Stack frames as Node prints them: "at name (file:line:column)" or "at file:line:column". */
const STACK_FRAME = /\bat (?:[\w.<>$[\] ]+ \()?[^\s()]*:\d+:\d+\)?/;
/** A link or mention that Teams would render: brackets and tags with no backslash before them. */
const UNESCAPED_LINK = /(?<!\\)\[[^\]]*(?<!\\)\]\(/;
const MENTION_TAG = /(?<!\\)<at\b/i;

/** Collects every text a user would read in a reply: message text and card text fields. */
function readableTexts(activity: SentActivity): string[] {
  const texts = typeof activity.body.text === 'string' ? [activity.body.text] : [];
  for (const card of cardsOf(activity)) {
    texts.push(...findByType(card, 'TextBlock').map((block) => String(block.text)));
    texts.push(...findByType(card, 'TextRun').map((run) => String(run.text)));
    for (const set of findByType(card, 'FactSet')) {
      for (const fact of set.facts as { title: string; value: string }[])
        texts.push(fact.title, fact.value);
    }
  }
  return texts;
}

function cardsOf(activity: SentActivity): object[] {
  const attachments = (activity.body.attachments ?? []) as {
    contentType: string;
    content: object;
  }[];
  return attachments
    .filter((attachment) => attachment.contentType === CARD)
    .map((attachment) => attachment.content);
}

describe('hostile check commands over HTTP', function () {
  this.timeout(180_000);
  let harness: SecurityHarness;
  const unhandled: unknown[] = [];
  const recordUnhandled = (reason: unknown) => unhandled.push(reason);

  before(async () => {
    harness = await startSecurityHarness({ env: { FIREBREAK_CHECKS_PER_MINUTE: '1000' } });
    process.on('unhandledRejection', recordUnhandled);
  });
  after(async () => {
    process.off('unhandledRejection', recordUnhandled);
    await harness.close();
  });

  it('random hostile input is answered safely', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(hostileText, since, async (who, sinceText) => {
        run += 1;
        const conversationId = `hostile-${run}`;
        const logsBefore = harness.logLines.length;
        const activity = messageActivity(harness.connector.url, `check ${who} since ${sinceText}`, {
          conversationId,
          fromId: `fuzz-${run}`,
        });
        const answer = await post(harness.botUrl, activity);
        await harness.host.background.drain();

        assert.equal(answer.status, 200, `HTTP status for run ${run}`);
        const faults = logRecords(harness.logLines.slice(logsBefore)).filter(
          (line) => Number(line.level) >= 50,
        );
        assert.deepEqual(faults, [], 'no error was logged');
        assert.deepEqual(unhandled, [], 'no unhandled rejection');

        const replies = harness.connector.sent.filter(
          (sent) => sent.conversationId === conversationId,
        );
        assert.ok(replies.length > 0, 'the bot replied');
        for (const reply of replies) {
          assert.doesNotMatch(JSON.stringify(reply.body), STACK_FRAME, 'no stack trace in a reply');
          for (const card of cardsOf(reply))
            assert.deepEqual(validateCard(card), [], 'the card is valid');
          for (const text of readableTexts(reply)) {
            assert.doesNotMatch(text, UNESCAPED_LINK, `no markdown link from the input: ${text}`);
            assert.doesNotMatch(text, MENTION_TAG, `no mention from the input: ${text}`);
          }
        }
      }),
      {
        numRuns: 40,
        // An open quote keeps "since" inside the user, so the bot asks for the time and repeats it.
        examples: [['"[Review urgently](https://example.invalid)', '2 days ago']],
      },
    );
  });
});
