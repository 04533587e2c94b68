import assert from 'node:assert/strict';

import { parseSince, type SinceResult, type TimeContext } from '../../../services/time/parseSince';

type Accepted = Extract<SinceResult, { ok: true }>;
type Rejected = Extract<SinceResult, { ok: false }>;

function accepted(result: SinceResult): Accepted {
  assert.equal(result.ok, true, `expected a time, got ${JSON.stringify(result)}`);
  return result;
}

function rejected(result: SinceResult): Rejected {
  assert.equal(result.ok, false, `expected an error, got ${JSON.stringify(result)}`);
  return result;
}

const berlin = (now: string): TimeContext => ({ now: new Date(now), timeZone: 'Europe/Berlin' });

describe('parseSince DST edges', () => {
  it('skipped time moves forward to 03:00 with a note', () => {
    const result = accepted(parseSince('2026-03-29 02:30', berlin('2026-04-02T12:00:00Z')));
    assert.equal(result.since.toISOString(), '2026-03-29T01:00:00.000Z');
    assert.equal(result.understood, 'Sun 29 Mar 2026 03:00 Europe/Berlin (01:00 UTC)');
    assert.match(result.notes.join(' '), /does not exist in Europe\/Berlin/);
    assert.match(result.notes.join(' '), /first valid time after it was used \(03:00\)/);
  });

  it('repeated time takes the earlier instant with a note', () => {
    const result = accepted(parseSince('2026-10-25 02:30', berlin('2026-10-26T12:00:00Z')));
    assert.equal(result.since.toISOString(), '2026-10-25T00:30:00.000Z');
    assert.match(result.notes.join(' '), /happens twice in Europe\/Berlin/);
    assert.match(result.notes.join(' '), /earlier one was used \(UTC offset \+02:00\)/);
  });

  it('skipped time stays on the same day', () => {
    const result = accepted(parseSince('2026-03-29 02:30', berlin('2026-04-02T12:00:00Z')));
    assert.match(result.understood, /^Sun 29 Mar 2026/);
  });

  it('ordinary time has no DST note', () => {
    const result = accepted(parseSince('2026-03-29 04:30', berlin('2026-04-02T12:00:00Z')));
    assert.equal(result.since.toISOString(), '2026-03-29T02:30:00.000Z');
    assert.deepEqual(result.notes, []);
  });
});

describe('parseSince numeric dates', () => {
  const june = (locale: string): TimeContext => ({
    now: new Date('2026-06-10T12:00:00Z'),
    timeZone: 'Europe/London',
    locale,
  });
  const options = { retentionDays: 90 };

  it('04/06 is 6 April for en-US', () => {
    const result = accepted(parseSince('04/06 9:00', june('en-US'), options));
    assert.equal(result.since.toISOString(), '2026-04-06T08:00:00.000Z');
    assert.match(result.notes.join(' '), /04\/06 was read as month\/day for en-US: 6 April/);
  });

  for (const locale of ['en-GB', 'de-DE', 'fr-FR']) {
    it(`04/06 is 4 June for ${locale}`, () => {
      const result = accepted(parseSince('04/06 9:00', june(locale), options));
      assert.equal(result.since.toISOString(), '2026-06-04T08:00:00.000Z');
      assert.match(result.understood, /^Thu 4 Jun 2026 09:00/);
      assert.match(result.notes.join(' '), new RegExp(`read as day/month for ${locale}: 4 June`));
    });
  }

  it('missing locale reads month first', () => {
    const result = accepted(
      parseSince('04/06 9:00', { ...june('en-US'), locale: undefined }, options),
    );
    assert.equal(result.since.toISOString(), '2026-04-06T08:00:00.000Z');
  });

  it('German dotted date without a year is read', () => {
    const result = accepted(parseSince('04.06. 9:00', june('de-DE'), options));
    assert.equal(result.since.toISOString(), '2026-06-04T08:00:00.000Z');
  });

  it('2026/13/01 is rejected, not rolled over', () => {
    const result = rejected(parseSince('2026/13/01', june('en-US')));
    assert.equal(result.code, 'time.invalid');
    assert.match(result.message, /2026\/13\/01 is not a valid date when read as year\/month\/day/);
  });

  it('13/01/2026 is rejected for en-US', () => {
    const result = rejected(parseSince('13/01/2026', june('en-US')));
    assert.equal(result.code, 'time.invalid');
    assert.match(result.message, /read as month\/day \(locale en-US\)/);
    assert.match(result.message, /for example 2026-01-13/);
  });

  it('01/13/2026 is rejected for en-GB', () => {
    assert.equal(rejected(parseSince('01/13/2026', june('en-GB'))).code, 'time.invalid');
  });

  it('30 February is rejected', () => {
    assert.equal(rejected(parseSince('2026-02-30', june('en-US'))).code, 'time.invalid');
  });
});

describe('parseSince rejections', () => {
  const context: TimeContext = { now: new Date('2026-12-02T19:30:00Z'), timeZone: 'UTC' };

  it('empty input is invalid and lists accepted forms', () => {
    const result = rejected(parseSince('   ', context));
    assert.equal(result.code, 'time.invalid');
    assert.match(result.message, /It is empty/);
    assert.match(result.message, /"yesterday 9am"/);
    assert.match(result.message, /"last 24h"/);
  });

  it('garbage is invalid and quotes the input', () => {
    const result = rejected(parseSince('lunchtime-ish', context));
    assert.equal(result.code, 'time.invalid');
    assert.match(result.message, /Could not read "lunchtime-ish" as a time/);
  });

  it('words around a time are invalid', () => {
    const result = rejected(parseSince('yesterday banana', context));
    assert.equal(result.code, 'time.invalid');
    assert.match(result.message, /The part "banana" is not a time/);
  });

  it('a range is invalid', () => {
    const result = rejected(parseSince('from monday to tuesday', context));
    assert.match(result.message, /only a start time is needed/);
  });

  it('input over 200 characters is invalid', () => {
    const result = rejected(parseSince(`yesterday ${' '.repeat(200)}`, context));
    assert.equal(result.code, 'time.invalid');
    assert.match(result.message, /longer than 200 characters/);
  });

  it('future time is rejected with what was understood', () => {
    const result = rejected(parseSince('2026-12-03 10:00', context));
    assert.equal(result.code, 'time.future');
    assert.match(result.message, /Thu 3 Dec 2026 10:00 UTC, which is in the future/);
  });

  it('older than 30 days is rejected with the Graph retention', () => {
    const result = rejected(parseSince('2026-10-01', context));
    assert.equal(result.code, 'time.too-old');
    assert.match(result.message, /more than 30 days ago/);
    assert.match(
      result.message,
      /keeps sign-in and audit logs for 30 days \(7 days on Entra ID Free\)/,
    );
  });

  it('retention of 7 days rejects 8 days ago', () => {
    const result = rejected(parseSince('8 days ago', context, { retentionDays: 7 }));
    assert.equal(result.code, 'time.too-old');
    assert.match(result.message, /within the last 7 days/);
  });

  it('exactly 30 days ago is accepted', () => {
    assert.equal(parseSince('last 30 days', context).ok, true);
  });

  it('invalid retentionDays throws with the value', () => {
    assert.throws(() => parseSince('yesterday', context, { retentionDays: 0 }), /got 0/);
  });
});
