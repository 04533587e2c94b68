import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GraphError,
  PageIterator,
  RetryHandlerOptions,
  type PageCollection,
} from '@microsoft/microsoft-graph-client';
import { request } from 'undici';
import { FAULT_EXAMPLES, loadFaultPlan, validateFaultPlan } from '../../emulator';
import type { FaultPlan } from '../../emulator/types';
import {
  ALEX,
  baseTenant,
  getObject,
  getPage,
  nextLinkOf,
  postBatch,
  signIns,
  startHarness,
  type Harness,
} from './helpers';

const NO_RETRY = [new RetryHandlerOptions(0, 0)];

async function withHarness(
  faults: FaultPlan,
  run: (harness: Harness) => Promise<void>,
): Promise<void> {
  const harness = await startHarness({
    faults,
    reportBudget: false,
    tenant: {
      ...baseTenant(),
      'auditLogs/signIns': signIns(50),
      'auditLogs/directoryAudits': [{ id: 'audit-1', activityDateTime: '2026-12-02T09:00:00Z' }],
      [`users/${ALEX}/mailFolders/inbox/messageRules`]: [{ id: 'rule-1' }],
    },
  });
  try {
    await run(harness);
  } finally {
    await harness.close();
  }
}

async function failure(promise: Promise<unknown>): Promise<GraphError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof GraphError) return error;
    throw error;
  }
  assert.fail('expected a GraphError');
}

describe('emulator fault plan', () => {
  it('page 3 throttled with decimal Retry-After', async () => {
    await withHarness(FAULT_EXAMPLES.signInsPage3Throttled, async (harness) => {
      const first = await getPage(harness.client.api('/auditLogs/signIns').top(10));
      const second = await getPage(harness.client.api(nextLinkOf(first)));
      const error = await failure(
        harness.client.api(nextLinkOf(second)).middlewareOptions(NO_RETRY).get(),
      );
      assert.equal(error.statusCode, 429);
      assert.equal(error.code, 'TooManyRequests');
      assert.equal(error.headers?.get('Retry-After'), '0.249');
    });
  });

  it('page 3 throttled is retried by the client', async () => {
    await withHarness(FAULT_EXAMPLES.signInsPage3Throttled, async (harness) => {
      const first: PageCollection = await getPage(harness.client.api('/auditLogs/signIns').top(10));
      const ids: string[] = [];
      const started = Date.now();
      await new PageIterator(harness.client, first, (item: { id: string }) => {
        ids.push(item.id);
        return true;
      }).iterate();
      assert.equal(ids.length, 50);
      assert.ok(Date.now() - started >= 240, 'the client waited for Retry-After');
      const pages = harness.emulator.requests.map((entry) => `${entry.page}:${entry.status}`);
      assert.deepEqual(pages, ['1:200', '2:200', '3:429', '3:200', '4:200', '5:200']);
    });
  });

  it('503 fires twice then serves', async () => {
    await withHarness(FAULT_EXAMPLES.messageRulesUnavailable, async (harness) => {
      const path = `/users/alex.doe@contoso.com/mailFolders/inbox/messageRules`;
      const first = await failure(harness.client.api(path).middlewareOptions(NO_RETRY).get());
      const second = await failure(harness.client.api(path).middlewareOptions(NO_RETRY).get());
      const third = await getPage(harness.client.api(path).middlewareOptions(NO_RETRY));
      assert.equal(first.statusCode, 503);
      assert.equal(first.code, 'ServiceUnavailable');
      assert.equal(second.statusCode, 503);
      assert.equal(third.value.length, 1);
    });
  });

  it('504 carries GatewayTimeout', async () => {
    await withHarness({ rules: [{ path: 'users', status: 504 }] }, async (harness) => {
      const error = await failure(harness.client.api('/users').middlewareOptions(NO_RETRY).get());
      assert.equal(error.statusCode, 504);
      assert.equal(error.code, 'GatewayTimeout');
    });
  });

  it('403 without premium licence on sign-ins', async () => {
    await withHarness(FAULT_EXAMPLES.signInsWithoutPremiumLicence, async (harness) => {
      const error = await failure(harness.client.api('/auditLogs/signIns').get());
      assert.equal(error.statusCode, 403);
      assert.equal(error.code, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant');
      const audits = await getPage(harness.client.api('/auditLogs/directoryAudits'));
      assert.equal(audits.value.length, 1);
    });
  });

  it('403 default code is Authorization_RequestDenied', async () => {
    await withHarness(
      { rules: [{ path: 'auditLogs/directoryAudits', status: 403 }] },
      async (harness) => {
        const error = await failure(harness.client.api('/auditLogs/directoryAudits').get());
        assert.equal(error.code, 'Authorization_RequestDenied');
      },
    );
  });

  it('retention example answers 400', async () => {
    await withHarness(FAULT_EXAMPLES.signInsBeyondRetention, async (harness) => {
      const error = await failure(harness.client.api('/auditLogs/signIns').get());
      assert.equal(error.statusCode, 400);
      assert.match(error.message, /retention/);
    });
  });

  it('hang holds the request until the client gives up', async () => {
    await withHarness(FAULT_EXAMPLES.riskDetectionsHang, async (harness) => {
      const url = `${harness.emulator.url}/v1.0/identityProtection/riskDetections`;
      const headers = { authorization: 'Bearer test' };
      await assert.rejects(
        request(url, { headers, dispatcher: harness.dispatcher, headersTimeout: 300 }),
        (error: Error) => /timeout/i.test(error.message),
      );
      assert.equal(harness.emulator.requests[0].status, 0);
      const second = await getPage(harness.client.api('/identityProtection/riskDetections'));
      assert.deepEqual(second.value, []);
    });
  });

  it('close ends a hanging request', async () => {
    const harness = await startHarness({ faults: { rules: [{ path: 'users', hang: true }] } });
    const pending = request(`${harness.emulator.url}/v1.0/users`, {
      headers: { authorization: 'Bearer test' },
      dispatcher: harness.dispatcher,
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await harness.emulator.close();
    await assert.rejects(pending);
    await harness.dispatcher.close();
  });

  it('path rule also fires inside $batch', async () => {
    await withHarness(FAULT_EXAMPLES.auditsWithoutPermission, async (harness) => {
      const responses = await postBatch(harness.client, [
        { id: 'audits', method: 'GET', url: '/auditLogs/directoryAudits' },
      ]);
      assert.equal(responses[0].status, 403);
      assert.equal(responses[0].body?.error?.code, 'Authorization_RequestDenied');
    });
  });

  it('latency delays every request', async () => {
    await withHarness({ latencyMs: 150 }, async (harness) => {
      const started = Date.now();
      await harness.client.api('/users').get();
      assert.ok(Date.now() - started >= 140);
    });
  });

  it('method narrows a rule', async () => {
    await withHarness(
      { rules: [{ path: 'users/*', method: 'PATCH', status: 503 }] },
      async (harness) => {
        const read = await getObject(harness.client.api(`/users/${ALEX}`));
        assert.equal(read.id, ALEX);
        const error = await failure(
          harness.client
            .api(`/users/${ALEX}`)
            .middlewareOptions(NO_RETRY)
            .patch({ accountEnabled: false }),
        );
        assert.equal(error.statusCode, 503);
        const after = await getObject(harness.client.api(`/users/${ALEX}`));
        assert.equal(after.accountEnabled, true, 'a faulted write changes nothing');
      },
    );
  });

  it('unknown plan field is rejected by name', () => {
    assert.throws(
      () => validateFaultPlan({ rules: [{ path: 'users', statuss: 429 }] }),
      /\/rules\/0\/statuss is not a fault plan field/,
    );
  });

  it('status of the wrong type is rejected by path', () => {
    assert.throws(
      () => validateFaultPlan({ rules: [{ path: 'users', status: '429' }] }),
      /\/rules\/0\/status/,
    );
  });

  it('rule without status or hang is rejected', () => {
    assert.throws(
      () => validateFaultPlan({ rules: [{ path: 'users' }] }),
      /needs a status or "hang"/,
    );
  });

  it('item rule outside $batch is rejected', () => {
    assert.throws(
      () => validateFaultPlan({ rules: [{ path: 'users', item: 'users/*', status: 429 }] }),
      /\/rules\/0\/item/,
    );
  });

  it('latency range upside down is rejected', () => {
    assert.throws(() => validateFaultPlan({ latencyMs: [150, 50] }), /latencyMs/);
  });

  it('plan file loads and bad file names itself', () => {
    const directory = mkdtempSync(join(tmpdir(), 'fault-plan-'));
    const good = join(directory, 'good.json');
    writeFileSync(
      good,
      JSON.stringify({ latencyMs: [50, 150], rules: [{ path: '$batch', status: 429 }] }),
    );
    assert.deepEqual(loadFaultPlan(good).latencyMs, [50, 150]);
    const bad = join(directory, 'bad.json');
    writeFileSync(bad, '{"rules": [');
    assert.throws(
      () => loadFaultPlan(bad),
      new RegExp(bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
    );
  });

  it('named examples are valid plans', () => {
    for (const [name, plan] of Object.entries(FAULT_EXAMPLES)) {
      assert.doesNotThrow(() => validateFaultPlan(plan), name);
    }
  });
});
