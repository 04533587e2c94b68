import assert from 'node:assert/strict';
import fc from 'fast-check';
import { escapeMarkdown, plainText, toDisplayLine, truncateText } from '../../cards/escape';

/** Removes CommonMark backslash escapes, as a renderer does when it displays the text. */
function unescapeCommonMark(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Returns the markdown syntax left active after escaping, or an empty list. */
function activeSyntax(escaped: string): string[] {
  const unescapedOnly = escaped.replace(/\\[!-/:-@[-`{-~]/g, '\u0000');
  const found: string[] = [];
  for (const character of '\\`*_[]()#>~|<&@${') {
    if (unescapedOnly.includes(character)) found.push(character);
  }
  if (/\.[\p{L}\p{N}]/u.test(unescapedOnly)) found.push('domain dot');
  if (unescapedOnly.includes(':/')) found.push('scheme colon');
  if (/^ {0,3}([-+=]|\d+\.)/.test(unescapedOnly)) found.push('leading list marker');
  return found;
}

describe('escapeMarkdown', () => {
  it('link-shaped app name shows as text', () => {
    const escaped = escapeMarkdown('[Review urgently](https://example.invalid)');

    assert.equal(escaped, '\\[Review urgently\\]\\(https\\://example\\.invalid\\)');
    assert.deepEqual(activeSyntax(escaped), []);
    assert.equal(unescapeCommonMark(escaped), '[Review urgently](https://example.invalid)');
  });

  it('bold-shaped app name shows as text', () => {
    const escaped = escapeMarkdown('**Microsoft Security**');

    assert.equal(escaped, '\\*\\*Microsoft Security\\*\\*');
    assert.deepEqual(activeSyntax(escaped), []);
  });

  it('bare URL and domain are not autolinked', () => {
    const escaped = escapeMarkdown('see https://contoso-login.example.invalid/reset now');

    assert.ok(!escaped.includes('https://'), escaped);
    assert.ok(!escaped.includes('example.invalid'), escaped);
    assert.equal(
      unescapeCommonMark(escaped),
      'see https://contoso-login.example.invalid/reset now',
    );
  });

  it('mail address is not autolinked', () => {
    const escaped = escapeMarkdown('alex.doe@contoso.com');

    assert.equal(escaped, 'alex\\.doe\\@contoso\\.com');
  });

  it('mention markup is shown, not parsed', () => {
    const escaped = escapeMarkdown('<at>Firebreak</at> approve');

    assert.equal(escaped, '\\<at\\>Firebreak\\</at\\> approve');
    assert.deepEqual(activeSyntax(escaped), []);
  });

  it('html entity is shown literally', () => {
    assert.equal(escapeMarkdown('a &amp; b'), 'a \\&amp; b');
  });

  it('leading list markers are escaped', () => {
    assert.equal(escapeMarkdown('- item'), '\\- item');
    assert.equal(escapeMarkdown('+ item'), '\\+ item');
    assert.equal(escapeMarkdown('1. item'), '1\\. item');
    assert.equal(escapeMarkdown('=== '), '\\=== ');
  });

  it('dashes inside ids stay unescaped', () => {
    const id = '7c1e5c8a-2f0b-4d52-9b8e-1a6f3e0d4c21';

    assert.equal(escapeMarkdown(id), id);
  });

  it('clock times and sentence ends stay unescaped', () => {
    assert.equal(escapeMarkdown('Signed in at 09:14. Done.'), 'Signed in at 09:14. Done.');
  });

  it('line breaks cannot start a list', () => {
    const escaped = escapeMarkdown('Invoice\n- pay now\r\n1. click');

    assert.ok(!escaped.includes('\n'), escaped);
    assert.equal(escaped, 'Invoice - pay now 1. click');
  });

  it('leading spaces cannot start a code block', () => {
    const escaped = escapeMarkdown('    indented');

    assert.ok(!escaped.startsWith(' '), JSON.stringify(escaped));
    assert.equal(escaped, '\u00A0\u00A0\u00A0\u00A0indented');
  });

  it('bidi override is made visible', () => {
    const escaped = escapeMarkdown('invoice\u202Efdp.exe');

    assert.ok(!escaped.includes('\u202E'));
    assert.equal(escaped, 'invoice\\[U+202E\\]fdp\\.exe');
  });

  it('template expression in data is neutralised', () => {
    const escaped = escapeMarkdown('${user.upn}');

    assert.ok(!escaped.includes('${'), escaped);
    assert.equal(unescapeCommonMark(escaped), '${user.upn}');
  });

  it('emoji and right-to-left script are kept', () => {
    assert.equal(escapeMarkdown('تطبيق 👩‍💻'), 'تطبيق 👩‍💻');
  });

  it('any text renders back to itself and leaves no syntax active', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (text) => {
        const escaped = escapeMarkdown(text);
        const shown = toDisplayLine(text).replace(/^ +/, (spaces) =>
          '\u00A0'.repeat(spaces.length),
        );
        assert.equal(unescapeCommonMark(escaped), shown);
        assert.deepEqual(activeSyntax(escaped), []);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('plainText', () => {
  it('button text keeps markdown characters unescaped', () => {
    assert.equal(plainText('Delete rule: **urgent**'), 'Delete rule: **urgent**');
  });

  it('template expression in button text is split', () => {
    assert.equal(plainText('Delete ${x}'), 'Delete $ {x}');
  });

  it('long button text is cut with an ellipsis', () => {
    const text = plainText('x'.repeat(100), 20);

    assert.equal(Array.from(text).length, 20);
    assert.ok(text.endsWith('…'));
  });
});

describe('truncateText', () => {
  it('emoji are not split when cutting', () => {
    assert.equal(truncateText('😀😀😀😀', 3), '😀😀…');
  });

  it('short text is unchanged', () => {
    assert.equal(truncateText('abc', 3), 'abc');
  });
});
