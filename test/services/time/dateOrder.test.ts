import assert from 'node:assert/strict';

import {
  dateOrderOf,
  findNumericDate,
  rewriteDottedDayMonth,
} from '../../../services/time/dateOrder';

describe('dateOrderOf', () => {
  const cases: Array<[string | undefined, string, string]> = [
    ['en-US', 'en-US', 'month-first'],
    ['en-GB', 'en-GB', 'day-first'],
    ['de-DE', 'de-DE', 'day-first'],
    ['fr-FR', 'fr-FR', 'day-first'],
    ['ja-JP', 'ja-JP', 'month-first'],
    [undefined, 'en-US', 'month-first'],
    ['', 'en-US', 'month-first'],
    ['not a locale', 'en-US', 'month-first'],
  ];
  for (const [input, locale, order] of cases) {
    it(`${JSON.stringify(input)} reads ${order}`, () => {
      const result = dateOrderOf(input);
      assert.equal(result.locale, locale);
      assert.equal(result.order, order);
    });
  }
});

describe('findNumericDate', () => {
  it('leading four-digit year is read year first', () => {
    assert.deepEqual(findNumericDate('2026/13/01', 'day-first'), {
      text: '2026/13/01',
      year: 2026,
      month: 13,
      day: 1,
      yearFirst: true,
    });
  });

  it('day-first order reads 04/06 as 4 June', () => {
    const found = findNumericDate('04/06 9:00', 'day-first');
    assert.equal(found?.month, 6);
    assert.equal(found?.day, 4);
  });

  it('month-first order reads 04/06 as 6 April', () => {
    const found = findNumericDate('04/06 9:00', 'month-first');
    assert.equal(found?.month, 4);
    assert.equal(found?.day, 6);
  });

  it('clock time alone is not a date', () => {
    assert.equal(findNumericDate('9:00', 'month-first'), undefined);
  });
});

describe('rewriteDottedDayMonth', () => {
  it('04.06. before a time becomes 04/06', () => {
    assert.equal(rewriteDottedDayMonth('04.06. 9:00'), '04/06 9:00');
  });

  it('decimal hours are left alone', () => {
    assert.equal(rewriteDottedDayMonth('1.5 hours ago'), '1.5 hours ago');
  });
});
