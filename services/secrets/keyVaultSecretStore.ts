/**
 * Secrets in Azure Key Vault, for deployments that set FIREBREAK_KEY_VAULT_URL. The app's
 * identity needs the Key Vault Secrets Officer role (set/get) on the vault.
 */
import type { TokenCredential } from '@azure/identity';
import { SecretClient } from '@azure/keyvault-secrets';
import { assertSecretName, type SecretStore } from './secretStore';

/** The two SecretClient calls the store uses, so tests can pass a stand-in vault. */
export type SecretVault = Pick<SecretClient, 'getSecret' | 'setSecret'>;

export class KeyVaultSecretStore implements SecretStore {
  constructor(
    private readonly vault: SecretVault,
    private readonly vaultUrl: string,
  ) {}

  static connect(vaultUrl: string, credential: TokenCredential): KeyVaultSecretStore {
    return new KeyVaultSecretStore(new SecretClient(vaultUrl, credential), vaultUrl);
  }

  async put(
    name: string,
    value: string,
    tags: Record<string, string>,
  ): Promise<{ reference: string }> {
    assertSecretName(name);
    // setSecret on an existing name adds a version that hides the stored secret. The store never
    // replaces a secret, so an existing name is rejected.
    if (await this.exists(name)) {
      throw new Error(`secret ${name} already exists in ${this.vaultUrl}; use a new name`);
    }
    const stored = await this.vault.setSecret(name, value, { tags, contentType: 'text/plain' });
    return { reference: stored.properties.id ?? `${this.vaultUrl}/secrets/${name}` };
  }

  private async exists(name: string): Promise<boolean> {
    try {
      await this.vault.getSecret(name);
      return true;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return false;
      throw error;
    }
  }
}
