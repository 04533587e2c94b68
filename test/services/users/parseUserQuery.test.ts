import assert from 'node:assert/strict';

import fc from 'fast-check';

import { parseUserQuery, type UserQuery } from '../../../services/users/parseUserQuery';

function query(text: string): UserQuery {
  const result = parseUserQuery(text);
  assert.equal(
    result.ok,
    true,
    `expected a query for ${JSON.stringify(text)}: ${JSON.stringify(result)}`,
  );
  return result.query;
}

function rejection(text: string): string {
  const result = parseUserQuery(text);
  assert.equal(result.ok, false, `expected a rejection for ${JSON.stringify(text)}`);
  return result.message;
}

describe('parseUserQuery', () => {
  const upns: Array<[string, string]> = [
    ['"Doe, Alex" <Alex.Doe@Contoso.com>', 'alex.doe@contoso.com'],
    ['Alex Doe <alex@contoso.com>', 'alex@contoso.com'],
    ['ALEX.DOE@CONTOSO.COM', 'alex.doe@contoso.com'],
    ['mailto:Alex@Contoso.com', 'alex@contoso.com'],
    ['mailto:alex@contoso.com?subject=hello', 'alex@contoso.com'],
    ['[alex@contoso.com](mailto:alex@contoso.com)', 'alex@contoso.com'],
    ['<alex@contoso.com>.', 'alex@contoso.com'],
    ['"alex@contoso.com",', 'alex@contoso.com'],
    ['\u201calex@contoso.com\u201d', 'alex@contoso.com'],
    ["sean.o'neill@contoso.com", "sean.o'neill@contoso.com"],
    [
      'sam_fabrikam.com#EXT#@contoso.onmicrosoft.com',
      'sam_fabrikam.com#ext#@contoso.onmicrosoft.com',
    ],
    ['  alex@contoso.com\n', 'alex@contoso.com'],
  ];
  for (const [input, upn] of upns) {
    it(`${JSON.stringify(input)} is UPN ${upn}`, () => {
      assert.deepEqual(query(input), { kind: 'upn', upn });
    });
  }

  it('GUID is an object id in lower case', () => {
    assert.deepEqual(query('0F8FAD5B-D9CB-469F-A165-70867728950E'), {
      kind: 'id',
      id: '0f8fad5b-d9cb-469f-a165-70867728950e',
    });
  });

  it('plain word is a name prefix', () => {
    assert.deepEqual(query('alex'), { kind: 'name', prefix: 'alex' });
  });

  it('apostrophe in a name is kept', () => {
    assert.deepEqual(query("O'Neill"), { kind: 'name', prefix: "O'Neill" });
  });

  it('quoted display name loses only its quotes', () => {
    assert.deepEqual(query('"Doe, Alex"'), { kind: 'name', prefix: 'Doe, Alex' });
  });

  it('empty input is rejected with the accepted forms', () => {
    const message = rejection('   ');
    assert.match(message, /No user was given/);
    assert.match(message, /alex@contoso\.com/);
  });

  it('two @ signs are rejected with the value', () => {
    assert.match(
      rejection('a@b@contoso.com'),
      /"a@b@contoso\.com" is not a valid user principal name/,
    );
  });

  it('address without a domain is rejected', () => {
    assert.match(rejection('alex@'), /not a valid user principal name/);
  });

  it('punctuation only is rejected', () => {
    assert.match(rejection('"'), /contains no letters or digits/);
  });

  it('input over 256 characters is rejected', () => {
    assert.match(rejection('a'.repeat(257)), /longer than 256 characters/);
  });

  it('hostile strings never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const result = parseUserQuery(text);
        assert.equal(typeof result.ok, 'boolean');
        if (result.ok && result.query.kind === 'upn') {
          assert.equal(result.query.upn, result.query.upn.toLowerCase());
        }
      }),
      { numRuns: 500 },
    );
  });
});
