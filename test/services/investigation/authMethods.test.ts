import assert from 'node:assert/strict';
import { authMethodCheck } from '../../../services/investigation/checks/authMethods';
import type * as Graph from '@microsoft/microsoft-graph-types';
import {
  BY_OTHER,
  USER_TARGET,
  audit,
  inBaseline,
  inWindow,
  investigationData,
  ok,
} from './graphFixtures';

type OData = { '@odata.type': string };

const password: Graph.PasswordAuthenticationMethod & OData = {
  '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
  id: '28c10230-6103-485e-b985-444c60001490',
  createdDateTime: inWindow(20),
};
const officePhone: Graph.PhoneAuthenticationMethod & OData = {
  '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
  id: '3179e48a-750b-4051-897c-87b9720928f7',
  phoneNumber: '+1 2065550100',
  phoneType: 'mobile',
};
const oldAuthenticator: Graph.MicrosoftAuthenticatorAuthenticationMethod & OData = {
  '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  id: '6e2bf5a1-0000-4000-8000-0a1b2c3d4e5f',
  displayName: 'Pixel 8',
  createdDateTime: inBaseline(120),
};
const newAuthenticator: Graph.MicrosoftAuthenticatorAuthenticationMethod & OData = {
  '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
  id: '9d8c7b6a-0000-4000-8000-5f4e3d2c1b0a',
  displayName: 'iPhone 15',
  deviceTag: 'SoftwareTokenActivated',
  createdDateTime: inWindow(3),
};

const registered = audit('User registered security info', {
  category: 'UserManagement',
  loggedByService: 'Authentication Methods',
  activityDateTime: inWindow(3.05),
  targetResources: [USER_TARGET],
});

describe('authentication method check', () => {
  it('new authenticator is high and merged with its audit event', () => {
    const data = investigationData({
      audits: ok([registered]),
      authMethods: ok([password, officePhone, oldAuthenticator, newAuthenticator]),
    });
    const findings = authMethodCheck.run(data);
    assert.equal(findings.length, 1);
    const [finding] = findings;
    assert.equal(finding.kind, 'auth-method.registered');
    assert.equal(finding.severity, 'high');
    assert.equal(finding.attack, 'T1556.006');
    assert.equal(finding.evidence.methodId, newAuthenticator.id);
    assert.equal(finding.evidence.displayName, 'iPhone 15');
    assert.equal(finding.evidence.auditId, registered.id);
    assert.equal(finding.at, inWindow(3.05));
    assert.equal(finding.actions[0].kind, 'remove-auth-method');
    assert.equal(finding.actions[0].target.id, newAuthenticator.id);
    assert.equal(
      finding.actions[0].target.details?.['@odata.type'],
      '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
    );
  });

  it('password method is never offered for removal', () => {
    const data = investigationData({
      audits: ok([registered]),
      authMethods: ok([password, officePhone]),
    });
    const [finding] = authMethodCheck.run(data);
    const targets = finding.actions.map((action) => action.target.id);
    assert.ok(!targets.includes(password.id ?? ''));
    assert.deepEqual(targets, [officePhone.id]);
    assert.match(finding.actions[0].label, /registration time unknown/);
  });

  it('audit event without a dated method is its own finding', () => {
    const changed = audit('User changed default security info', { targetResources: [USER_TARGET] });
    const [finding] = authMethodCheck.run(
      investigationData({ audits: ok([changed]), authMethods: ok([oldAuthenticator]) }),
    );
    assert.equal(finding.evidence.activity, 'User changed default security info');
  });

  it('old methods without events stay quiet', () => {
    const data = investigationData({ authMethods: ok([password, officePhone, oldAuthenticator]) });
    assert.deepEqual(authMethodCheck.run(data), []);
  });

  it('security info of another user stays quiet', () => {
    const other = audit('Admin registered security info', {
      initiatedBy: BY_OTHER,
      targetResources: [
        {
          ...USER_TARGET,
          id: '11111111-2222-4333-8444-555555555555',
          userPrincipalName: 'riley.chen@contoso.com',
        },
      ],
    });
    assert.deepEqual(authMethodCheck.run(investigationData({ audits: ok([other]) })), []);
  });
});
