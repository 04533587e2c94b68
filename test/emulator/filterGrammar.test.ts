import assert from 'node:assert/strict';
import { GraphHttpError } from '../../emulator/errors';
import { evaluateFilter } from '../../emulator/odata/filterEval';
import { parseFilter } from '../../emulator/odata/filterParser';
import type { JsonObject } from '../../emulator/types';

const signIn: JsonObject = {
  id: 'a',
  createdDateTime: '2026-12-02T09:15:00Z',
  userPrincipalName: "Sean.O'Neill@Contoso.com",
  ipAddress: '2001:db8::7',
  status: { errorCode: 50126, failureReason: 'Invalid password' },
  location: { city: null, countryOrRegion: '' },
  isInteractive: true,
  riskLevelDuringSignIn: 'high',
  signInEventTypes: ['nonInteractiveUser'],
};

const audit: JsonObject = {
  id: 'b',
  activityDateTime: '2026-12-02T10:00:00.1234567Z',
  initiatedBy: { user: { id: 'u-1', userPrincipalName: 'alex.doe@contoso.com' } },
  targetResources: [
    { id: 'app-1', type: 'Application' },
    { id: 'sp-1', type: 'ServicePrincipal' },
  ],
};

function matches(filter: string, item: JsonObject = signIn): boolean {
  return evaluateFilter(parseFilter(filter), item);
}

function assertRejected(filter: string, fragment: string): void {
  assert.throws(
    () => parseFilter(filter),
    (error: unknown) => {
      assert.ok(error instanceof GraphHttpError);
      assert.equal(error.status, 400);
      assert.equal(error.code, 'Request_UnsupportedQuery');
      assert.match(error.message, new RegExp(fragment));
      return true;
    },
  );
}

describe('emulator $filter grammar', () => {
  const cases: Array<[string, boolean]> = [
    ["ipAddress eq '2001:db8::7'", true],
    ["ipAddress ne '2001:db8::7'", false],
    ['status/errorCode gt 50000', true],
    ['status/errorCode ge 50126', true],
    ['status/errorCode lt 50126', false],
    ['status/errorCode le 50126', true],
    ['createdDateTime ge 2026-12-02T09:00:00Z', true],
    ['createdDateTime lt 2026-12-02T09:00:00Z', false],
    ['createdDateTime gt 2026-12-02T10:00:00+01:00', true],
    ['createdDateTime ge 2026-12-02', true],
    ["isInteractive eq true and riskLevelDuringSignIn eq 'high'", true],
    ["isInteractive eq false or riskLevelDuringSignIn eq 'high'", true],
    ["not (riskLevelDuringSignIn eq 'high')", false],
    ["not startswith(userPrincipalName, 'alex')", true],
    ["(isInteractive eq false or status/errorCode eq 50126) and ipAddress ne '1.2.3.4'", true],
    ['location/city eq null', true],
    ["location/countryOrRegion eq ''", true],
    ['location/state eq null', true],
    ["userPrincipalName in ('x@contoso.com', 'sean.o''neill@contoso.com')", true],
    ["signInEventTypes/any(t: t eq 'nonInteractiveUser')", true],
    ["signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')", true],
    ["signInEventTypes/any(t: t eq 'interactiveUser')", false],
    ["signInEventTypes/all(t: t eq 'nonInteractiveUser')", true],
    ['signInEventTypes/any()', true],
    ['status/errorCode eq 50126.0', true],
  ];
  for (const [filter, expected] of cases) {
    it(`${filter} is ${expected}`, () => {
      assert.equal(matches(filter), expected);
    });
  }

  it('doubled quote matches an apostrophe', () => {
    assert.equal(matches("userPrincipalName eq 'sean.o''neill@contoso.com'"), true);
  });

  it('string comparison ignores case', () => {
    assert.equal(matches("userPrincipalName eq 'SEAN.O''NEILL@CONTOSO.COM'"), true);
    assert.equal(matches("startswith(userPrincipalName, 'SEAN')"), true);
    assert.equal(matches("endswith(userPrincipalName, '@CONTOSO.COM')"), true);
  });

  it('guest principal name with #EXT# compares as text', () => {
    const guest = { userPrincipalName: 'sam_fabrikam.com#EXT#@contoso.onmicrosoft.com' };
    assert.equal(
      matches("userPrincipalName eq 'SAM_fabrikam.com#ext#@contoso.onmicrosoft.com'", guest),
      true,
    );
  });

  it('lambda over objects reads the variable path', () => {
    assert.equal(matches("targetResources/any(t: t/id eq 'sp-1')", audit), true);
    assert.equal(matches("targetResources/any(t: t/id eq 'sp-2')", audit), false);
    assert.equal(matches("targetResources/all(t: t/type ne 'User')", audit), true);
  });

  it('nested property path compares', () => {
    assert.equal(matches("initiatedBy/user/id eq 'u-1'", audit), true);
    assert.equal(matches("initiatedBy/app/appId eq 'u-1'", audit), false);
  });

  it('seven-digit fractions compare by instant', () => {
    assert.equal(matches('activityDateTime gt 2026-12-02T10:00:00Z', audit), true);
    assert.equal(matches('activityDateTime lt 2026-12-02T10:00:00.2Z', audit), true);
  });

  it('unquoted GUID equals the stored id', () => {
    const item = { appId: '8f3a1c2e-0000-4000-8000-00000000abcd' };
    assert.equal(matches('appId eq 8F3A1C2E-0000-4000-8000-00000000ABCD', item), true);
  });

  it('unclosed string is rejected', () => {
    assertRejected("userPrincipalName eq 'sean.o'neill@contoso.com'", 'not closed|unexpected');
  });

  it('missing operator is rejected', () => {
    assertRejected('createdDateTime 2026-12-02T09:00:00Z', 'expected a comparison operator');
  });

  it('unknown function is rejected by name', () => {
    assertRejected("substringof('a', userPrincipalName)", "function 'substringof'");
  });

  it('unbalanced parenthesis is rejected', () => {
    assertRejected("(ipAddress eq 'x'", "expected '\\)'");
  });

  it('impossible date is rejected', () => {
    assertRejected('createdDateTime ge 2026-13-01T00:00:00Z', "'2026-13-01T00:00:00Z'");
  });

  it('empty filter is rejected', () => {
    assertRejected('  ', 'empty');
  });

  it('trailing tokens are rejected', () => {
    assertRejected("ipAddress eq 'x' 'y'", "unexpected 'y'");
  });
});
