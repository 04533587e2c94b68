import assert from 'node:assert/strict';
import { appCredentialCheck } from '../../../services/investigation/checks/appCredentials';
import { appCreatedCheck, appOwnerCheck } from '../../../services/investigation/checks/apps';
import { federatedCredentialCheck } from '../../../services/investigation/checks/federatedCredentials';
import {
  BY_OTHER,
  USER_TARGET,
  application,
  audit,
  inBaseline,
  inWindow,
  investigationData,
  ok,
  secret,
  servicePrincipal,
  target,
} from './graphFixtures';

const NEW_APP_ID = 'a7c1e2d3-0b4f-4e5a-8c9d-112233445566';
const NEW_APP_CLIENT_ID = 'f0e1d2c3-b4a5-4968-8776-655443322110';
const NEW_SP_ID = 'b8d2f3e4-1c5a-4f6b-9dae-223344556677';
const OLD_APP_ID = 'c9e3a4f5-2d6b-4a7c-8ebf-334455667788';
const OLD_SP_ID = 'd0f4b5a6-3e7c-4b8d-9fc0-445566778899';
const NEW_KEY = '6e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const OLD_KEY = '1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d';
const SP_KEY = '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a';
const CERTS_ACTIVITY = 'Update application – Certificates and secrets management ';

function keyDescription(keyId: string, name: string): string {
  return JSON.stringify([
    `[KeyIdentifier=${keyId},KeyType=Password,KeyUsage=Verify,DisplayName=${name}]`,
  ]);
}

describe('application checks', () => {
  describe('app.created', () => {
    it('app registered by the user fires with its credentials', () => {
      const app = application({
        id: NEW_APP_ID,
        appId: NEW_APP_CLIENT_ID,
        displayName: 'Doc Viewer',
        createdDateTime: inWindow(3),
        passwordCredentials: [secret(NEW_KEY, inWindow(3.1), 'viewer')],
      });
      const sp = servicePrincipal({
        id: NEW_SP_ID,
        appId: NEW_APP_CLIENT_ID,
        displayName: 'Doc Viewer',
      });
      const data = investigationData({
        audits: ok([
          audit('Add application', {
            activityDateTime: inWindow(3),
            targetResources: [target('Application', NEW_APP_ID, 'Doc Viewer')],
          }),
          audit('Add service principal', {
            activityDateTime: inWindow(3),
            targetResources: [target('ServicePrincipal', NEW_SP_ID, 'Doc Viewer')],
          }),
        ]),
        ownedObjects: ok([app, sp]),
      });

      const findings = appCreatedCheck.run(data);
      assert.equal(findings.length, 1);
      const [finding] = findings;
      assert.equal(finding.severity, 'high');
      assert.equal(finding.attack, 'T1098.001');
      assert.equal(finding.at, inWindow(3));
      assert.equal(finding.evidence.objectId, NEW_APP_ID);
      assert.equal(finding.evidence.servicePrincipalId, NEW_SP_ID);
      assert.deepEqual(finding.evidence.credentialKeyIds, [NEW_KEY]);

      const kinds = finding.actions.map((action) => action.kind);
      assert.deepEqual(kinds, [
        'remove-credential',
        'rotate-credential',
        'disable-service-principal',
      ]);
      assert.equal(finding.actions[2].target.id, NEW_SP_ID);
    });

    it('owned app created in the window fires without an audit event', () => {
      const data = investigationData({
        ownedObjects: ok([application({ id: NEW_APP_ID, createdDateTime: inWindow(5) })]),
      });
      const [finding] = appCreatedCheck.run(data);
      assert.equal(finding.kind, 'app.created');
      assert.equal(finding.at, inWindow(5));
    });

    it('old owned app does not fire', () => {
      const data = investigationData({ ownedObjects: ok([application({ id: OLD_APP_ID })]) });
      assert.deepEqual(appCreatedCheck.run(data), []);
    });

    it("other user's new app does not fire", () => {
      const data = investigationData({
        audits: ok([
          audit('Add application', {
            initiatedBy: BY_OTHER,
            targetResources: [target('Application', NEW_APP_ID, 'HR Portal')],
          }),
        ]),
      });
      assert.deepEqual(appCreatedCheck.run(data), []);
    });
  });

  describe('app.credential-added', () => {
    it('secret from an audit with JSON inside strings is read', () => {
      const keys = JSON.stringify([
        { KeyIdentifier: OLD_KEY, KeyType: 'Password', KeyUsage: 'Verify', DisplayName: 'old' },
        { KeyIdentifier: NEW_KEY, KeyType: 'Password', KeyUsage: 'Verify', DisplayName: 'backup' },
      ]);
      const before = JSON.stringify([
        { KeyIdentifier: OLD_KEY, KeyType: 'Password', KeyUsage: 'Verify' },
      ]);
      const data = investigationData({
        audits: ok([
          audit(CERTS_ACTIVITY, {
            targetResources: [
              target('Application', OLD_APP_ID, 'Payroll Sync', [['KeyCredentials', before, keys]]),
            ],
          }),
        ]),
        ownedObjects: ok([
          application({
            id: OLD_APP_ID,
            displayName: 'Payroll Sync',
            passwordCredentials: [
              secret(OLD_KEY, inBaseline(100), 'old'),
              secret(NEW_KEY, inWindow(2), 'backup'),
            ],
          }),
        ]),
      });

      const findings = appCredentialCheck.run(data);
      assert.equal(findings.length, 1);
      const [finding] = findings;
      assert.equal(finding.evidence.keyId, NEW_KEY);
      assert.equal(finding.evidence.credentialType, 'password');
      assert.equal(finding.evidence.activity, CERTS_ACTIVITY.trim());
      assert.equal(finding.evidence.startDateTime, inWindow(2));
      assert.equal(finding.evidence.stillPresent, true);
      assert.deepEqual(
        finding.actions.map((action) => [action.kind, action.target.id, action.target.parent?.id]),
        [
          ['remove-credential', NEW_KEY, OLD_APP_ID],
          ['rotate-credential', NEW_KEY, OLD_APP_ID],
        ],
      );
    });

    it('KeyDescription bracket text is read', () => {
      const data = investigationData({
        audits: ok([
          audit(CERTS_ACTIVITY, {
            targetResources: [
              target('Application', OLD_APP_ID, 'Payroll Sync', [
                ['KeyDescription', '[]', keyDescription(NEW_KEY, 'x')],
              ]),
            ],
          }),
        ]),
        touchedObjects: ok([application({ id: OLD_APP_ID, displayName: 'Payroll Sync' })]),
      });
      const [finding] = appCredentialCheck.run(data);
      assert.equal(finding.evidence.keyId, NEW_KEY);
      assert.equal(finding.evidence.credentialName, 'x');
      assert.equal(finding.evidence.stillPresent, false);
    });

    it('activity with a hyphen instead of the en dash matches', () => {
      const data = investigationData({
        audits: ok([
          audit('Update application - Certificates and secrets management', {
            targetResources: [
              target('Application', OLD_APP_ID, 'Payroll Sync', [
                ['KeyDescription', '[]', keyDescription(NEW_KEY, 'x')],
              ]),
            ],
          }),
        ]),
      });
      assert.equal(appCredentialCheck.run(data).length, 1);
    });

    it('secret on a service principal is found', () => {
      const data = investigationData({
        audits: ok([
          audit('Add service principal credentials', {
            targetResources: [
              target('ServicePrincipal', OLD_SP_ID, 'Legacy Connector', [
                ['KeyDescription', '[]', keyDescription(SP_KEY, 'sp')],
              ]),
            ],
          }),
        ]),
        ownedObjects: ok([
          application({
            id: OLD_APP_ID,
            displayName: 'Legacy Connector',
            passwordCredentials: [secret(OLD_KEY, inBaseline(300))],
          }),
          servicePrincipal({
            id: OLD_SP_ID,
            displayName: 'Legacy Connector',
            passwordCredentials: [secret(SP_KEY, inWindow(6), 'sp')],
          }),
        ]),
      });
      const findings = appCredentialCheck.run(data);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].evidence.objectType, 'servicePrincipal');
      assert.equal(findings[0].evidence.objectId, OLD_SP_ID);
      assert.equal(findings[0].actions[0].target.type, 'servicePrincipal');
      assert.equal(findings[0].actions[0].target.parent?.id, OLD_SP_ID);
    });

    it('new secret on an owned SP without an audit fires', () => {
      const data = investigationData({
        ownedObjects: ok([
          servicePrincipal({ id: OLD_SP_ID, passwordCredentials: [secret(SP_KEY, inWindow(6))] }),
        ]),
      });
      const [finding] = appCredentialCheck.run(data);
      assert.equal(finding.evidence.keyId, SP_KEY);
      assert.equal(finding.at, inWindow(6));
    });

    it('Update application with PasswordCredentials fires', () => {
      const after = JSON.stringify([{ KeyIdentifier: NEW_KEY, DisplayName: 'ci' }]);
      const data = investigationData({
        audits: ok([
          audit('Update application', {
            targetResources: [
              target('Application', OLD_APP_ID, 'Payroll Sync', [
                ['PasswordCredentials', '[]', after],
              ]),
            ],
          }),
        ]),
      });
      const [finding] = appCredentialCheck.run(data);
      assert.equal(finding.evidence.credentialType, 'password');
    });

    it('Update application of other properties does not fire', () => {
      const data = investigationData({
        audits: ok([
          audit('Update application', {
            targetResources: [
              target('Application', OLD_APP_ID, 'Payroll Sync', [
                ['DisplayName', '"Payroll"', '"Payroll Sync"'],
              ]),
            ],
          }),
        ]),
      });
      assert.deepEqual(appCredentialCheck.run(data), []);
    });

    it('bad JSON in a credential value is reported without key id', () => {
      const data = investigationData({
        audits: ok([
          audit(CERTS_ACTIVITY, {
            targetResources: [
              target('Application', OLD_APP_ID, 'Payroll Sync', [
                ['KeyCredentials', '[', '[{"KeyIdentifier": '],
              ]),
            ],
          }),
        ]),
      });
      const [finding] = appCredentialCheck.run(data);
      assert.equal(finding.evidence.keyId, null);
      assert.equal(finding.evidence.credentialType, null);
    });

    it('removal of a secret does not fire', () => {
      const data = investigationData({
        audits: ok([
          audit(CERTS_ACTIVITY, {
            targetResources: [
              target('Application', OLD_APP_ID, 'Payroll Sync', [
                ['KeyDescription', keyDescription(OLD_KEY, 'old'), '[]'],
              ]),
            ],
          }),
        ]),
      });
      assert.deepEqual(appCredentialCheck.run(data), []);
    });

    it('old secret on an app the user does not own stays quiet', () => {
      const data = investigationData({
        touchedObjects: ok([
          application({ id: OLD_APP_ID, passwordCredentials: [secret(OLD_KEY, inBaseline(40))] }),
        ]),
      });
      assert.deepEqual(appCredentialCheck.run(data), []);
    });

    it("other user's secret on an app the user does not own stays quiet", () => {
      const data = investigationData({
        audits: ok([
          audit(CERTS_ACTIVITY, {
            initiatedBy: BY_OTHER,
            targetResources: [
              target('Application', OLD_APP_ID, 'HR Portal', [
                ['KeyDescription', '[]', keyDescription(NEW_KEY, 'x')],
              ]),
            ],
          }),
        ]),
      });
      assert.deepEqual(appCredentialCheck.run(data), []);
    });

    it("other user's secret on an owned app fires", () => {
      const data = investigationData({
        audits: ok([
          audit(CERTS_ACTIVITY, {
            initiatedBy: BY_OTHER,
            targetResources: [
              target('Application', OLD_APP_ID, 'Payroll Sync', [
                ['KeyDescription', '[]', keyDescription(NEW_KEY, 'x')],
              ]),
            ],
          }),
        ]),
        ownedObjects: ok([application({ id: OLD_APP_ID })]),
      });
      assert.equal(appCredentialCheck.run(data).length, 1);
    });
  });

  describe('app.credential-added, federated', () => {
    const credential = {
      id: 'fic-0001',
      name: 'deploy',
      issuer: 'https://token.actions.githubusercontent.com',
      subject: 'repo:example-org/tools:ref:refs/heads/main',
      audiences: ['api://AzureADTokenExchange'],
      description: null,
    };

    it('federated credential on an owned app without secrets fires', () => {
      const data = investigationData({
        ownedObjects: ok([application({ id: NEW_APP_ID, displayName: 'Doc Viewer' })]),
        federatedCredentials: ok([{ appId: NEW_APP_ID, credential }]),
      });
      const [finding] = federatedCredentialCheck.run(data);
      assert.equal(finding.kind, 'app.credential-added');
      assert.equal(finding.severity, 'high');
      assert.equal(finding.evidence.issuer, credential.issuer);
      assert.equal(finding.evidence.subject, credential.subject);
      assert.deepEqual(finding.evidence.audiences, credential.audiences);
      assert.equal(finding.evidence.timeKnown, false);
      assert.equal(finding.at, '2026-12-03T12:00:00.000Z');
      assert.equal(finding.actions[0].kind, 'remove-federated-credential');
      assert.equal(finding.actions[0].target.id, 'fic-0001');
      assert.equal(finding.actions[0].target.parent?.id, NEW_APP_ID);
    });

    it('Update application event gives the federated credential its time', () => {
      const after = JSON.stringify([
        { Name: 'deploy', Issuer: credential.issuer, Subject: credential.subject },
      ]);
      const data = investigationData({
        audits: ok([
          audit('Update application', {
            activityDateTime: inWindow(4),
            targetResources: [
              target('Application', NEW_APP_ID, 'Doc Viewer', [
                ['FederatedIdentityCredentials', '[]', after],
              ]),
            ],
          }),
        ]),
        ownedObjects: ok([application({ id: NEW_APP_ID })]),
        federatedCredentials: ok([{ appId: NEW_APP_ID, credential }]),
      });
      const findings = federatedCredentialCheck.run(data);
      assert.equal(findings.length, 1);
      assert.equal(findings[0].at, inWindow(4));
      assert.equal(findings[0].evidence.timeKnown, true);
      assert.equal(findings[0].evidence.credentialId, 'fic-0001');
    });

    it('Update application with only federated credentials is not a secret', () => {
      const after = JSON.stringify([{ Name: 'deploy' }]);
      const data = investigationData({
        audits: ok([
          audit('Update application', {
            targetResources: [
              target('Application', NEW_APP_ID, 'Doc Viewer', [
                ['FederatedIdentityCredentials', '[]', after],
              ]),
            ],
          }),
        ]),
      });
      assert.deepEqual(appCredentialCheck.run(data), []);
    });
  });

  describe('app.owner-added', () => {
    it('user added as owner fires with the recent credentials', () => {
      const data = investigationData({
        audits: ok([
          audit('Add owner to application', {
            initiatedBy: BY_OTHER,
            targetResources: [USER_TARGET, target('Application', OLD_APP_ID, 'Payroll Sync')],
          }),
        ]),
        ownedObjects: ok([
          application({
            id: OLD_APP_ID,
            displayName: 'Payroll Sync',
            passwordCredentials: [secret(OLD_KEY, inBaseline(90)), secret(NEW_KEY, inWindow(5))],
          }),
        ]),
      });
      const [finding] = appOwnerCheck.run(data);
      assert.equal(finding.severity, 'high');
      assert.equal(finding.attack, 'T1098');
      assert.equal(finding.evidence.newOwner, 'alex.doe@contoso.com');
      assert.equal(finding.evidence.userIsNewOwner, true);
      assert.deepEqual(finding.evidence.recentCredentialKeyIds, [NEW_KEY]);
      assert.deepEqual(
        finding.actions.map((action) => action.target.id),
        [NEW_KEY, NEW_KEY],
      );
    });

    it('service principal owner change by the user fires', () => {
      const data = investigationData({
        audits: ok([
          audit('Add owner to service principal', {
            targetResources: [
              target('User', 'e1e2e3e4-0000-4000-8000-000000000001', null),
              target('ServicePrincipal', OLD_SP_ID, 'Legacy Connector'),
            ],
          }),
        ]),
      });
      const [finding] = appOwnerCheck.run(data);
      assert.equal(finding.evidence.objectType, 'servicePrincipal');
      assert.deepEqual(finding.actions, []);
    });

    it('owner change between other users stays quiet', () => {
      const data = investigationData({
        audits: ok([
          audit('Add owner to application', {
            initiatedBy: BY_OTHER,
            targetResources: [
              target('User', 'e1e2e3e4-0000-4000-8000-000000000001', null),
              target('Application', OLD_APP_ID, 'HR'),
            ],
          }),
        ]),
      });
      assert.deepEqual(appOwnerCheck.run(data), []);
    });
  });
});
