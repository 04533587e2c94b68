import { DateTime, IANAZone } from 'luxon';

/** A local date and time as the responder would read it on a wall clock, with no offset. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

export interface ResolvedWallClock {
  instant: Date;
  /** Set when a DST change made the wall-clock time non-existent or ambiguous. */
  note?: string;
}

const MINUTE_MS = 60_000;

// The offsets 12 hours either side of a local time are the only ones that can apply to it.
// NOTE: this assumes a zone changes offset at most once in 24 hours, as DST rules do. A zone
// with two changes within 12 hours of the time would be resolved with the wrong offsets.
const OFFSET_PROBE_MS = 12 * 60 * MINUTE_MS;

/**
 * Converts a wall-clock time in an IANA zone to an instant. A time skipped by a DST change
 * moves forward to the first valid instant after the gap. A time that occurs twice takes the
 * earlier instant. Both cases return a note for the reply.
 */
export function resolveWallClock(wall: WallClock, zoneName: string): ResolvedWallClock {
  const zone = IANAZone.create(zoneName);
  const wallAsUtcTime = DateTime.fromObject({ ...wall, millisecond: 0 }, { zone: 'utc' });
  if (!zone.isValid || !wallAsUtcTime.isValid) {
    throw new RangeError(
      `Cannot resolve ${JSON.stringify(wall)} in zone "${zoneName}": ` +
        'check the date with isValidWallClock and the zone with IANAZone.isValidZone first.',
    );
  }

  const wallAsUtc = wallAsUtcTime.toMillis();
  const nearbyOffsets = new Set([
    zone.offset(wallAsUtc - OFFSET_PROBE_MS),
    zone.offset(wallAsUtc + OFFSET_PROBE_MS),
  ]);

  // A candidate instant is valid when the zone really uses the offset that produced it.
  const candidates = [...nearbyOffsets]
    .map((offset) => wallAsUtc - offset * MINUTE_MS)
    .filter((instant) => zone.offset(instant) * MINUTE_MS === wallAsUtc - instant)
    .sort((a, b) => a - b);

  const label = formatWall(wall);
  if (candidates.length === 1) {
    return { instant: new Date(candidates[0]) };
  }

  if (candidates.length > 1) {
    const earlier = DateTime.fromMillis(candidates[0], { zone });
    return {
      instant: new Date(candidates[0]),
      note:
        `${label} happens twice in ${zoneName} because the clocks go back that night, ` +
        `so the earlier one was used (UTC offset ${earlier.toFormat('ZZ')}).`,
    };
  }

  const first = firstInstantAfterGap(zone, wallAsUtc, [...nearbyOffsets]);
  const shown = DateTime.fromMillis(first, { zone }).toFormat('HH:mm');
  return {
    instant: new Date(first),
    note:
      `${label} does not exist in ${zoneName} because the clocks go forward that night, ` +
      `so the first valid time after it was used (${shown}).`,
  };
}

/**
 * Finds the instant at which the zone switches to its later offset, by bisection between
 * the readings of the wall-clock time with each offset. Zone changes fall on whole minutes.
 */
function firstInstantAfterGap(zone: IANAZone, wallAsUtc: number, offsets: number[]): number {
  const before = zone.offset(wallAsUtc - OFFSET_PROBE_MS);
  let low = wallAsUtc - Math.max(...offsets) * MINUTE_MS;
  let high = wallAsUtc - Math.min(...offsets) * MINUTE_MS;

  while (high - low > MINUTE_MS) {
    const middle = low + Math.floor((high - low) / 2 / MINUTE_MS) * MINUTE_MS;
    if (zone.offset(middle) === before) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return high;
}

/** Checks that the fields name a real calendar date and time, such as no 31 April. */
export function isValidWallClock(wall: WallClock): boolean {
  return DateTime.fromObject(wall, { zone: 'utc' }).isValid;
}

function formatWall(wall: WallClock): string {
  return DateTime.fromObject(wall, { zone: 'utc' }).toFormat('yyyy-LL-dd HH:mm');
}
