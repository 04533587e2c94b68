import assert from 'node:assert/strict';

import fc from 'fast-check';

import { parseCommand, stripMentions, type Command } from '../../dialogs/parseCommand';

describe('parseCommand', () => {
  const cases: Array<[string, Command]> = [
    ['check alex', { name: 'check', who: 'alex' }],
    ['check alex@contoso.com', { name: 'check', who: 'alex@contoso.com' }],
    [
      'investigate alex@contoso.com last 24h',
      { name: 'check', who: 'alex@contoso.com', since: 'last 24h' },
    ],
    [
      'check "Doe, Alex" <Alex.Doe@Contoso.com> since 8:00',
      { name: 'check', who: '"Doe, Alex" <Alex.Doe@Contoso.com>', since: '8:00' },
    ],
    ['check user alex from yesterday 9am', { name: 'check', who: 'alex', since: 'yesterday 9am' }],
    ['check alex 20 hours ago', { name: 'check', who: 'alex', since: '20 hours ago' }],
    ['check alex 2h ago', { name: 'check', who: 'alex', since: '2h ago' }],
    ['check alex yesterday', { name: 'check', who: 'alex', since: 'yesterday' }],
    ['check alex 2026-12-01T14:00Z', { name: 'check', who: 'alex', since: '2026-12-01T14:00Z' }],
    ['check user alex since 2h ago', { name: 'check', who: 'alex', since: '2h ago' }],
    ['CHECK User Alex SINCE Monday', { name: 'check', who: 'Alex', since: 'Monday' }],
    ['check "From, Sam" since 2h ago', { name: 'check', who: '"From, Sam"', since: '2h ago' }],
    ['check "last 24h"', { name: 'check', who: '"last 24h"' }],
    ['check since yesterday', { name: 'check', since: 'yesterday' }],
    ['check', { name: 'check' }],
    ['check user', { name: 'check' }],
    ['Help', { name: 'help' }],
    ['/help', { name: 'help' }],
    ['cancel', { name: 'cancel' }],
    ['PENDING', { name: 'pending' }],
    ['audit', { name: 'audit' }],
    ['audit user alex', { name: 'audit', who: 'alex' }],
    ['please check alex', { name: 'unknown', text: 'please check alex' }],
    ['checkalex', { name: 'unknown', text: 'checkalex' }],
    ['', { name: 'unknown', text: '' }],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} is ${expected.name}`, () => {
      assert.deepEqual(parseCommand(input), expected);
    });
  }

  it('hostile strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const command = parseCommand(text);
        assert.ok(
          ['check', 'help', 'cancel', 'pending', 'audit', 'unknown'].includes(command.name),
        );
      }),
      { numRuns: 500 },
    );
  });
});

describe('stripMentions', () => {
  const expected = 'check user alex since 2h ago';

  it('mention at the start with &nbsp; is removed', () => {
    assert.equal(stripMentions('<at>Firebreak</at>&nbsp;check user alex since 2h ago'), expected);
  });

  it('mention in the middle is removed', () => {
    assert.equal(stripMentions('check user <at>Firebreak</at> alex since 2h ago'), expected);
  });

  it('mention at the end with a trailing newline is removed', () => {
    assert.equal(stripMentions('check user alex since 2h ago <at>Firebreak</at>\r\n'), expected);
  });

  it('renamed bot is removed without being named', () => {
    assert.equal(stripMentions('<at id="0">IR Helper</at> check user alex since 2h ago'), expected);
  });

  it('channel mention parses to a check', () => {
    const text = stripMentions('<at>Firebreak</at>&nbsp;check user alex since 2h ago');
    assert.deepEqual(parseCommand(text), { name: 'check', who: 'alex', since: '2h ago' });
  });

  it('other user mention stays as name', () => {
    const text = '<at>Firebreak</at> check <at>Alex Doe</at> since 2h ago';
    assert.equal(stripMentions(text, ['firebreak']), 'check Alex Doe since 2h ago');
  });

  it('formatting tags go and encoded angle brackets stay', () => {
    const text =
      '<p><at>Firebreak</at>&nbsp;check &quot;Doe, Alex&quot; &lt;Alex.Doe@Contoso.com&gt;</p>';
    assert.equal(stripMentions(text), 'check "Doe, Alex" <Alex.Doe@Contoso.com>');
  });

  it('entities are decoded once', () => {
    assert.equal(stripMentions('a &amp;lt; b &#65;&#x42;'), 'a &lt; b AB');
  });

  it('out-of-range numeric entity becomes a replacement character', () => {
    assert.equal(stripMentions('&#x110000;&#55296;'), '\ufffd\ufffd');
  });

  it('invisible and control characters are removed', () => {
    assert.equal(stripMentions('\u200fcheck\u0007alex\u202e'), 'check alex');
  });

  it('hostile strings never throw', () => {
    const fragments = [
      '<at>',
      '</at>',
      '<at id="1">',
      '&nbsp;',
      '&#x110000;',
      '&#0;',
      '&',
      ';',
      '<',
      '>',
      '\n',
      'check',
      ' ',
    ];
    const hostile = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 400 }),
      fc.array(fc.constantFrom(...fragments), { maxLength: 40 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(
        hostile,
        fc.option(fc.array(fc.string(), { maxLength: 3 }), { nil: undefined }),
        (text, names) => {
          const plain = stripMentions(text, names);
          assert.equal(plain, plain.trim());
          assert.ok(!/\s{2}/.test(plain), 'whitespace is collapsed');
        },
      ),
      { numRuns: 500 },
    );
  });
});
