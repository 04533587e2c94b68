import assert from 'node:assert/strict';
import { remediationAllowed, READ_ONLY_NOTE } from '../../services/approvals/readOnly';
import { loadConfig } from '../../services/config';
import { serviceUrl, storageNames } from '../../services/storage';

describe('storage and read-only settings', () => {
  it('storage defaults to SQLite', () => {
    assert.deepEqual(loadConfig({}).storage, { kind: 'sqlite', leaseSeconds: 60 });
  });

  it('azure storage takes a connection string', () => {
    const config = loadConfig({
      FIREBREAK_STORAGE: 'azure',
      AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      FIREBREAK_WORK_LEASE: '2m',
    });
    assert.deepEqual(config.storage, {
      kind: 'azure',
      connectionString: 'UseDevelopmentStorage=true',
      accountUrl: undefined,
      prefix: 'firebreak',
      leaseSeconds: 120,
    });
  });

  it('azure storage takes an account URL', () => {
    const config = loadConfig({
      FIREBREAK_STORAGE: 'azure',
      FIREBREAK_STORAGE_ACCOUNT_URL: 'https://firebreakdata.blob.core.windows.net/',
    });
    assert.equal(
      config.storage.kind === 'azure' ? config.storage.accountUrl : undefined,
      'https://firebreakdata.blob.core.windows.net',
    );
  });

  it('azure storage without an account is rejected', () => {
    assert.throws(
      () => loadConfig({ FIREBREAK_STORAGE: 'azure' }),
      /AZURE_STORAGE_CONNECTION_STRING nor FIREBREAK_STORAGE_ACCOUNT_URL/,
    );
  });

  it('unknown storage kind is rejected by name', () => {
    assert.throws(
      () => loadConfig({ FIREBREAK_STORAGE: 'cosmos' }),
      /FIREBREAK_STORAGE is invalid/,
    );
  });

  it('account URL of another service is rejected', () => {
    assert.throws(
      () => loadConfig({ FIREBREAK_STORAGE_ACCOUNT_URL: 'https://data.table.core.windows.net' }),
      /FIREBREAK_STORAGE_ACCOUNT_URL is invalid/,
    );
  });

  it('zero work lease is rejected', () => {
    assert.throws(() => loadConfig({ FIREBREAK_WORK_LEASE: '0' }), /FIREBREAK_WORK_LEASE/);
  });

  it('service URLs derive from the blob endpoint', () => {
    const blob = 'https://firebreakdata.blob.core.windows.net';
    assert.equal(serviceUrl(blob, 'table'), 'https://firebreakdata.table.core.windows.net');
    assert.equal(serviceUrl(blob, 'queue'), 'https://firebreakdata.queue.core.windows.net');
  });

  it('names follow the prefix', () => {
    assert.deepEqual(storageNames('fbprod'), {
      table: 'fbprodledger',
      queue: 'fbprod-remediation',
      container: 'fbprod-state',
    });
  });

  it('read-only defaults to off', () => {
    assert.equal(loadConfig({}).readOnly, false);
  });

  it('read-only rejects remediation with its code', () => {
    assert.equal(loadConfig({ FIREBREAK_READ_ONLY: 'true' }).readOnly, true);
    const verdict = remediationAllowed(true);
    assert.equal(verdict.ok, false);
    assert.equal(verdict.ok ? undefined : verdict.code, 'approval.read-only');
    assert.equal(verdict.ok ? undefined : verdict.message, READ_ONLY_NOTE);
    assert.deepEqual(remediationAllowed(false), { ok: true });
  });
});
