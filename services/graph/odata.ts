/**
 * Builders for Graph URLs. User input reaches a URL only through these: a path segment is
 * percent-encoded (a guest UPN's `#EXT#` would otherwise end the path), and a string literal in
 * `$filter` has its single quotes doubled before the whole query value is percent-encoded.
 */

/** Encodes one path segment, e.g. a user id or UPN. */
export function segment(value: string): string {
  return encodeURIComponent(value);
}

/** Quotes an OData string literal: `o'neill` becomes `'o''neill'`. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Formats an OData date-time literal, unquoted as Graph expects in `$filter`. */
export function dateTime(value: Date): string {
  return value.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export type QueryOptions = Record<string, string | number | boolean | undefined>;

/** Joins a path and its query options; every value is percent-encoded. */
export function withQuery(path: string, query: QueryOptions = {}): string {
  const parts = Object.entries(query)
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`);
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}
