/**
 * Users as responders type them and as Graph stores them: object id, UPN in any case, guest UPN
 * with `#EXT#`, apostrophes, emoji and right-to-left text, read through the real client.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { JsonObject, TenantSnapshot } from '../../../emulator';
import type { Report } from '../../../services/domain';
import { investigate } from '../../../services/investigation/investigate';
import { PHISH_TENANT, startTestTenant, type TestTenant } from './support';

const DAY_MS = 86_400_000;
const ZOE = {
  id: '9b6d0f1e-3c2a-4f5e-8d7c-1a2b3c4d5e6f',
  userPrincipalName: "zoë.o'connor@contoso.com",
  displayName: "Zoë 🛡️ O'Connor (שירה)",
  mail: "zoë.o'connor@contoso.com",
  accountEnabled: true,
};

function tenantWithZoe(): TenantSnapshot {
  const snapshot = JSON.parse(readFileSync(PHISH_TENANT, 'utf8')) as TenantSnapshot;
  const users = snapshot.users as JsonObject[];
  return { ...snapshot, users: [...users, ZOE] };
}

describe('users as typed', function () {
  this.timeout(60_000);
  let tenant: TestTenant;
  let alexId: string;

  before(async () => {
    const snapshot = tenantWithZoe();
    const alex = (snapshot.users as JsonObject[]).find(
      (u) => u.userPrincipalName === 'alex.doe@contoso.com',
    );
    assert.ok(typeof alex?.id === 'string', 'the phish tenant lists alex.doe@contoso.com');
    alexId = alex.id;
    tenant = await startTestTenant({ tenant: snapshot, reportBudget: false });
  });
  after(async () => {
    await tenant.close();
  });

  async function check(typed: string): Promise<Report> {
    const now = new Date();
    const outcome = await investigate(tenant.reader, {
      user: typed,
      since: new Date(now.getTime() - 2 * DAY_MS),
      now,
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    const unavailable = outcome.report.sections.filter((s) => s.status === 'unavailable');
    assert.deepEqual(unavailable, []);
    return outcome.report;
  }

  it('object id resolves to the user', async () => {
    const report = await check(alexId);
    assert.equal(report.user.userPrincipalName, 'alex.doe@contoso.com');
  });

  it('UPN in upper case resolves', async () => {
    const report = await check('ALEX.DOE@CONTOSO.COM');
    assert.equal(report.user.id, alexId);
  });

  it('guest UPN reaches Graph with #EXT# intact', async () => {
    const report = await check('SAM_FABRIKAM.COM#EXT#@contoso.onmicrosoft.com');
    const id = report.user.id;
    const paths = tenant.emulator.requests.map((r) => r.path.toLowerCase());
    // The emulator records paths percent-decoded, so the whole UPN shows when `#` was encoded.
    assert.ok(paths.includes('users/sam_fabrikam.com#ext#@contoso.onmicrosoft.com'));
    assert.ok(paths.some((p) => p.startsWith(`users/${id}/`)));
  });

  it('apostrophe in the UPN is read', async () => {
    const report = await check("Sean.O'Neill@contoso.com");
    assert.equal(report.user.userPrincipalName.toLowerCase(), "sean.o'neill@contoso.com");
  });

  it('emoji and right-to-left name round-trips', async () => {
    const report = await check(ZOE.userPrincipalName.toUpperCase());
    assert.equal(report.user.id, ZOE.id);
    assert.equal(report.user.displayName, ZOE.displayName);
  });

  it('display name with emoji finds the user', async () => {
    const report = await check('Zoë 🛡️');
    assert.equal(report.user.id, ZOE.id);
  });
});
