import assert from 'node:assert/strict';
import { ALEX, baseTenant, signIns } from '../../emulator/helpers';
import { withQuery } from '../../../services/graph/odata';
import { GraphWriter } from '../../../services/graph/writer';
import { parseRetryAfter, type RetryPolicy } from '../../../services/graph/transport';
import type { FaultPlan } from '../../../emulator';
import { startTestTenant, type TestTenant } from './support';

const SIGN_INS = withQuery('auditLogs/signIns', { $top: 1000 });
const FAST_RETRY: Partial<RetryPolicy> = {
  baseDelayMs: 20,
  maxDelayMs: 2_000,
  attemptTimeoutMs: 2_000,
};

function tenantWith(faults: FaultPlan, retry = FAST_RETRY): Promise<TestTenant> {
  return startTestTenant(
    { tenant: { ...baseTenant(), 'auditLogs/signIns': signIns(2500) }, faults, rebase: false },
    { retry },
  );
}

function served(tenant: TestTenant, page: number) {
  return tenant.emulator.requests.filter((r) => r.path === 'auditLogs/signIns' && r.page === page);
}

describe('Graph transport retries', function () {
  this.timeout(30_000);
  let tenant: TestTenant | undefined;
  afterEach(async () => {
    await tenant?.close();
    tenant = undefined;
  });

  it('page 3 throttled is retried after its decimal Retry-After', async () => {
    tenant = await tenantWith({
      rules: [{ path: 'auditLogs/signIns', page: 3, status: 429, retryAfter: '0.249', times: 1 }],
    });
    const started = Date.now();
    const result = await tenant.reader.getAll(SIGN_INS);
    const elapsed = Date.now() - started;

    assert.ok(result.ok, result.ok ? '' : result.failure.message);
    assert.equal(result.value.items.length, 2500);
    assert.equal(result.value.truncatedAt, undefined);
    assert.deepEqual(
      served(tenant, 3).map((r) => r.status),
      [429, 200],
    );
    const retry = tenant.logs.find((line) => line.msg === 'graph retry');
    assert.equal(retry?.status, 429);
    // 249 ms from Retry-After plus at most 100 ms of jitter; an integer parse would give 0.
    assert.ok((retry?.delay ?? 0) >= 249, `delay ${retry?.delay}`);
    assert.ok((retry?.delay ?? 0) < 350, `delay ${retry?.delay}`);
    assert.ok(elapsed >= 249, `elapsed ${elapsed} ms`);
  });

  it('503 twice then success returns the page', async () => {
    tenant = await tenantWith({ rules: [{ path: 'auditLogs/signIns', status: 503, times: 2 }] });
    const result = await tenant.reader.getAll(SIGN_INS);
    assert.ok(result.ok);
    assert.equal(result.value.items.length, 2500);
    assert.deepEqual(
      served(tenant, 1).map((r) => r.status),
      [503, 503, 200],
    );
  });

  it('504 is retried', async () => {
    tenant = await tenantWith({ rules: [{ path: 'auditLogs/signIns', status: 504, times: 1 }] });
    const result = await tenant.reader.getAll(SIGN_INS);
    assert.ok(result.ok);
    assert.deepEqual(
      served(tenant, 1).map((r) => r.status),
      [504, 200],
    );
  });

  it('hung request times out and is retried', async () => {
    tenant = await tenantWith(
      { rules: [{ path: 'auditLogs/signIns', page: 2, hang: true, times: 1 }] },
      { ...FAST_RETRY, attemptTimeoutMs: 300 },
    );
    const started = Date.now();
    const result = await tenant.reader.getAll(SIGN_INS);
    assert.ok(result.ok, result.ok ? '' : result.failure.message);
    assert.equal(result.value.items.length, 2500);
    assert.deepEqual(
      served(tenant, 2).map((r) => r.status),
      [0, 200],
    );
    assert.ok(Date.now() - started >= 300);
  });

  it('hang on every attempt fails as a timeout', async () => {
    tenant = await tenantWith(
      { rules: [{ path: 'auditLogs/signIns', hang: true }] },
      { ...FAST_RETRY, attemptTimeoutMs: 200, maxAttempts: 2 },
    );
    const result = await tenant.reader.getAll(SIGN_INS);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.failure.code, 'timeout');
    assert.equal(result.failure.timedOut, true);
    assert.match(result.failure.message, /no answer within 200 ms/);
  });

  it('retries stop at the attempt cap with the last 429', async () => {
    tenant = await tenantWith(
      { rules: [{ path: 'auditLogs/signIns', status: 429, retryAfter: '0.01' }] },
      { ...FAST_RETRY, maxAttempts: 3 },
    );
    const result = await tenant.reader.getAll(SIGN_INS);
    assert.ok(!result.ok);
    assert.equal(result.failure.status, 429);
    assert.equal(served(tenant, 1).length, 3);
  });

  it('addPassword answered 503 is not repeated', async () => {
    tenant = await tenantWith({ rules: [{ path: 'applications/*/addPassword', status: 503 }] });
    const writer = new GraphWriter(tenant.connection.client);
    const result = await writer.post('applications/app-1/addPassword', { passwordCredential: {} });
    assert.ok(!result.ok);
    assert.equal(result.failure.status, 503);
    const calls = tenant.emulator.requests.filter((r) => r.path.endsWith('/addPassword'));
    assert.equal(calls.length, 1);
  });

  it('revokeSignInSessions answered 503 is repeated', async () => {
    tenant = await tenantWith({
      rules: [{ path: 'users/*/revokeSignInSessions', status: 503, times: 1 }],
    });
    const writer = new GraphWriter(tenant.connection.client);
    await writer.post(`users/${ALEX}/revokeSignInSessions`, {});
    const calls = tenant.emulator.requests.filter((r) => r.path.endsWith('/revokeSignInSessions'));
    assert.equal(calls.length, 2);
    assert.equal(calls[0].status, 503);
  });
});

describe('parseRetryAfter', () => {
  it('reads decimal seconds', () => {
    assert.equal(parseRetryAfter('0.249'), 249);
  });

  it('reads whole seconds', () => {
    assert.equal(parseRetryAfter('2'), 2000);
  });

  it('reads an HTTP date', () => {
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    const ms = parseRetryAfter(inTwoSeconds) ?? -1;
    assert.ok(ms > 0, String(ms));
    assert.ok(ms <= 2000, String(ms));
  });

  it('ignores an invalid value', () => {
    assert.equal(parseRetryAfter('soon'), undefined);
  });

  it('ignores a missing value', () => {
    assert.equal(parseRetryAfter(null), undefined);
  });
});
