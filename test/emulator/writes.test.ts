import assert from 'node:assert/strict';
import { GraphError } from '@microsoft/microsoft-graph-client';
import type { JsonObject, TenantSnapshot } from '../../emulator/types';
import {
  ALEX,
  JORDAN,
  baseTenant,
  getObject,
  getPage,
  postObject,
  startHarness,
  type Harness,
} from './helpers';

/** A password or certificate credential as Graph lists it on an application. */
interface Credential {
  keyId: string;
  displayName?: string;
  secretText?: string | null;
}

/** The response to `addPassword`, the only response in which Graph returns the secret. */
interface CreatedPassword extends Credential {
  secretText: string;
}

interface AppCredentials {
  passwordCredentials: Credential[];
  keyCredentials: Credential[];
}

const APP = 'a0000000-0000-4000-8000-000000000001';
const SP = 'b0000000-0000-4000-8000-000000000001';
const OLD_KEY = 'c0000000-0000-4000-8000-000000000001';
const CERT_KEY = 'c0000000-0000-4000-8000-000000000002';
const USER_GRANT = 'grant-principal';
const TENANT_GRANT = 'grant-all-principals';

function writeTenant(): TenantSnapshot {
  return {
    ...baseTenant(),
    applications: [
      {
        id: APP,
        appId: 'app-client-id',
        displayName: 'Doc Viewer',
        passwordCredentials: [{ keyId: OLD_KEY, displayName: 'old', hint: 'abc' }],
        keyCredentials: [{ keyId: CERT_KEY, type: 'AsymmetricX509Cert' }],
      },
    ],
    servicePrincipals: [
      { id: SP, appId: 'app-client-id', accountEnabled: true, passwordCredentials: [] },
    ],
    [`applications/${APP}/federatedIdentityCredentials`]: [
      {
        id: 'fic-1',
        name: 'github-deploy',
        issuer: 'https://token.actions.example',
        subject: 'repo:x',
      },
    ],
    [`users/${ALEX}/ownedObjects`]: [
      { '@odata.type': '#microsoft.graph.application', id: APP, displayName: 'Doc Viewer' },
    ],
    oauth2PermissionGrants: [
      {
        id: USER_GRANT,
        clientId: SP,
        consentType: 'Principal',
        principalId: ALEX,
        scope: ' Mail.Read',
      },
      {
        id: TENANT_GRANT,
        clientId: SP,
        consentType: 'AllPrincipals',
        principalId: null,
        scope: 'User.Read',
      },
    ],
    [`users/${ALEX}/appRoleAssignments`]: [
      { id: 'assignment-1', principalId: ALEX, resourceId: SP, appRoleId: 'role-1' },
    ],
    [`users/${ALEX}/mailFolders/inbox/messageRules`]: [
      { id: 'rule-dot', displayName: '.', actions: { markAsRead: true } },
    ],
    [`users/${ALEX}/authentication/methods`]: [
      { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: 'pw-1' },
      {
        '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
        id: 'phone-1',
        isDefault: true,
      },
      {
        '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
        id: 'auth-1',
      },
    ],
    'identityProtection/riskyUsers': [{ id: ALEX, riskState: 'atRisk', riskLevel: 'medium' }],
  };
}

async function expectGraphError(promise: Promise<unknown>, status: number, pattern: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof GraphError, `expected a GraphError, got ${String(error)}`);
    assert.equal(error.statusCode, status);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('emulator writes', () => {
  let harness: Harness;

  beforeEach(async () => {
    harness = await startHarness({ tenant: writeTenant(), reportBudget: false });
  });

  afterEach(async () => {
    await harness.close();
  });

  it('revokeSignInSessions sets the valid-from time', async () => {
    const before = Date.now();
    const result = await postObject<{ value: boolean }>(
      harness.client.api('/users/alex.doe@contoso.com/revokeSignInSessions'),
      {},
    );
    assert.equal(result.value, true);
    const user = await getObject<{ signInSessionsValidFromDateTime: string }>(
      harness.client.api(`/users/${ALEX}`),
    );
    assert.ok(Date.parse(user.signInSessionsValidFromDateTime) >= before - 1000);
  });

  it('disabling a user reads back disabled', async () => {
    await harness.client.api(`/users/${ALEX}`).patch({ accountEnabled: false });
    const user = await getObject(harness.client.api(`/users/${ALEX}`).select('accountEnabled'));
    assert.equal(user.accountEnabled, false);
  });

  it('password reset records the change without the password', async () => {
    await harness.client
      .api(`/users/${ALEX}`)
      .patch({ passwordProfile: { password: 'N3w-S3cret!', forceChangePasswordNextSignIn: true } });
    const user = await getObject<JsonObject & { passwordProfile?: { password?: string | null } }>(
      harness.client.api(`/users/${ALEX}`),
    );
    assert.equal(typeof user.lastPasswordChangeDateTime, 'string');
    assert.equal(user.passwordProfile?.password, null);
    assert.equal(JSON.stringify(user).includes('N3w-S3cret!'), false);
  });

  it('accountEnabled of the wrong type is 400', async () => {
    await expectGraphError(
      harness.client.api(`/users/${ALEX}`).patch({ accountEnabled: 'no' }),
      400,
      /accountEnabled/,
    );
  });

  it('addPassword returns the secret once', async () => {
    const created = await postObject<CreatedPassword>(
      harness.client.api(`/applications/${APP}/addPassword`),
      { passwordCredential: { displayName: 'rotated' } },
    );
    assert.equal(typeof created.secretText, 'string');
    assert.ok(created.secretText.length >= 30);
    assert.match(created.keyId, /^[0-9a-f-]{36}$/);
    const app = await getObject<AppCredentials>(harness.client.api(`/applications/${APP}`));
    const stored = app.passwordCredentials.find((item) => item.keyId === created.keyId);
    assert.equal(stored?.displayName, 'rotated');
    assert.equal(stored?.secretText, null);
  });

  it('addPassword on a service principal lands there', async () => {
    const created = await postObject<CreatedPassword>(
      harness.client.api(`/servicePrincipals/${SP}/addPassword`),
      {},
    );
    const sp = await getObject<AppCredentials>(harness.client.api(`/servicePrincipals/${SP}`));
    assert.equal(sp.passwordCredentials[0].keyId, created.keyId);
  });

  it('removePassword deletes the key', async () => {
    await harness.client.api(`/applications/${APP}/removePassword`).post({ keyId: OLD_KEY });
    const app = await getObject<AppCredentials>(harness.client.api(`/applications/${APP}`));
    assert.equal(app.passwordCredentials.length, 0);
  });

  it('removePassword without keyId is 400', async () => {
    await expectGraphError(
      harness.client.api(`/applications/${APP}/removePassword`).post({}),
      400,
      /keyId/,
    );
  });

  it('removePassword of an absent key is 400', async () => {
    await expectGraphError(
      harness.client.api(`/applications/${APP}/removePassword`).post({ keyId: CERT_KEY }),
      400,
      new RegExp(CERT_KEY),
    );
  });

  it('removeKey with any proof deletes the certificate', async () => {
    await harness.client
      .api(`/applications/${APP}/removeKey`)
      .post({ keyId: CERT_KEY, proof: 'jwt' });
    const app = await getObject<AppCredentials>(harness.client.api(`/applications/${APP}`));
    assert.equal(app.keyCredentials.length, 0);
  });

  it('owned objects show credential changes', async () => {
    await harness.client.api(`/applications/${APP}/removePassword`).post({ keyId: OLD_KEY });
    const owned = await getPage<JsonObject & AppCredentials>(
      harness.client.api(`/users/${ALEX}/ownedObjects`),
    );
    assert.equal(owned.value[0]['@odata.type'], '#microsoft.graph.application');
    assert.equal(owned.value[0].passwordCredentials.length, 0);
  });

  it('user grant deleted at the root path', async () => {
    await harness.client.api(`/oauth2PermissionGrants/${USER_GRANT}`).delete();
    const grants = await getPage(harness.client.api('/oauth2PermissionGrants'));
    assert.deepEqual(
      grants.value.map((grant) => grant.id),
      [TENANT_GRANT],
    );
  });

  it('user-scoped grant delete is 400', async () => {
    await expectGraphError(
      harness.client.api(`/users/${ALEX}/oauth2PermissionGrants/${USER_GRANT}`).delete(),
      400,
      /Write requests are only supported on contained entities/,
    );
    const grants = await getPage(harness.client.api(`/users/${ALEX}/oauth2PermissionGrants`));
    assert.equal(grants.value.length, 1);
  });

  it('federated credential deleted by id', async () => {
    await harness.client.api(`/applications/${APP}/federatedIdentityCredentials/fic-1`).delete();
    const remaining = await getPage(
      harness.client.api(`/applications/${APP}/federatedIdentityCredentials`),
    );
    assert.equal(remaining.value.length, 0);
  });

  it('app role assignment deleted from both sides', async () => {
    const assigned = await getPage(
      harness.client.api(`/servicePrincipals/${SP}/appRoleAssignedTo`),
    );
    assert.equal(assigned.value.length, 1);
    await harness.client.api(`/servicePrincipals/${SP}/appRoleAssignedTo/assignment-1`).delete();
    const mine = await getPage(harness.client.api(`/users/${ALEX}/appRoleAssignments`));
    assert.equal(mine.value.length, 0);
    const after = await getPage(harness.client.api(`/servicePrincipals/${SP}/appRoleAssignedTo`));
    assert.equal(after.value.length, 0);
  });

  it('inbox rule deleted', async () => {
    await harness.client.api(`/users/${ALEX}/mailFolders/inbox/messageRules/rule-dot`).delete();
    const rules = await getPage(
      harness.client.api(`/users/${ALEX}/mailFolders/inbox/messageRules`),
    );
    assert.equal(rules.value.length, 0);
  });

  it('password method delete is 400', async () => {
    await expectGraphError(
      harness.client.api(`/users/${ALEX}/authentication/passwordMethods/pw-1`).delete(),
      400,
      /password/,
    );
  });

  it('default method delete is 400 while others remain', async () => {
    await expectGraphError(
      harness.client.api(`/users/${ALEX}/authentication/phoneMethods/phone-1`).delete(),
      400,
      /default/,
    );
  });

  it('default method deleted last succeeds', async () => {
    const base = `/users/${ALEX}/authentication`;
    await harness.client.api(`${base}/microsoftAuthenticatorMethods/auth-1`).delete();
    await harness.client.api(`${base}/phoneMethods/phone-1`).delete();
    const methods = await getPage(harness.client.api(`${base}/methods`));
    assert.deepEqual(
      methods.value.map((method) => method.id),
      ['pw-1'],
    );
  });

  it('typed method collection lists its type only', async () => {
    const phones = await getPage(harness.client.api(`/users/${ALEX}/authentication/phoneMethods`));
    assert.deepEqual(
      phones.value.map((method) => method.id),
      ['phone-1'],
    );
  });

  it('method delete through the wrong type is 404', async () => {
    await expectGraphError(
      harness.client.api(`/users/${ALEX}/authentication/fido2Methods/auth-1`).delete(),
      404,
      /auth-1/,
    );
  });

  it('service principal disabled reads back', async () => {
    await harness.client.api(`/servicePrincipals/${SP}`).patch({ accountEnabled: false });
    const sp = await getObject(harness.client.api(`/servicePrincipals/${SP}`));
    assert.equal(sp.accountEnabled, false);
  });

  it('confirmCompromised marks the user high risk', async () => {
    await harness.client
      .api('/identityProtection/riskyUsers/confirmCompromised')
      .post({ userIds: [ALEX] });
    const risky = await getObject(harness.client.api(`/identityProtection/riskyUsers/${ALEX}`));
    assert.equal(risky.riskState, 'confirmedCompromised');
    assert.equal(risky.riskLevel, 'high');
  });

  it('confirmCompromised creates a record for a new user', async () => {
    await harness.client
      .api('/identityProtection/riskyUsers/confirmCompromised')
      .post({ userIds: [JORDAN] });
    const risky = await getObject(harness.client.api(`/identityProtection/riskyUsers/${JORDAN}`));
    assert.equal(risky.riskState, 'confirmedCompromised');
    assert.equal(risky.userPrincipalName, 'jordan.patel@contoso.com');
  });

  it('write to a read-only path is 405', async () => {
    await expectGraphError(harness.client.api('/auditLogs/signIns').post({}), 405, /not allowed/);
  });

  it('write on a missing application is 404', async () => {
    await expectGraphError(
      harness.client.api('/applications/a0000000-0000-4000-8000-00000000ffff/addPassword').post({}),
      404,
      /does not exist/,
    );
  });

  it('every write is recorded once', async () => {
    await harness.client.api(`/users/${ALEX}`).patch({ accountEnabled: false });
    const patches = harness.emulator.requests.filter((entry) => entry.method === 'PATCH');
    assert.equal(patches.length, 1);
    assert.equal(patches[0].status, 204);
  });
});
