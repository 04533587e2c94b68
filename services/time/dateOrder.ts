/** Order of day and month in a date written with numbers only. */
export type DateOrder = 'month-first' | 'day-first';

export interface LocaleDateOrder {
  /** Canonical BCP 47 tag actually used, `en-US` when the given one is missing or invalid. */
  locale: string;
  order: DateOrder;
}

/** A numeric date found in the text, read in the order the locale (or a leading year) gives. */
export interface NumericDate {
  text: string;
  year?: number;
  month: number;
  day: number;
  yearFirst: boolean;
}

const DEFAULT_LOCALE = 'en-US';

// Separators `/`, `.` and `-`, with a four-digit year in front (2026/12/01) or at the end.
const NUMERIC_DATE = /(?<![\d:])(\d{1,4})[/.-](\d{1,2})(?:[/.-](\d{1,4}))?(?![\d:])/;

// German and French users write `04.06.` or `04.06` without a year, but chrono reads dotted
// dates only with a year. So a dotted pair before a time or at the end becomes `04/06`.
const DOTTED_DAY_MONTH =
  /(?<![\d.])(\d{1,2})\.(\d{1,2})\.?(?=\s+\d{1,2}(?::\d{2}|\s*[ap]m|h)|\s*$)/i;

/** Reads the day/month order from the locale's own short date format (via Intl). */
export function dateOrderOf(locale: string | undefined): LocaleDateOrder {
  const canonical = canonicalLocale(locale);
  const parts = new Intl.DateTimeFormat(canonical)
    .formatToParts(new Date(Date.UTC(2026, 5, 4, 12)))
    .map((part) => part.type);
  const order = parts.indexOf('day') < parts.indexOf('month') ? 'day-first' : 'month-first';
  return { locale: canonical, order };
}

export function rewriteDottedDayMonth(text: string): string {
  return text.replace(DOTTED_DAY_MONTH, '$1/$2');
}

/** Finds the first numeric date in the text; the caller compares it with what chrono read. */
export function findNumericDate(text: string, order: DateOrder): NumericDate | undefined {
  const match = NUMERIC_DATE.exec(text);
  if (!match) {
    return undefined;
  }

  const [whole, first, second, third] = match;
  if (first.length === 4) {
    return third === undefined
      ? undefined
      : {
          text: whole,
          year: Number(first),
          month: Number(second),
          day: Number(third),
          yearFirst: true,
        };
  }

  const dayFirst = order === 'day-first';
  return {
    text: whole,
    year: third === undefined ? undefined : Number(third),
    month: Number(dayFirst ? second : first),
    day: Number(dayFirst ? first : second),
    yearFirst: false,
  };
}

function canonicalLocale(locale: string | undefined): string {
  if (locale === undefined || locale.trim() === '') {
    return DEFAULT_LOCALE;
  }
  try {
    return Intl.getCanonicalLocales(locale.trim())[0] ?? DEFAULT_LOCALE;
  } catch (error) {
    // Teams sends well-formed tags, so a malformed one is read with the default order.
    if (error instanceof RangeError) {
      return DEFAULT_LOCALE;
    }
    throw error;
  }
}
