import assert from 'node:assert/strict';
import type { Outcome } from '../../../services/approvals/outcome';
import { ACTORS, IDS, readGraph, startFlow, type Flow } from '../approvals/harness';

interface Credentials {
  passwordCredentials?: { keyId: string }[];
  keyCredentials?: { keyId: string }[];
}

/** Requests as Riley, approves as Casey, and returns the finished outcome. */
async function run(flow: Flow, actionId: string): Promise<Outcome> {
  const requested = await flow.service.request(ACTORS.riley, actionId, `corr-${actionId}`);
  assert.ok(requested.ok, requested.ok ? '' : requested.message);
  return flow.service.approve(ACTORS.casey, requested.request.id, `corr-${actionId}`);
}

function succeeded(outcome: Outcome): void {
  assert.ok(outcome.ok, outcome.ok ? '' : `${outcome.code}: ${outcome.message}`);
  assert.equal(outcome.request.status, 'succeeded');
  assert.equal(outcome.request.verified, true, outcome.request.result);
}

function keyIds(body: Credentials | undefined): string[] {
  return [...(body?.passwordCredentials ?? []), ...(body?.keyCredentials ?? [])].map(
    (c) => c.keyId,
  );
}

describe('remediation actions on the emulator', () => {
  let flow: Flow;

  beforeEach(async () => {
    flow = await startFlow();
  });

  afterEach(async () => {
    await flow.close();
  });

  it('revoke-sessions moves valid-from forward', async () => {
    succeeded(await run(flow, 'revoke-sessions'));
    const user = await readGraph<{ signInSessionsValidFromDateTime: string }>(
      flow,
      `users/${IDS.alex}`,
    );
    assert.ok(
      Date.parse(user.body?.signInSessionsValidFromDateTime ?? '') >
        Date.parse('2026-11-01T00:00:00Z'),
    );
    assert.deepEqual(flow.writes(), [
      { method: 'POST', path: `users/${IDS.alex}/revokeSignInSessions` },
    ]);
  });

  it('disable-user leaves the account disabled', async () => {
    succeeded(await run(flow, 'disable-user'));
    const user = await readGraph<{ accountEnabled: boolean }>(flow, `users/${IDS.alex}`);
    assert.equal(user.body?.accountEnabled, false);
  });

  it('reset-password changes the password and forces a change', async () => {
    const outcome = await run(flow, 'reset-password');
    succeeded(outcome);
    const user = await readGraph<{
      lastPasswordChangeDateTime: string;
      passwordProfile: { forceChangePasswordNextSignIn: boolean };
    }>(flow, `users/${IDS.alex}`);
    assert.ok(
      Date.parse(user.body?.lastPasswordChangeDateTime ?? '') > Date.parse('2026-01-01T00:00:00Z'),
    );
    assert.equal(user.body?.passwordProfile.forceChangePasswordNextSignIn, true);
    assert.match(
      outcome.ok ? (outcome.request.result ?? '') : '',
      /secret store at file:.*password-/,
    );
  });

  it('confirm-compromised sets the risk state', async () => {
    succeeded(await run(flow, 'confirm-compromised'));
    const risky = await readGraph<{ riskState: string }>(
      flow,
      `identityProtection/riskyUsers/${IDS.alex}`,
    );
    assert.equal(risky.body?.riskState, 'confirmedCompromised');
  });

  it('remove-credential removes the secret', async () => {
    succeeded(await run(flow, 'remove-credential'));
    const app = await readGraph<Credentials>(flow, `applications/${IDS.app}`);
    assert.ok(!keyIds(app.body).includes(IDS.oldSecret));
    assert.ok(keyIds(app.body).includes(IDS.certificate));
  });

  it('remove-credential removes a certificate with removeKey', async () => {
    succeeded(await run(flow, 'remove-certificate'));
    const app = await readGraph<Credentials>(flow, `applications/${IDS.app}`);
    assert.ok(!keyIds(app.body).includes(IDS.certificate));
    assert.deepEqual(flow.writes(), [
      { method: 'POST', path: `applications/${IDS.app}/removeKey` },
    ]);
  });

  it('rotate-credential replaces the secret and reports the new key id', async () => {
    const outcome = await run(flow, 'rotate-credential');
    succeeded(outcome);
    const app = await readGraph<Credentials>(flow, `applications/${IDS.app}`);
    const ids = keyIds(app.body);
    assert.ok(!ids.includes(IDS.oldSecret));
    const added = ids.filter((id) => id !== IDS.certificate);
    assert.equal(added.length, 1);
    assert.match(
      outcome.ok ? (outcome.request.result ?? '') : '',
      new RegExp(`new key id ${added[0]}`),
    );
    assert.deepEqual(
      flow.writes().map((w) => w.path),
      [`applications/${IDS.app}/addPassword`, `applications/${IDS.app}/removePassword`],
    );
  });

  it('rotate-credential works on a service principal secret', async () => {
    succeeded(await run(flow, 'rotate-sp-credential'));
    const principal = await readGraph<Credentials>(flow, `servicePrincipals/${IDS.clientSp}`);
    assert.ok(!keyIds(principal.body).includes(IDS.spSecret));
    assert.equal(keyIds(principal.body).length, 1);
  });

  it('remove-consent deletes only the user grant at the tenant root', async () => {
    succeeded(await run(flow, 'remove-consent'));
    assert.deepEqual(flow.writes(), [
      { method: 'DELETE', path: `oauth2PermissionGrants/${IDS.userGrant}` },
    ]);
    assert.equal((await readGraph(flow, `oauth2PermissionGrants/${IDS.userGrant}`)).status, 404);
    assert.equal((await readGraph(flow, `oauth2PermissionGrants/${IDS.tenantGrant}`)).status, 200);
  });

  it('remove-federated-credential deletes the credential', async () => {
    succeeded(await run(flow, 'remove-federated-credential'));
    const path = `applications/${IDS.app}/federatedIdentityCredentials/${IDS.federated}`;
    assert.equal((await readGraph(flow, path)).status, 404);
  });

  it('remove-app-role-assignment deletes the assignment', async () => {
    succeeded(await run(flow, 'remove-app-role-assignment'));
    const path = `servicePrincipals/${IDS.resourceSp}/appRoleAssignedTo/${IDS.assignment}`;
    assert.deepEqual(flow.writes(), [{ method: 'DELETE', path }]);
    assert.equal((await readGraph(flow, path)).status, 404);
    const mine = await readGraph<{ value: unknown[] }>(
      flow,
      `users/${IDS.alex}/appRoleAssignments`,
    );
    assert.equal(mine.body?.value.length, 0);
  });

  it('delete-inbox-rule deletes the rule', async () => {
    succeeded(await run(flow, 'delete-inbox-rule'));
    const path = `users/${IDS.alex}/mailFolders/inbox/messageRules/${IDS.rule}`;
    assert.equal((await readGraph(flow, path)).status, 404);
  });

  it('remove-auth-method deletes on the typed path', async () => {
    succeeded(await run(flow, 'remove-auth-method'));
    assert.deepEqual(flow.writes(), [
      { method: 'DELETE', path: `users/${IDS.alex}/authentication/phoneMethods/${IDS.phone}` },
    ]);
    assert.equal(
      (await readGraph(flow, `users/${IDS.alex}/authentication/methods/${IDS.phone}`)).status,
      404,
    );
  });

  it('disable-service-principal leaves it disabled', async () => {
    succeeded(await run(flow, 'disable-service-principal'));
    const principal = await readGraph<{ accountEnabled: boolean }>(
      flow,
      `servicePrincipals/${IDS.clientSp}`,
    );
    assert.equal(principal.body?.accountEnabled, false);
  });
});
