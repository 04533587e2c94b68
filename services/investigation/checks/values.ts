/**
 * Small readers for Graph values as they arrive: optional, null, empty or of an unexpected
 * type. Checks use them so that a missing optional field never throws.
 */
import type { Collected } from '../data';

/**
 * Returns the rows of a read. Throws when the read failed, because the assembler only runs a
 * check whose needs were read, and a failed read must never look like "nothing found".
 */
export function rows<T>(part: Collected<T>, name: string): T[] {
  if (!part.ok) {
    throw new Error(
      `${name} was not read (${part.reason}); run this check only on a read that succeeded`,
    );
  }
  return part.items;
}

/** Returns the string trimmed, or null when it is missing, not a string, or blank. */
export function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Returns the string with case folded for comparisons, or '' when there is none. */
export function folded(value: unknown): string {
  return text(value)?.toLowerCase() ?? '';
}

/** Returns a property of an object read loosely, or undefined when the value is no object. */
export function property(value: unknown, key: string): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  return (value as Record<string, unknown>)[key];
}

/** Returns an array property, or an empty array when it is missing or not an array. */
export function arrayProperty(value: unknown, key: string): unknown[] {
  const found = property(value, key);
  return Array.isArray(found) ? found : [];
}

/** Returns the distinct non-blank strings in first-seen order. */
export function distinct(values: Iterable<string | null | undefined>): string[] {
  const seen = new Set<string>();
  for (const value of values) {
    const trimmed = text(value);
    if (trimmed !== null) seen.add(trimmed);
  }
  return [...seen];
}

/** Returns true when a list of Graph ids or names contains the value, ignoring case. */
export function sameId(left: unknown, right: unknown): boolean {
  const a = folded(left);
  return a !== '' && a === folded(right);
}

/** Returns the first property whose name matches one of the keys without case, or undefined. */
export function propertyIgnoringCase(value: unknown, ...keys: string[]): unknown {
  if (typeof value !== 'object' || value === null) return undefined;
  const expected = keys.map((key) => key.toLowerCase());
  for (const [name, found] of Object.entries(value)) {
    if (expected.includes(name.toLowerCase())) return found;
  }
  return undefined;
}
