import { readFileSync } from 'node:fs';
import type { JsonValue, TenantSnapshot } from '../types';

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Reads a tenant snapshot from a JSON file. Throws an error that names the file and the problem
 * when it cannot be read, is not JSON, or does not have the snapshot shape.
 */
export function loadTenant(path: string): TenantSnapshot {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Cannot read the tenant snapshot '${path}': ${reason}. Pass the path of a JSON snapshot file.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`The tenant snapshot '${path}' is not valid JSON: ${reason}.`);
  }
  return validateTenant(parsed, `the tenant snapshot '${path}'`);
}

/** Checks that a value has the snapshot shape: an object of arrays of objects, or objects. */
export function validateTenant(value: unknown, source = 'the tenant snapshot'): TenantSnapshot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${capitalize(source)} must be a JSON object keyed by Graph resource path.`);
  }
  const snapshot = value as TenantSnapshot;
  for (const [key, entry] of Object.entries(snapshot)) {
    if (key === '$referenceTime') {
      if (typeof entry !== 'string' || !ISO_DATE_TIME.test(entry)) {
        throw new Error(
          `${capitalize(source)} has an invalid $referenceTime ${JSON.stringify(entry)}; ` +
            'use an ISO 8601 date-time such as 2026-12-03T12:00:00Z.',
        );
      }
    } else if (!key.startsWith('$')) {
      checkEntry(key, entry, source);
    }
  }
  return snapshot;
}

function checkEntry(key: string, entry: JsonValue | undefined, source: string): void {
  const isObject = (item: unknown): boolean =>
    typeof item === 'object' && item !== null && !Array.isArray(item);
  if (Array.isArray(entry)) {
    const index = entry.findIndex((item) => !isObject(item));
    if (index >= 0) {
      throw new Error(
        `${capitalize(source)} has a non-object item at '${key}'[${index}]; ` +
          'collections must hold Graph objects.',
      );
    }
  } else if (!isObject(entry)) {
    throw new Error(
      `${capitalize(source)} has ${JSON.stringify(entry)} at '${key}'; ` +
        'use an array for a collection or an object for a single resource.',
    );
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Returns a copy of the snapshot with every ISO 8601 date-time string moved by now minus
 * `$referenceTime`, so demo data look as recent as when captured. Strings that hold JSON are
 * left as they are because only whole-value date-times are recognised.
 */
export function rebaseTenant(snapshot: TenantSnapshot, now: number = Date.now()): TenantSnapshot {
  const reference = snapshot.$referenceTime;
  if (reference === undefined) return snapshot;
  const offset = now - Date.parse(reference);
  const shifted: TenantSnapshot = {};
  for (const [key, value] of Object.entries(snapshot)) {
    if (value === undefined) continue;
    shifted[key] = key.startsWith('$') ? value : shiftValue(value, offset);
  }
  return shifted;
}

function shiftValue(value: JsonValue, offset: number): JsonValue {
  if (typeof value === 'string') return shiftDateTime(value, offset);
  if (Array.isArray(value)) return value.map((item) => shiftValue(item, offset));
  if (value !== null && typeof value === 'object') {
    const result: { [key: string]: JsonValue } = {};
    for (const [key, inner] of Object.entries(value)) result[key] = shiftValue(inner, offset);
    return result;
  }
  return value;
}

function shiftDateTime(text: string, offset: number): string {
  const match = ISO_DATE_TIME.exec(text);
  if (match === null) return text;
  const moved = new Date(Date.parse(text) + offset);
  // Far-future sentinels such as 9999-12-31 expiry dates stay put instead of overflowing.
  if (Number.isNaN(moved.getTime()) || moved.getUTCFullYear() > 9999) return text;
  const iso = moved.toISOString();
  const fraction = match[2];
  if (fraction === undefined) return iso.replace(/\.\d{3}Z$/, 'Z');
  const digits = fraction.length - 1;
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 19)}.${millis.padEnd(digits, '0').slice(0, digits)}Z`;
}
