export type UserQuery =
  { kind: 'id'; id: string } | { kind: 'upn'; upn: string } | { kind: 'name'; prefix: string };

export type UserQueryResult = { ok: true; query: UserQuery } | { ok: false; message: string };

// Entra ID allows display names of up to 256 characters, and UPNs are shorter.
export const MAX_USER_QUERY_LENGTH = 256;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ANGLE_ADDRESS = /<\s*(?:mailto:)?([^<>\s]+@[^<>\s]+)\s*>/i;
const MARKDOWN_MAILTO = /^\[[^\]]*\]\(\s*mailto:([^)\s]+)\s*\)$/i;
const MAILTO = /^mailto:/i;
// The local part allows what Entra ID allows in a UPN, plus `#` for guests (`#EXT#`).
const UPN = /^[\p{L}\p{N}._%+\-'#!$&*=^`{|}~]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+$/u;
const INVISIBLE = /[\p{Cc}\p{Cf}]+/gu;
const PAIRED_QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['"', '"'],
  ["'", "'"],
  ['`', '`'],
  ['\u201c', '\u201d'],
  ['\u2018', '\u2019'],
  ['<', '>'],
  ['(', ')'],
  ['[', ']'],
];
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

const ACCEPTED_FORMS_HINT =
  'Type a user principal name such as alex@contoso.com, an object id such as ' +
  '00000000-0000-0000-0000-000000000000, or the start of a display name such as alex.';

/**
 * Reads who the responder means from what they typed or pasted: an Outlook address
 * ("Doe, Alex" <alex.doe@contoso.com>), a mailto link, a UPN, an object id, or a name.
 * UPNs are lower-cased because Entra ID compares them without case.
 */
export function parseUserQuery(text: string): UserQueryResult {
  if (text.length > MAX_USER_QUERY_LENGTH) {
    return {
      ok: false,
      message:
        `The user is longer than ${MAX_USER_QUERY_LENGTH} characters. ` + ACCEPTED_FORMS_HINT,
    };
  }

  const cleaned = text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
  const address = extractAddress(cleaned);
  const candidate = unwrap(address ?? cleaned);
  if (candidate === '') {
    return { ok: false, message: `No user was given. ${ACCEPTED_FORMS_HINT}` };
  }

  if (GUID.test(candidate)) {
    return { ok: true, query: { kind: 'id', id: candidate.toLowerCase() } };
  }

  if (candidate.includes('@')) {
    const upn = candidate.toLowerCase();
    if (!UPN.test(upn)) {
      return {
        ok: false,
        message:
          `${JSON.stringify(candidate)} is not a valid user principal name. ` + ACCEPTED_FORMS_HINT,
      };
    }
    return { ok: true, query: { kind: 'upn', upn } };
  }

  if (!/[\p{L}\p{N}]/u.test(candidate)) {
    return {
      ok: false,
      message: `${JSON.stringify(candidate)} contains no letters or digits. ${ACCEPTED_FORMS_HINT}`,
    };
  }
  return { ok: true, query: { kind: 'name', prefix: candidate } };
}

/** Finds an e-mail address inside `Name <address>` or a Markdown mailto link. */
function extractAddress(text: string): string | undefined {
  const markdown = MARKDOWN_MAILTO.exec(text);
  if (markdown) {
    return markdown[1];
  }
  return ANGLE_ADDRESS.exec(text)?.[1];
}

/** Removes wrapping quotes and brackets, a mailto: scheme and trailing punctuation. */
function unwrap(text: string): string {
  let current = text.trim();
  for (;;) {
    const before = current;
    current = current.replace(TRAILING_PUNCTUATION, '').replace(MAILTO, '').trim();
    current = stripQueryString(current);
    for (const [open, close] of PAIRED_QUOTES) {
      if (current.length >= 2 && current.startsWith(open) && current.endsWith(close)) {
        current = current.slice(open.length, current.length - close.length).trim();
      }
    }
    if (current === before) {
      return current;
    }
  }
}

// A pasted mailto link can carry `?subject=...`, which is never part of a UPN.
function stripQueryString(text: string): string {
  const query = text.indexOf('?');
  return query > 0 && text.slice(0, query).includes('@') ? text.slice(0, query) : text;
}
