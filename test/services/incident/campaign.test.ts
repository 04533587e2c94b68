/**
 * Campaign scope and the checks of everyone in it, on both bundled tenants over the real Graph
 * client. In the campaign tenant the phish reached Priya, Omar and Lena; Priya also signed in
 * from the attacker's address, and Omar's relayed sign-ins from it failed.
 */
import assert from 'node:assert/strict';
import { buildCampaignCard, buildCheckScopeAction } from '../../../cards/campaignCard';
import { validateCard } from '../../../cards/validate';
import { scopeCampaign, type CampaignScope } from '../../../services/incident/campaign';
import { checkMany, type UserCheck } from '../../../services/incident/checkMany';
import { scopeUsers, summarizeCampaign } from '../../../services/incident/campaignSummary';
import { gatherIncident } from '../../../services/incident/gather';
import { ALEX, LENA, OMAR, PRIYA, SINCE, UNTIL, openTenant, type TenantSession } from './tenant';

function member(scope: CampaignScope, upn: string) {
  return scope.members.find((m) => m.user.userPrincipalName === upn);
}

describe('campaign scope on contoso-campaign', function () {
  this.timeout(180_000);
  let session: TenantSession;
  let scope: CampaignScope;
  let checks: UserCheck[];

  before(async () => {
    session = await openTenant('contoso-campaign');
    const gathered = await gatherIncident(session.reader, { user: ALEX, since: SINCE, now: UNTIL });
    assert.ok(gathered.ok, gathered.ok ? '' : gathered.error.message);
    scope = await scopeCampaign(session.reader, gathered.report, gathered.data);
    checks = await checkMany(session.reader, scopeUsers(scope), SINCE, UNTIL, { concurrency: 2 });
  });
  after(async () => {
    await session.close();
  });

  it('takes attacker addresses from sign-in findings', () => {
    assert.deepEqual([...scope.attackerIps].sort(), ['2001:db8:7a1::1f', '203.0.113.45']);
  });

  for (const upn of [PRIYA, OMAR, LENA]) {
    it(`lists ${upn} as a mail recipient`, () => {
      assert.ok(member(scope, upn)?.reasons.includes('mail-recipient'));
    });
  }

  it('flags Priya for signing in from the attacker address', () => {
    const priya = member(scope, PRIYA);
    assert.ok(priya?.reasons.includes('attacker-ip-sign-in'));
    assert.deepEqual(priya?.attackerIp.ips, ['203.0.113.45']);
    assert.equal(priya?.attackerIp.succeeded, 10);
  });

  it('marks Omar for failed sign-ins only', () => {
    const omar = member(scope, OMAR);
    assert.ok(omar?.reasons.includes('attacker-ip-failed'));
    assert.equal(omar?.reasons.includes('attacker-ip-sign-in'), false);
    assert.equal(omar?.attackerIp.failed, 2);
  });

  it('leaves Lena without attacker sign-ins', () => {
    assert.deepEqual(member(scope, LENA)?.reasons, ['mail-recipient']);
  });

  it('excludes the compromised user', () => {
    assert.equal(member(scope, ALEX), undefined);
  });

  it('lists Priya first', () => {
    assert.equal(scope.members[0]?.user.userPrincipalName, PRIYA);
  });

  it('reads every part of the scope', () => {
    assert.deepEqual(scope.unavailable, []);
  });

  it('queries sign-ins by quoted IP literal', () => {
    const filters = session.emulator.requests
      .filter((request) => request.path.endsWith('auditLogs/signIns'))
      .map((request) => String(request.query.$filter ?? ''));
    assert.ok(filters.some((filter) => filter.includes("ipAddress eq '203.0.113.45'")));
    assert.ok(filters.some((filter) => filter.includes("ipAddress eq '2001:DB8:7A1::1F'")));
  });

  it('checkMany reports Priya compromised', () => {
    const priya = checks.find((check) => check.user === member(scope, PRIYA)?.user.id);
    assert.ok(priya?.ok);
    assert.match(priya.report.verdict, /^Compromise likely/);
  });

  for (const upn of [OMAR, LENA]) {
    it(`checkMany finds no compromise for ${upn}`, () => {
      const check = checks.find((c) => c.user === member(scope, upn)?.user.id);
      assert.ok(check?.ok);
      assert.match(check.report.verdict, /^No sign of compromise/);
    });
  }

  it('checkMany keeps the order of users', () => {
    assert.deepEqual(
      checks.map((check) => check.user),
      scopeUsers(scope),
    );
  });

  it('summary marks only Priya compromised', () => {
    const summary = summarizeCampaign(scope, checks);
    const compromised = summary.rows.filter((row) => row.compromised);
    assert.deepEqual(
      compromised.map((row) => row.user.userPrincipalName),
      [PRIYA],
    );
  });

  it('campaign card is valid and names Priya first', () => {
    const card = buildCampaignCard(summarizeCampaign(scope, checks));
    assert.deepEqual(validateCard(card), []);
    const body = JSON.stringify(card);
    assert.ok(body.indexOf('Priya Nair') < body.indexOf('Lena Fischer'));
    assert.match(body, /check priya\\\\\.nair\\\\@contoso\\\\\.com since 2026/);
  });
});

describe('campaign scope on contoso-phish', function () {
  this.timeout(120_000);
  let session: TenantSession;
  let scope: CampaignScope;

  before(async () => {
    session = await openTenant('contoso-phish');
    const gathered = await gatherIncident(session.reader, { user: ALEX, since: SINCE, now: UNTIL });
    assert.ok(gathered.ok, gathered.ok ? '' : gathered.error.message);
    scope = await scopeCampaign(session.reader, gathered.report, gathered.data);
  });
  after(async () => {
    await session.close();
  });

  it('finds the three recipients', () => {
    for (const upn of [PRIYA, OMAR, LENA]) assert.ok(member(scope, upn), upn);
  });

  it('finds nobody else on the attacker addresses', () => {
    const byIp = scope.members.filter((m) => m.attackerIp.succeeded + m.attackerIp.failed > 0);
    assert.deepEqual(byIp, []);
  });

  it('records the phishing subject Priya received', () => {
    assert.ok(member(scope, PRIYA)?.subjects.some((subject) => /Shared document/.test(subject)));
  });
});

describe('checkMany and the scope action', () => {
  it('rejects a concurrency of zero', async () => {
    const session = await openTenant('contoso-phish');
    try {
      await assert.rejects(
        checkMany(session.reader, [ALEX], SINCE, UNTIL, { concurrency: 0 }),
        /concurrency/,
      );
    } finally {
      await session.close();
    }
  });

  it('check scope action carries only the report id', () => {
    const action = buildCheckScopeAction('report-1', 3);
    assert.equal(action.verb, 'firebreak.checkScope');
    assert.deepEqual(action.data, { reportId: 'report-1' });
    assert.equal(action.title, 'Check these 3 users');
  });
});
