import assert from 'node:assert/strict';
import type { Outcome } from '../../../services/approvals/outcome';
import { GraphReader } from '../../../services/graph/reader';
import { GraphWriter } from '../../../services/graph/writer';
import { createLogger } from '../../../services/log';
import { runAction } from '../../../services/remediation/executors';
import { verifyWithRetries } from '../../../services/remediation/verify';
import {
  ACTIONS,
  ACTORS,
  ALEX,
  IDS,
  readGraph,
  startFlow,
  tenant,
  type Flow,
} from '../approvals/harness';

async function run(flow: Flow, actionId: string): Promise<Outcome> {
  const requested = await flow.service.request(ACTORS.riley, actionId, `corr-${actionId}`);
  assert.ok(requested.ok, requested.ok ? '' : requested.message);
  return flow.service.approve(ACTORS.casey, requested.request.id, `corr-${actionId}`);
}

describe('remediation field cases', () => {
  let flow: Flow | undefined;

  afterEach(async () => {
    await flow?.close();
    flow = undefined;
  });

  describe('default and password methods', () => {
    it('default method removal shows Graph reason while others remain', async () => {
      flow = await startFlow();
      const outcome = await run(flow, 'remove-default-method');
      assert.equal(outcome.ok ? '' : outcome.code, 'remediation.failed');
      assert.equal(outcome.ok ? '' : outcome.request?.status, 'failed');
      assert.match(
        outcome.ok ? '' : outcome.message,
        /Graph refused .*400 .*default sign-in method/,
      );
      const method = `users/${IDS.alex}/authentication/methods/${IDS.authenticator}`;
      assert.equal((await readGraph(flow, method)).status, 200);
    });

    it('default method goes once the others are removed', async () => {
      flow = await startFlow();
      const other = await run(flow, 'remove-auth-method');
      const last = await run(flow, 'remove-default-method');
      assert.equal(other.ok ? other.request.status : '', 'succeeded');
      assert.equal(last.ok ? last.request.status : '', 'succeeded');
    });

    it('password method is never requested', async () => {
      flow = await startFlow();
      const outcome = await flow.service.request(ACTORS.riley, 'remove-password-method', 'corr-1');
      assert.equal(outcome.ok ? '' : outcome.code, 'approval.action-not-allowed');
      assert.equal((await flow.ledger.listRequests({})).length, 0);
    });

    it('password method is never executed', async () => {
      flow = await startFlow();
      const log = createLogger({ level: 'silent' });
      const now = new Date().toISOString();
      const result = await runAction({
        request: {
          id: 'direct',
          actionId: 'remove-password-method',
          reportId: 'report',
          action: ACTIONS['remove-password-method'],
          subject: ALEX,
          status: 'running',
          requestedBy: ACTORS.riley,
          requestedAt: now,
          expiresAt: now,
        },
        reader: new GraphReader(flow.graph.client, log),
        writer: new GraphWriter(flow.graph.client),
        secrets: flow.secrets,
        log,
        now: () => new Date(),
        verify: { attempts: 1, firstDelayMs: 0 },
      });
      assert.equal(result.ok, false);
      assert.match(result.result, /password method/);
      assert.deepEqual(flow.writes(), []);
    });
  });

  describe('consents', () => {
    it('consent is never deleted through a user path', async () => {
      flow = await startFlow();
      await run(flow, 'remove-consent');
      const userScoped = flow.writes().filter((w) => w.path.startsWith('users/'));
      assert.deepEqual(userScoped, []);
    });

    it('user remediation keeps the tenant-wide grant', async () => {
      flow = await startFlow();
      await run(flow, 'remove-consent');
      const grants = await readGraph<{ value: { id: string; consentType: string }[] }>(
        flow,
        'oauth2PermissionGrants',
      );
      assert.deepEqual(
        grants.body?.value.map((g) => [g.id, g.consentType]),
        [[IDS.tenantGrant, 'AllPrincipals']],
      );
    });

    it('grant that turned tenant-wide is not removed as the user own', async () => {
      const snapshot = tenant();
      snapshot.oauth2PermissionGrants = [
        {
          id: IDS.userGrant,
          clientId: IDS.clientSp,
          consentType: 'AllPrincipals',
          principalId: null,
          resourceId: IDS.resourceSp,
          scope: 'Mail.Read',
        },
      ];
      flow = await startFlow({ snapshot });
      const outcome = await run(flow, 'remove-consent');
      assert.equal(outcome.ok ? '' : outcome.request?.status, 'failed');
      assert.match(outcome.ok ? '' : outcome.message, /AllPrincipals/);
      assert.deepEqual(flow.writes(), []);
    });
  });

  describe('secret rotation', () => {
    it('old key is removed even when no new secret can be made', async () => {
      // Every addPassword returns 503, which the transport must not retry.
      const faults = {
        rules: [{ path: 'applications/*/addPassword', method: 'POST', status: 503 }],
      };
      flow = await startFlow({ faults });
      const outcome = await run(flow, 'rotate-credential');
      assert.equal(outcome.ok ? '' : outcome.request?.status, 'failed');
      assert.match(outcome.ok ? '' : outcome.message, /Old secret .* removed, but no new secret/);
      const app = await readGraph<{ passwordCredentials: { keyId: string }[] }>(
        flow,
        `applications/${IDS.app}`,
      );
      assert.deepEqual(app.body?.passwordCredentials, []);
      const adds = flow.writes().filter((w) => w.path.endsWith('/addPassword'));
      assert.equal(adds.length, 1);
    });

    it('new secret text is kept only in the secret store', async () => {
      flow = await startFlow();
      await run(flow, 'rotate-credential');
      const app = await readGraph<{ passwordCredentials: { secretText: string | null }[] }>(
        flow,
        `applications/${IDS.app}`,
      );
      assert.ok(app.body?.passwordCredentials.every((c) => c.secretText === null));
      const entries = await flow.ledger.listAudit();
      assert.ok(entries.some((e) => /secret store at file:/.test(e.result)));
    });

    it('read-back is retried with doubling delays', async () => {
      let reads = 0;
      const started = Date.now();
      const check = await verifyWithRetries(
        () => {
          reads += 1;
          return Promise.resolve({ done: reads === 3, detail: `read ${reads}` });
        },
        { attempts: 5, firstDelayMs: 40 },
      );
      assert.equal(check.done, true);
      assert.equal(reads, 3);
      assert.ok(Date.now() - started >= 40 + 80 - 5);
    });

    it('read-back gives up after its attempts', async () => {
      let reads = 0;
      const check = await verifyWithRetries(
        () => {
          reads += 1;
          return Promise.resolve({ done: false, detail: 'key not present yet' });
        },
        { attempts: 3, firstDelayMs: 1 },
      );
      assert.equal(check.done, false);
      assert.equal(reads, 3);
    });
  });
});
