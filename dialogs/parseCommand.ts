export type Command =
  | { name: 'check'; who?: string; since?: string }
  | { name: 'help' }
  | { name: 'cancel' }
  | { name: 'pending' }
  | { name: 'audit'; who?: string }
  | { name: 'watch'; who?: string; period?: string }
  | { name: 'unwatch'; who?: string }
  | { name: 'unknown'; text: string };

const VERBS: ReadonlyMap<string, Command['name']> = new Map([
  ['check', 'check'],
  ['investigate', 'check'],
  ['help', 'help'],
  ['?', 'help'],
  ['cancel', 'cancel'],
  ['stop', 'cancel'],
  ['pending', 'pending'],
  ['audit', 'audit'],
  ['watch', 'watch'],
  ['unwatch', 'unwatch'],
]);

/** The length of a watch: `for <n><unit>` and what follows, at the end of the command. */
const WATCH_PERIOD = /(?:^|\s)(for\s+\d[\s\S]*)$/i;

const TIME_KEYWORD = /^(since|from)$/i;
const UNIT = '(?:h|hrs?|hours?|d|days?|m|mins?|minutes?|w|weeks?)';
const CLOCK = '\\d{1,2}(?::\\d{2})?\\s*(?:am|pm)?';
// Time phrases recognised at the end of a check without `since` or `from` in front.
const TRAILING_TIME = new RegExp(
  [
    `(?:last|past)\\s+\\d+\\s*${UNIT}`,
    `(?:last|past)\\s+(?:hour|day|week)`,
    `(?:\\d+|an?|one)\\s*${UNIT}\\s+ago`,
    `(?:yesterday|today)(?:\\s+(?:at\\s+)?${CLOCK})?`,
    `\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?`,
  ]
    .map((phrase) => `(?:${phrase})`)
    .join('|'),
  'i',
);
const TRAILING_TIME_AT_END = new RegExp(`(?:^|\\s)(${TRAILING_TIME.source})$`, 'i');

/**
 * Reads a chat command from plain text, so run stripMentions on Teams text first. The first
 * word picks the command, case-insensitively. A check is split into who and since by the word
 * `since` or `from`, or by a time phrase at the end such as "last 24h" or "2h ago".
 */
export function parseCommand(text: string): Command {
  const normalised = text.replace(/\s+/g, ' ').trim();
  const [first = '', ...rest] = normalised.split(' ');
  const verb = VERBS.get(first.replace(/^\//, '').toLowerCase());
  const argument = rest.join(' ');

  switch (verb) {
    case 'check':
      return { name: 'check', ...splitWhoAndSince(argument) };
    case 'audit':
      return withWho({ name: 'audit' }, dropUserWord(argument));
    case 'watch':
      return splitWatch(argument);
    case 'unwatch':
      return withWho({ name: 'unwatch' }, dropUserWord(argument));
    case 'help':
    case 'cancel':
    case 'pending':
      return { name: verb };
    default:
      return { name: 'unknown', text: normalised };
  }
}

/** Splits `watch <user> for 24h [every 30m]` at the first `for` followed by a number. */
function splitWatch(argument: string): { name: 'watch'; who?: string; period?: string } {
  const period = WATCH_PERIOD.exec(argument);
  if (period === null) return withWho({ name: 'watch' }, dropUserWord(argument));
  const who = dropUserWord(argument.slice(0, period.index));
  return withWho({ name: 'watch', period: period[1].trim() }, who);
}

function splitWhoAndSince(argument: string): { who?: string; since?: string } {
  const words = splitOutsideQuotes(argument);
  const keyword = words.findIndex((word) => TIME_KEYWORD.test(word.text));
  if (keyword >= 0) {
    const who = dropUserWord(argument.slice(0, words[keyword].start));
    const since = argument.slice(words[keyword].end).trim();
    return withWho(since === '' ? {} : { since }, who);
  }

  const trailing = TRAILING_TIME_AT_END.exec(argument);
  if (trailing !== null && !insideQuotes(argument, trailing.index)) {
    const since = trailing[1];
    return withWho({ since }, dropUserWord(argument.slice(0, argument.length - since.length)));
  }
  return withWho({}, dropUserWord(argument));
}

function withWho<T extends object>(command: T, who: string): T & { who?: string } {
  return who === '' ? command : { ...command, who };
}

/** Drops the optional word `user`, as in "check user alex". */
function dropUserWord(text: string): string {
  const trimmed = text.trim();
  return /^user$/i.test(trimmed) ? '' : trimmed.replace(/^user\s+/i, '');
}

interface Word {
  text: string;
  start: number;
  end: number;
}

/** Splits on spaces but keeps "quoted names" and <addresses> whole, so "From, Sam" is a name. */
function splitOutsideQuotes(text: string): Word[] {
  const words: Word[] = [];
  const pattern = /"[^"]*"?|<[^>]*>?|\S+/g;
  for (const match of text.matchAll(pattern)) {
    words.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return words;
}

function insideQuotes(text: string, index: number): boolean {
  const before = text.slice(0, index);
  return (before.match(/"/g)?.length ?? 0) % 2 === 1;
}

const MENTION = /<at(?:\s[^>]*)?>([\s\S]*?)<\/at>/gi;
// Teams wraps message text in a few formatting tags. Typed angle brackets arrive encoded
// (&lt;alex@contoso.com&gt;), so removing only these tag names never removes typed text.
const FORMATTING_TAG = /<\/?(?:p|div|span|br|b|i|strong|em|a)(?:\s[^>]*)?\/?>/gi;
const ENTITY = /&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi;
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['nbsp', ' '],
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['lsquo', '\u2018'],
  ['rsquo', '\u2019'],
  ['ldquo', '\u201c'],
  ['rdquo', '\u201d'],
]);

/**
 * Turns the HTML text of a Teams message into plain text: removes bot mentions wherever
 * they are, drops formatting tags, decodes entities and collapses whitespace. Pass the bot's
 * current names from the activity's mention entities whose id is the bot's, and mentions of
 * anyone else stay as their plain name. Without names, every mention is removed.
 */
export function stripMentions(text: string, botNames?: string[]): string {
  const names = (botNames ?? []).map(normaliseName).filter((name) => name !== '');
  const withoutMentions = text.replace(MENTION, (_mention, inner: string) => {
    const name = decodeEntities(inner.replace(FORMATTING_TAG, ''));
    const isBot = names.length === 0 || names.includes(normaliseName(name));
    return isBot ? ' ' : ` ${name} `;
  });

  const plain = decodeEntities(withoutMentions.replace(FORMATTING_TAG, ' '));
  return plain
    .replace(/\p{Cf}+/gu, '')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY, (entity, body: string) => {
    if (!body.startsWith('#')) {
      return NAMED_ENTITIES.get(body.toLowerCase()) ?? entity;
    }
    const hex = body[1] === 'x' || body[1] === 'X';
    const code = Number.parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
    // String.fromCodePoint throws above U+10FFFF, and lone surrogates are not text.
    const isScalar = code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return isScalar ? String.fromCodePoint(code) : '\ufffd';
  });
}

function normaliseName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}
