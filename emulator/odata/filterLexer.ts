import { unsupportedQuery } from '../errors';

export type Token =
  | { kind: 'punct'; text: '(' | ')' | ',' | ':' | '/'; at: number }
  | { kind: 'word'; text: string; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'datetime'; value: number; text: string; at: number }
  | { kind: 'guid'; value: string; at: number };

// Order matters: a date-time or GUID would otherwise be read as a number or a word.
const DATETIME =
  /\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,7})?)?(?:Z|[+-]\d{2}:\d{2}))?/y;
const GUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_$@][A-Za-z0-9_.@$]*/y;

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  const match = pattern.exec(text);
  if (match === null) return undefined;
  // A literal must end at a delimiter, so `2026-12-01x` is rejected instead of split.
  const next = text.charAt(at + match[0].length);
  return /[A-Za-z0-9_]/.test(next) ? undefined : match[0];
}

function readString(filter: string, start: number): { value: string; end: number } {
  let value = '';
  let at = start + 1;
  while (at < filter.length) {
    const char = filter[at];
    if (char === "'") {
      // OData escapes a quote inside a string literal by doubling it: 'o''neill'.
      if (filter[at + 1] === "'") {
        value += "'";
        at += 2;
        continue;
      }
      return { value, end: at + 1 };
    }
    value += char;
    at += 1;
  }
  throw unsupportedQuery(
    `Invalid filter clause: the string literal starting at position ${start} is not closed; ` +
      "end it with ' and double any quote inside it ('o''neill').",
  );
}

function parseDateTime(text: string, at: number): number {
  const value = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  const [year, month, day] = text.slice(0, 10).split('-').map(Number);
  const check = new Date(value);
  const valid =
    !Number.isNaN(value) &&
    check.getUTCFullYear() === year &&
    check.getUTCMonth() + 1 === month &&
    check.getUTCDate() === day;
  if (!valid) {
    throw unsupportedQuery(
      `Invalid filter clause: '${text}' at position ${at} is not a valid date-time; ` +
        'use an ISO 8601 value such as 2026-12-01T09:00:00Z.',
    );
  }
  return value;
}

/** Splits a `$filter` expression into tokens, rejecting anything OData would not accept. */
export function tokenize(filter: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < filter.length) {
    const char = filter[at];
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') {
      at += 1;
    } else if (char === '(' || char === ')' || char === ',' || char === ':' || char === '/') {
      tokens.push({ kind: 'punct', text: char, at });
      at += 1;
    } else if (char === "'") {
      const { value, end } = readString(filter, at);
      tokens.push({ kind: 'string', value, at });
      at = end;
    } else {
      at = readLiteralOrWord(filter, at, tokens);
    }
  }
  return tokens;
}

function readLiteralOrWord(filter: string, at: number, tokens: Token[]): number {
  const datetime = matchAt(DATETIME, filter, at);
  if (datetime !== undefined) {
    tokens.push({ kind: 'datetime', value: parseDateTime(datetime, at), text: datetime, at });
    return at + datetime.length;
  }
  const guid = matchAt(GUID, filter, at);
  if (guid !== undefined) {
    tokens.push({ kind: 'guid', value: guid, at });
    return at + guid.length;
  }
  const number = matchAt(NUMBER, filter, at);
  if (number !== undefined) {
    tokens.push({ kind: 'number', value: Number(number), at });
    return at + number.length;
  }
  const word = matchAt(WORD, filter, at);
  if (word !== undefined) {
    tokens.push({ kind: 'word', text: word, at });
    return at + word.length;
  }
  throw unsupportedQuery(
    `Invalid filter clause: unexpected character '${filter[at]}' at position ${at} in ` +
      `'${filter}'.`,
  );
}
