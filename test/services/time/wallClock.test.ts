import assert from 'node:assert/strict';

import { isValidWallClock, resolveWallClock } from '../../../services/time/wallClock';

describe('resolveWallClock', () => {
  it('ordinary Berlin winter time has offset +01:00 and no note', () => {
    const resolved = resolveWallClock(
      { year: 2026, month: 1, day: 15, hour: 9, minute: 0 },
      'Europe/Berlin',
    );
    assert.equal(resolved.instant.toISOString(), '2026-01-15T08:00:00.000Z');
    assert.equal(resolved.note, undefined);
  });

  it('New York spring gap 02:30 moves to 03:00 EDT', () => {
    const resolved = resolveWallClock(
      { year: 2026, month: 3, day: 8, hour: 2, minute: 30 },
      'America/New_York',
    );
    assert.equal(resolved.instant.toISOString(), '2026-03-08T07:00:00.000Z');
    assert.match(resolved.note ?? '', /does not exist in America\/New_York/);
  });

  it('New York autumn 01:30 takes the EDT instant', () => {
    const resolved = resolveWallClock(
      { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
      'America/New_York',
    );
    assert.equal(resolved.instant.toISOString(), '2026-11-01T05:30:00.000Z');
    assert.match(resolved.note ?? '', /happens twice/);
  });

  it('Lord Howe half-hour gap moves 02:15 to 02:30', () => {
    // Lord Howe Island moves from +10:30 to +11:00 at 02:00 local on 4 October 2026.
    const resolved = resolveWallClock(
      { year: 2026, month: 10, day: 4, hour: 2, minute: 15 },
      'Australia/Lord_Howe',
    );
    assert.equal(resolved.instant.toISOString(), '2026-10-03T15:30:00.000Z');
    assert.match(resolved.note ?? '', /first valid time after it was used \(02:30\)/);
  });

  it('invalid zone throws with the zone name', () => {
    const wall = { year: 2026, month: 1, day: 1, hour: 0, minute: 0 };
    assert.throws(() => resolveWallClock(wall, 'Nowhere/Atlantis'), /"Nowhere\/Atlantis"/);
  });

  it('isValidWallClock rejects 31 April', () => {
    assert.equal(isValidWallClock({ year: 2026, month: 4, day: 31, hour: 0, minute: 0 }), false);
    assert.equal(isValidWallClock({ year: 2026, month: 4, day: 30, hour: 0, minute: 0 }), true);
  });
});
