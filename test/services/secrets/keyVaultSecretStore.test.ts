/**
 * Key Vault has no local counterpart that the SDK's SecretClient can reach offline (it needs
 * Entra ID challenge authentication over TLS to *.vault.azure.net), so these tests hand the
 * store an in-memory stand-in for the two SecretClient calls it makes.
 */
import assert from 'node:assert/strict';
import type { KeyVaultSecret, SecretProperties } from '@azure/keyvault-secrets';
import {
  KeyVaultSecretStore,
  type SecretVault,
} from '../../../services/secrets/keyVaultSecretStore';

const VAULT_URL = 'https://contoso-ir.vault.azure.net';

class StandInVault implements SecretVault {
  readonly secrets = new Map<string, { value: string; tags?: Record<string, string> }>();

  getSecret(name: string): Promise<KeyVaultSecret> {
    const stored = this.secrets.get(name);
    if (!stored)
      return Promise.reject(Object.assign(new Error('SecretNotFound'), { statusCode: 404 }));
    return Promise.resolve(this.secret(name, stored.value));
  }

  setSecret(
    name: string,
    value: string,
    options?: { tags?: Record<string, string> },
  ): Promise<KeyVaultSecret> {
    this.secrets.set(name, { value, tags: options?.tags });
    return Promise.resolve(this.secret(name, value));
  }

  private secret(name: string, value: string): KeyVaultSecret {
    const properties = {
      id: `${VAULT_URL}/secrets/${name}/v1`,
      name,
      vaultUrl: VAULT_URL,
    } as SecretProperties;
    return { name, value, properties };
  }
}

describe('KeyVaultSecretStore', () => {
  it('stores value and tags, returns the secret id', async () => {
    const vault = new StandInVault();
    const store = new KeyVaultSecretStore(vault, VAULT_URL);

    const { reference } = await store.put('reset-alex-1', 'S3cret!', { requestId: 'req-1' });

    assert.equal(reference, `${VAULT_URL}/secrets/reset-alex-1/v1`);
    assert.equal(vault.secrets.get('reset-alex-1')?.value, 'S3cret!');
    assert.deepEqual(vault.secrets.get('reset-alex-1')?.tags, { requestId: 'req-1' });
  });

  it('existing name is rejected, not versioned', async () => {
    const vault = new StandInVault();
    const store = new KeyVaultSecretStore(vault, VAULT_URL);
    await store.put('rotate-app-1', 'first', {});

    await assert.rejects(store.put('rotate-app-1', 'second', {}), /already exists/);
    assert.equal(vault.secrets.get('rotate-app-1')?.value, 'first');
  });

  it('reference never contains the value', async () => {
    const store = new KeyVaultSecretStore(new StandInVault(), VAULT_URL);
    const { reference } = await store.put('rotate-app-2', 'do-not-leak-me', {});
    assert.doesNotMatch(reference, /do-not-leak-me/);
  });

  it('invalid name is rejected before the vault is called', async () => {
    const vault = new StandInVault();
    await assert.rejects(
      new KeyVaultSecretStore(vault, VAULT_URL).put('bad/name', 'x', {}),
      /invalid/,
    );
    assert.equal(vault.secrets.size, 0);
  });

  it('vault failure other than 404 propagates', async () => {
    const vault = new StandInVault();
    vault.getSecret = () =>
      Promise.reject(Object.assign(new Error('Forbidden'), { statusCode: 403 }));
    await assert.rejects(
      new KeyVaultSecretStore(vault, VAULT_URL).put('x-1', 'v', {}),
      /Forbidden/,
    );
    assert.equal(vault.secrets.size, 0);
  });
});
