import assert from 'node:assert/strict';
import { GraphError, RetryHandlerOptions } from '@microsoft/microsoft-graph-client';
import { ReportBudget } from '../../emulator/budget';
import { GraphHttpError } from '../../emulator/errors';
import {
  ALEX,
  baseTenant,
  getPage,
  postBatch,
  signIns,
  startHarness,
  type Harness,
} from './helpers';

const NO_RETRY = [new RetryHandlerOptions(0, 0)];

function tenant() {
  return {
    ...baseTenant(),
    'auditLogs/signIns': signIns(3),
    [`users/${ALEX}/authentication/methods`]: [
      { '@odata.type': '#microsoft.graph.passwordAuthenticationMethod', id: 'pw' },
    ],
  };
}

describe('emulator reports budget', () => {
  let harness: Harness;

  afterEach(async () => {
    await harness.close();
  });

  it('sixth report read inside 10 s is 429', async () => {
    harness = await startHarness({ tenant: tenant() });
    for (let index = 0; index < 5; index += 1) {
      await harness.client.api('/auditLogs/signIns').middlewareOptions(NO_RETRY).get();
    }
    await assert.rejects(
      harness.client.api('/auditLogs/directoryAudits').middlewareOptions(NO_RETRY).get(),
      (error: unknown) => {
        assert.ok(error instanceof GraphError);
        assert.equal(error.statusCode, 429);
        assert.equal(error.code, 'TooManyRequests');
        const retryAfter = Number(error.headers?.get('Retry-After'));
        assert.ok(retryAfter > 0, `Retry-After ${retryAfter}`);
        assert.ok(retryAfter <= 10, `Retry-After ${retryAfter}`);
        return true;
      },
    );
  });

  it('directory reads do not use the budget', async () => {
    harness = await startHarness({ tenant: tenant() });
    for (let index = 0; index < 8; index += 1) {
      await harness.client.api('/users').middlewareOptions(NO_RETRY).get();
    }
    const signInsPage = await getPage(
      harness.client.api('/auditLogs/signIns').middlewareOptions(NO_RETRY),
    );
    assert.equal(signInsPage.value.length, 3);
  });

  it('each batch item counts against the budget', async () => {
    harness = await startHarness({ tenant: tenant() });
    const requests = Array.from({ length: 6 }, (_, index) => ({
      id: String(index),
      method: 'GET',
      url: `/users/${ALEX}/authentication/methods`,
    }));
    const responses = await postBatch(harness.client, requests);
    const statuses = responses.map((item) => item.status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
  });

  it('budget off serves every request', async () => {
    harness = await startHarness({ tenant: tenant(), reportBudget: false });
    for (let index = 0; index < 7; index += 1) {
      await harness.client.api('/auditLogs/signIns').middlewareOptions(NO_RETRY).get();
    }
    assert.ok(harness.emulator.requests.every((entry) => entry.status === 200));
  });
});

describe('emulator reports budget window', () => {
  it('slot frees when the oldest leaves the window', () => {
    let now = 0;
    const budget = new ReportBudget(5, 10_000, () => now);
    for (let index = 0; index < 5; index += 1) {
      budget.take();
      now += 1000;
    }
    assert.throws(
      () => budget.take(),
      (error: unknown) => error instanceof GraphHttpError && error.headers['Retry-After'] === '5',
    );
    now = 10_000;
    assert.doesNotThrow(() => budget.take());
  });

  it('Retry-After keeps fractions of a second', () => {
    let now = 0;
    const budget = new ReportBudget(1, 10_000, () => now);
    budget.take();
    now = 9_750;
    assert.throws(
      () => budget.take(),
      (error: unknown) =>
        error instanceof GraphHttpError && error.headers['Retry-After'] === '0.25',
    );
  });
});
