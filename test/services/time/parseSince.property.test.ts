import assert from 'node:assert/strict';

import fc from 'fast-check';

import { ACCEPTED_FORMS } from '../../../services/time/messages';
import { parseSince, type SinceResult } from '../../../services/time/parseSince';

const ZONES = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Bogus/Zone',
];
const LOCALES = [undefined, 'en-US', 'en-GB', 'de-DE', 'fr-FR', 'ja-JP', 'not a locale', ''];
const FRAGMENTS = [
  'yesterday',
  '9am',
  'since',
  'from',
  'ago',
  'last',
  '24h',
  'monday',
  '2026-12-01',
  '14:00',
  '04/06',
  '2026/13/01',
  '"',
  "'",
  '%',
  '%s',
  '%00',
  '/',
  '\\',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u202e',
  '\u200f',
  '\u2066',
  '\ufeff',
  'ש',
  'مساء',
  '<at>',
  '&nbsp;',
  'Z',
  '+01:00',
  '-',
  '.',
  ' ',
  '9999',
  '0',
  '-1',
  '1e309',
  'NaN',
  '\ud800',
];

const hostile = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 8 }).map((parts) => parts.join(' ')),
  fc.constantFrom('x'.repeat(10_000), '9am '.repeat(2_500), '\n'.repeat(10_000)),
);

const context = fc.record({
  now: fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  }),
  timeZone: fc.constantFrom(...ZONES),
  locale: fc.constantFrom(...LOCALES),
});

function assertWellFormed(result: SinceResult, now: Date, retentionDays: number): void {
  if (result.ok) {
    assert.ok(!Number.isNaN(result.since.getTime()), 'since is a valid date');
    assert.ok(result.since <= now, 'since is not in the future');
    const floor = now.getTime() - (retentionDays + 1) * 24 * 3_600_000;
    assert.ok(result.since.getTime() >= floor, 'since is within retention');
    assert.ok(result.understood.length > 0, 'understood is filled');
    return;
  }
  assert.ok(['time.invalid', 'time.future', 'time.too-old'].includes(result.code), result.code);
  assert.ok(result.message.length > 0, 'message is filled');
}

describe('parseSince properties', () => {
  it('hostile strings never throw and return ok or a typed error', () => {
    fc.assert(
      fc.property(hostile, context, (text, ctx) => {
        assertWellFormed(parseSince(text, ctx), ctx.now, 30);
      }),
      { numRuns: 500 },
    );
  });

  it('accepted forms are ok in every zone and locale', () => {
    // The forms in the help text must work for every responder, whatever the zone and locale.
    fc.assert(
      fc.property(
        fc.constantFrom(...ACCEPTED_FORMS),
        fc.constantFrom(...ZONES),
        fc.constantFrom(...LOCALES),
        (form, timeZone, locale) => {
          const now = new Date('2026-12-02T23:00:00Z');
          const result = parseSince(form, { now, timeZone, locale });
          assert.equal(result.ok, true, `${form} in ${timeZone}: ${JSON.stringify(result)}`);
        },
      ),
    );
  });

  it('messages echo at most 60 characters of the input', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^(yesterday )?[a-z ]{100,180}$/), (text) => {
        const result = parseSince(text, { now: new Date(), timeZone: 'UTC' });
        assert.equal(result.ok, false);
        if (!result.ok) {
          assert.ok(!result.message.includes(text.slice(0, 61)), 'input is truncated');
        }
      }),
    );
  });
});
