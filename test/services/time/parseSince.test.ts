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

function iso(result: SinceResult): string {
  return accepted(result).since.toISOString();
}

// Wednesday 2 December 2026, 14:30 in New York (EST, UTC-5).
const newYorkWednesday: TimeContext = {
  now: new Date('2026-12-02T19:30:00Z'),
  timeZone: 'America/New_York',
};

describe('parseSince', () => {
  describe('since yesterday', () => {
    it('yesterday is the start of yesterday, not now minus 24 hours', () => {
      const result = accepted(parseSince('yesterday', newYorkWednesday));
      assert.equal(result.since.toISOString(), '2026-12-01T05:00:00.000Z');
      assert.equal(result.understood, 'Tue 1 Dec 2026 00:00 America/New_York (05:00 UTC)');
    });

    it('yesterday 9am is 09:00 local yesterday', () => {
      assert.equal(iso(parseSince('yesterday 9am', newYorkWednesday)), '2026-12-01T14:00:00.000Z');
    });

    it('leading since or from is ignored', () => {
      assert.equal(
        iso(parseSince('since yesterday', newYorkWednesday)),
        '2026-12-01T05:00:00.000Z',
      );
      assert.equal(
        iso(parseSince('From yesterday 9am', newYorkWednesday)),
        '2026-12-01T14:00:00.000Z',
      );
    });

    it('yesterday follows the responder calendar, not the UTC one', () => {
      // 01:00 UTC on 3 December is still 2 December (20:00) in New York.
      const lateEvening = { ...newYorkWednesday, now: new Date('2026-12-03T01:00:00Z') };
      assert.equal(iso(parseSince('yesterday', lateEvening)), '2026-12-01T05:00:00.000Z');
    });
  });

  describe('bare weekday', () => {
    it('monday on a wednesday is two days ago at 00:00', () => {
      assert.equal(iso(parseSince('monday', newYorkWednesday)), '2026-11-30T05:00:00.000Z');
    });

    it('tuesday on a wednesday is yesterday, not eight days ago', () => {
      assert.equal(iso(parseSince('since tuesday', newYorkWednesday)), '2026-12-01T05:00:00.000Z');
    });

    it("today's weekday means today 00:00", () => {
      assert.equal(iso(parseSince('wednesday', newYorkWednesday)), '2026-12-02T05:00:00.000Z');
    });

    it('tuesday on a tuesday is today 00:00', () => {
      const tuesday = { ...newYorkWednesday, now: new Date('2026-12-01T15:00:00Z') };
      assert.equal(iso(parseSince('tuesday', tuesday)), '2026-12-01T05:00:00.000Z');
    });

    it('last wednesday on a wednesday is a week ago', () => {
      assert.equal(iso(parseSince('last wednesday', newYorkWednesday)), '2026-11-25T05:00:00.000Z');
    });

    it('monday 14:00 is that time on the most recent monday', () => {
      assert.equal(iso(parseSince('monday 14:00', newYorkWednesday)), '2026-11-30T19:00:00.000Z');
    });

    it("today's weekday with a later time steps back a week and says so", () => {
      const result = accepted(parseSince('wednesday 16:00', newYorkWednesday));
      assert.equal(result.since.toISOString(), '2026-11-25T21:00:00.000Z');
      assert.match(result.notes.join(' '), /last week/);
    });

    it('next monday is rejected as a future time', () => {
      assert.equal(rejected(parseSince('next monday', newYorkWednesday)).code, 'time.future');
    });
  });

  describe('time zone of the sender', () => {
    const server = { timeZone: 'America/New_York' };

    it('9am on a winter day is 14:00 UTC', () => {
      const winter = { ...server, now: new Date('2026-01-14T20:00:00Z') };
      assert.equal(iso(parseSince('since 9am', winter)), '2026-01-14T14:00:00.000Z');
    });

    it('9am on a summer day is 13:00 UTC', () => {
      const summer = { ...server, now: new Date('2026-07-15T20:00:00Z') };
      assert.equal(iso(parseSince('since 9am', summer)), '2026-07-15T13:00:00.000Z');
    });

    it('result does not depend on the process time zone', () => {
      const original = process.env.TZ;
      const inputs = ['9am', 'yesterday', 'monday 14:00', '20 hours ago', 'last 3 days'];
      const readings = (zone: string) => {
        process.env.TZ = zone;
        return inputs.map((input) => iso(parseSince(input, newYorkWednesday)));
      };
      try {
        const utc = readings('UTC');
        assert.deepEqual(readings('Asia/Kolkata'), utc);
        assert.deepEqual(readings('Pacific/Auckland'), utc);
      } finally {
        if (original === undefined) {
          delete process.env.TZ;
        } else {
          process.env.TZ = original;
        }
      }
    });

    it('unknown zone falls back to UTC with a note', () => {
      const result = accepted(parseSince('9am', { ...newYorkWednesday, timeZone: 'Mars/Olympus' }));
      assert.equal(result.since.toISOString(), '2026-12-02T09:00:00.000Z');
      assert.match(result.notes.join(' '), /"Mars\/Olympus" is not a known IANA zone/);
    });
  });

  describe('clock time without a date', () => {
    it('9am after 9am is today', () => {
      assert.equal(iso(parseSince('9am', newYorkWednesday)), '2026-12-02T14:00:00.000Z');
    });

    it('8:00 is read as 08:00 today', () => {
      assert.equal(iso(parseSince('8:00', newYorkWednesday)), '2026-12-02T13:00:00.000Z');
    });

    it('a time not yet reached today is yesterday, with a note', () => {
      const result = accepted(parseSince('3pm', newYorkWednesday));
      assert.equal(result.since.toISOString(), '2026-12-01T20:00:00.000Z');
      assert.match(result.notes.join(' '), /not come yet today, so yesterday was used/);
    });
  });

  describe('durations', () => {
    it('20 hours ago is exactly 20 hours before now', () => {
      assert.equal(iso(parseSince('20 hours ago', newYorkWednesday)), '2026-12-01T23:30:00.000Z');
    });

    it('2h ago is exactly 2 hours before now', () => {
      assert.equal(iso(parseSince('2h ago', newYorkWednesday)), '2026-12-02T17:30:00.000Z');
    });

    it('last 24h is exactly 24 hours before now', () => {
      assert.equal(iso(parseSince('last 24h', newYorkWednesday)), '2026-12-01T19:30:00.000Z');
    });

    it('bare 24h reads as last 24h', () => {
      assert.equal(iso(parseSince('24h', newYorkWednesday)), '2026-12-01T19:30:00.000Z');
    });

    it('last 3 days keeps the local clock time', () => {
      assert.equal(iso(parseSince('last 3 days', newYorkWednesday)), '2026-11-29T19:30:00.000Z');
    });

    it('hours ago across the autumn DST change stay exact', () => {
      // New York falls back at 06:00 UTC on 1 November 2026.
      const afterChange = { ...newYorkWednesday, now: new Date('2026-11-01T17:00:00Z') };
      assert.equal(iso(parseSince('20 hours ago', afterChange)), '2026-10-31T21:00:00.000Z');
    });

    it('days ago across the DST change keep the wall clock', () => {
      const afterChange = { ...newYorkWednesday, now: new Date('2026-11-02T17:00:00Z') };
      // 12:00 EST on 2 November, so 12:00 EDT on 31 October, which is 25 hours earlier.
      assert.equal(iso(parseSince('last 2 days', afterChange)), '2026-10-31T16:00:00.000Z');
    });
  });

  describe('calendar dates', () => {
    it('2026-12-01 14:00 is local time', () => {
      assert.equal(
        iso(parseSince('2026-12-01 14:00', newYorkWednesday)),
        '2026-12-01T19:00:00.000Z',
      );
    });

    it('2026-12-01 is the start of that local day', () => {
      assert.equal(iso(parseSince('2026-12-01', newYorkWednesday)), '2026-12-01T05:00:00.000Z');
    });

    it('ISO 8601 offset gives one instant everywhere', () => {
      const contexts: TimeContext[] = [
        newYorkWednesday,
        { ...newYorkWednesday, timeZone: 'Asia/Tokyo', locale: 'ja-JP' },
        { ...newYorkWednesday, timeZone: 'Europe/Berlin', locale: 'de-DE' },
      ];
      for (const context of contexts) {
        assert.equal(
          iso(parseSince('2026-12-01T14:00:00+01:00', context)),
          '2026-12-01T13:00:00.000Z',
        );
        assert.equal(iso(parseSince('2026-12-01T14:00Z', context)), '2026-12-01T14:00:00.000Z');
      }
    });

    it('a date without a year that is ahead this year is last year', () => {
      const january = { ...newYorkWednesday, now: new Date('2026-01-10T12:00:00Z') };
      const result = accepted(parseSince('dec 20', january, { retentionDays: 60 }));
      assert.equal(result.since.toISOString(), '2025-12-20T05:00:00.000Z');
      assert.match(result.notes.join(' '), /last year was used/);
    });
  });
});
