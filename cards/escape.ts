/**
 * Makes text from Graph (app names, rule names, mail subjects, display names, evidence values)
 * safe to put on a card. Teams renders TextBlock and FactSet text as a CommonMark subset, so a
 * value such as `[Review urgently](https://example.invalid)` would otherwise become a link.
 */

/**
 * Characters that are backslash-escaped wherever they appear. CommonMark renders a backslash
 * before any ASCII punctuation as the character itself, so the escaped text reads and copies
 * the same. `@` is escaped so that mail addresses are not autolinked, and `$` and `{` so that
 * data never contains `${`, which `validateCard` reports as an unexpanded template expression.
 */
const ALWAYS_ESCAPED = /[\\`*_[\]()#>~|<&@${]/g;

/**
 * A `.` before a letter or digit (domains, such as `example.invalid`) and a `:` before `/`
 * (schemes, such as `https://`) are escaped so that autolinking finds no URL or domain.
 * Sentence ends and clock times stay as they are.
 */
const LINK_PUNCTUATION = /\.(?=[\p{L}\p{N}])|:(?=\/)/gu;

/** `-`, `+` and `=` start a list item or a heading underline, and `1.` a numbered list item. */
const LEADING_MARKER = /^([-+=]|\d+\.)/;

/** Four leading spaces would start a code block, where backslash escapes are shown. */
const LEADING_SPACES = /^ +/;

/**
 * Characters that change how the text around them is displayed without being visible: bidi
 * overrides and isolates (used to spoof names such as "invoice\u202Efdp.exe"), the zero-width
 * space, the word joiner and the byte order mark. They are shown as `[U+XXXX]` instead.
 * Zero-width joiners stay, because emoji sequences and several scripts need them.
 */
const INVISIBLE = /[\u061C\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Control characters; line breaks and tabs become spaces, the others `[U+XXXX]`. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAK_OR_TAB = /[\r\n\t\u2028\u2029]+/g;

function codePointLabel(character: string): string {
  const hex = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `[U+${hex}]`;
}

/**
 * Flattens the value to one line and makes hidden characters visible, before any escaping.
 * Attacker text must not add lines, because a new line starting with `- ` or `1. ` is a list.
 */
export function toDisplayLine(value: string): string {
  return value
    .replace(LINE_BREAK_OR_TAB, ' ')
    .replace(CONTROL, codePointLabel)
    .replace(INVISIBLE, codePointLabel);
}

/** Escapes a value for a TextBlock or FactSet so that Teams shows it as plain text. */
export function escapeMarkdown(value: string): string {
  return toDisplayLine(value)
    .replace(ALWAYS_ESCAPED, (character) => `\\${character}`)
    .replace(LINK_PUNCTUATION, (character) => `\\${character}`)
    .replace(LEADING_SPACES, (spaces) => '\u00A0'.repeat(spaces.length))
    .replace(LEADING_MARKER, (marker) => `${marker.slice(0, -1)}\\${marker.slice(-1)}`);
}

/**
 * Prepares a value for a field that Teams does not render as markdown, such as a button title
 * or an input placeholder, where a backslash would show. Cuts it to `maxLength` characters.
 * A space goes between `$` and `{`, so that `validateCard` reports only real template misses.
 */
export function plainText(value: string, maxLength = 80): string {
  const line = toDisplayLine(value).trim().replaceAll('${', '$ {');
  return truncateText(line, maxLength);
}

/** Cuts text longer than `maxLength` characters, ending it with "…", without splitting emoji. */
export function truncateText(value: string, maxLength: number): string {
  const characters = Array.from(value);
  if (characters.length <= maxLength) return value;
  return `${characters.slice(0, maxLength - 1).join('')}…`;
}
