import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSecretStore } from '../../../services/secrets/createSecretStore';
import { KeyVaultSecretStore } from '../../../services/secrets/keyVaultSecretStore';
import { FileSecretStore } from '../../../services/secrets/fileSecretStore';
import { PASSWORD_LENGTH, generatePassword } from '../../../services/secrets/password';

describe('file secret store', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'firebreak-secrets-'));
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('secret is written alone to a 0600 file', async () => {
    const store = new FileSecretStore(dataDir);
    const stored = await store.put('secret-1', 'value-1', { keyId: 'k1' });
    const file = path.join(dataDir, 'secrets', 'secret-1');
    assert.equal(stored.reference, `file:${file}`);
    assert.equal(readFileSync(file, 'utf8'), 'value-1');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(path.join(dataDir, 'secrets')).mode & 0o777, 0o700);
  });

  it('tags are kept beside the secret', async () => {
    await new FileSecretStore(dataDir).put('secret-1', 'value-1', { keyId: 'k1' });
    const tags = JSON.parse(
      readFileSync(path.join(dataDir, 'secrets', 'secret-1.tags.json'), 'utf8'),
    ) as { tags: unknown };
    assert.deepEqual(tags.tags, { keyId: 'k1' });
  });

  it('existing secret is never overwritten', async () => {
    const store = new FileSecretStore(dataDir);
    await store.put('secret-1', 'first', {});
    await assert.rejects(store.put('secret-1', 'second', {}), /already exists/);
    assert.equal(readFileSync(path.join(dataDir, 'secrets', 'secret-1'), 'utf8'), 'first');
  });

  it('name that could leave the directory is rejected', async () => {
    await assert.rejects(new FileSecretStore(dataDir).put('../escape', 'x', {}), /invalid/);
  });

  it('key vault url selects the Key Vault store', () => {
    const store = createSecretStore({ dataDir, keyVaultUrl: 'https://contoso-ir.vault.azure.net' });
    assert.ok(store instanceof KeyVaultSecretStore);
  });

  it('without a key vault url files are used', () => {
    assert.ok(createSecretStore({ dataDir }) instanceof FileSecretStore);
  });
});

describe('generated password', () => {
  it('has the length and all four character classes', () => {
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      assert.equal(password.length, PASSWORD_LENGTH);
      assert.match(password, /[A-Z]/);
      assert.match(password, /[a-z]/);
      assert.match(password, /[0-9]/);
      assert.match(password, /[^A-Za-z0-9]/);
    }
  });

  it('does not repeat', () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generatePassword()));
    assert.equal(seen.size, 1000);
  });

  it('too short a length is rejected', () => {
    assert.throws(() => generatePassword(3), /too short/);
  });
});
