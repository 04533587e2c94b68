import { badRequest } from '../errors';

/** Position of the next page: where it starts in the result and its 1-based number. */
export interface SkipToken {
  offset: number;
  page: number;
}

export function encodeSkipToken(token: SkipToken): string {
  return Buffer.from(JSON.stringify([token.offset, token.page])).toString('base64url');
}

/** Reads a `$skiptoken` issued by this emulator; an absent one means the first page. */
export function decodeSkipToken(text: string | undefined): SkipToken {
  if (text === undefined) return { offset: 0, page: 1 };
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const parts: unknown[] = Array.isArray(decoded) ? decoded : [];
  const valid =
    parts.length === 2 &&
    parts.every((part) => typeof part === 'number' && Number.isInteger(part) && part >= 0) &&
    Number(parts[1]) >= 2;
  if (!valid) {
    throw badRequest(
      `The $skiptoken '${text}' is invalid or expired; start again from the first page and ` +
        'follow @odata.nextLink.',
    );
  }
  return { offset: Number(parts[0]), page: Number(parts[1]) };
}

/** Returns the requested page number without validating the token, or 1 when there is none. */
export function requestedPage(text: string | undefined): number {
  try {
    return decodeSkipToken(text).page;
  } catch {
    return 1;
  }
}
