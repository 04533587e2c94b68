import assert from 'node:assert/strict';
import type * as Graph from '@microsoft/microsoft-graph-types';
import {
  consentCheck,
  isRiskyScope,
  scopesOf,
} from '../../../services/investigation/checks/consents';
import { BY_OTHER, USER_ID, audit, investigationData, inWindow, ok, target } from './graphFixtures';

const CLIENT_SP = '2b3c4d5e-6f70-4819-8a2b-3c4d5e6f7081';
const CORPORATE_SP = '3c4d5e6f-7081-492a-8b3c-4d5e6f708192';
const GRAPH_SP = '4d5e6f70-8192-4a3b-8c4d-5e6f708192a3';

function grant(fields: Partial<Graph.OAuth2PermissionGrant>): Graph.OAuth2PermissionGrant {
  return {
    id: 'grant-user-mail',
    clientId: CLIENT_SP,
    consentType: 'Principal',
    principalId: USER_ID,
    resourceId: GRAPH_SP,
    scope: ' Mail.Read Mail.Send offline_access',
    ...fields,
  };
}

function consentAudit(
  onBehalfOfAll: string,
  fields: Partial<Graph.DirectoryAudit> = {},
  scope = 'Mail.Read Mail.Send offline_access',
) {
  return audit('Consent to application', {
    activityDateTime: inWindow(1.5),
    targetResources: [
      target('ServicePrincipal', CLIENT_SP, 'Doc Share Pro', [
        ['ConsentContext.IsAdminConsent', '', '"False"'],
        ['ConsentContext.OnBehalfOfAll', '', `"${onBehalfOfAll}"`],
        [
          'ConsentAction.Permissions',
          '',
          `"[] => [[Id: x, ClientId: ${CLIENT_SP}, ConsentType: Principal, Scope:  ${scope}, CreatedDateTime: , LastModifiedDateTime: ]]; "`,
        ],
      ]),
    ],
    ...fields,
  });
}

describe('consent check', () => {
  it('consent with mail scopes in the window is high', () => {
    const data = investigationData({
      audits: ok([consentAudit('False')]),
      grants: ok([grant({})]),
    });
    const [finding] = consentCheck.run(data);
    assert.equal(finding.kind, 'consent.granted');
    assert.equal(finding.severity, 'high');
    assert.equal(finding.attack, 'T1528');
    assert.equal(finding.at, inWindow(1.5));
    assert.equal(finding.evidence.timeKnown, true);
    assert.equal(finding.evidence.appName, 'Doc Share Pro');
    assert.deepEqual(finding.evidence.riskyScopes, ['Mail.Read', 'Mail.Send']);
    assert.deepEqual(finding.evidence.grantIds, ['grant-user-mail']);
  });

  it('grant without an audit event has no time and is medium', () => {
    const data = investigationData({ grants: ok([grant({})]) });
    const [finding] = consentCheck.run(data);
    assert.equal(finding.severity, 'medium');
    assert.equal(finding.evidence.timeKnown, false);
    assert.equal(finding.at, '2026-12-03T12:00:00.000Z');
  });

  it('scopes with stray spaces are split cleanly', () => {
    assert.deepEqual(scopesOf('  Mail.Read   Files.ReadWrite.All  offline_access '), [
      'Mail.Read',
      'Files.ReadWrite.All',
      'offline_access',
    ]);
  });

  it('risky scopes are recognised without case', () => {
    const risky = [
      'mail.readwrite',
      'MailboxSettings.ReadWrite',
      'Files.ReadWrite.All',
      'Sites.ReadWrite.All',
      'Directory.ReadWrite.All',
      'User.ReadWrite.All',
      'full_access_as_user',
      'EWS.AccessAsUser.All',
    ];
    for (const scope of risky) assert.equal(isRiskyScope(scope), true, scope);
  });

  it('read-only scopes are not risky', () => {
    for (const scope of [
      'User.Read',
      'openid',
      'profile',
      'offline_access',
      'Files.Read',
      'MailboxSettings.Read',
    ]) {
      assert.equal(isRiskyScope(scope), false, scope);
    }
  });

  it('read-only grant without an audit event stays quiet', () => {
    const data = investigationData({ grants: ok([grant({ scope: 'User.Read openid profile' })]) });
    assert.deepEqual(consentCheck.run(data), []);
  });

  it('read-only consent in the window is medium', () => {
    const data = investigationData({
      audits: ok([consentAudit('False', {}, 'User.Read openid')]),
      grants: ok([grant({ scope: 'User.Read openid' })]),
    });
    const [finding] = consentCheck.run(data);
    assert.equal(finding.severity, 'medium');
    assert.deepEqual(finding.evidence.riskyScopes, []);
  });

  it('scopes named only by the audit event count', () => {
    const data = investigationData({
      audits: ok([consentAudit('False')]),
      grants: ok([grant({ scope: 'User.Read' })]),
    });
    const [finding] = consentCheck.run(data);
    assert.equal(finding.severity, 'high');
    assert.deepEqual(finding.evidence.riskyScopes, ['Mail.Read', 'Mail.Send']);
  });

  it('tenant-wide corporate grant does not fire', () => {
    const corporate = grant({
      id: 'grant-corp',
      clientId: CORPORATE_SP,
      consentType: 'AllPrincipals',
      principalId: null,
      scope: 'User.Read',
    });
    assert.deepEqual(consentCheck.run(investigationData({ grants: ok([corporate]) })), []);
  });

  it("other user's consent does not fire", () => {
    const data = investigationData({
      audits: ok([consentAudit('False', { initiatedBy: BY_OTHER })]),
    });
    assert.deepEqual(consentCheck.run(data), []);
  });

  describe('whose consent', () => {
    const own = grant({ id: 'grant-own' });
    const tenantWide = grant({ id: 'grant-all', consentType: 'AllPrincipals', principalId: null });

    it("user's consent removes only the user's grant", () => {
      const data = investigationData({
        audits: ok([consentAudit('False')]),
        grants: ok([own, tenantWide]),
      });
      const [finding] = consentCheck.run(data);
      assert.equal(finding.actions.length, 1);
      assert.equal(finding.actions[0].target.id, 'grant-own');
      assert.equal(finding.actions[0].target.details?.consentType, 'Principal');
      assert.equal(finding.actions[0].label, 'Remove consent for Doc Share Pro');
    });

    it('tenant-wide consent by the user is its own labelled action', () => {
      const data = investigationData({
        audits: ok([consentAudit('True')]),
        grants: ok([own, tenantWide]),
      });
      const [finding] = consentCheck.run(data);
      assert.deepEqual(
        finding.actions.map((action) => action.target.id),
        ['grant-own', 'grant-all'],
      );
      assert.equal(finding.actions[1].label, 'Remove tenant-wide consent for Doc Share Pro');
      assert.equal(finding.actions[1].target.details?.consentType, 'AllPrincipals');
      assert.equal(finding.evidence.onBehalfOfAll, true);
    });

    it("tenant-wide grant without the user's tenant-wide consent is not offered", () => {
      const data = investigationData({ grants: ok([own, tenantWide]) });
      const [finding] = consentCheck.run(data);
      assert.deepEqual(
        finding.actions.map((action) => action.target.id),
        ['grant-own'],
      );
      assert.deepEqual(finding.evidence.tenantWideGrantIds, []);
    });
  });
});
