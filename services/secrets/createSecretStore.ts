import { FirebreakError } from '../errors';
import { FileSecretStore } from './fileSecretStore';
import type { SecretStore } from './secretStore';

export interface SecretStoreSettings {
  dataDir: string;
  /** FIREBREAK_KEY_VAULT_URL, e.g. https://contoso-ir.vault.azure.net */
  keyVaultUrl?: string;
}

/** Builds the configured store: Key Vault when its URL is set, else files under the data dir. */
export function createSecretStore(settings: SecretStoreSettings): SecretStore {
  if (settings.keyVaultUrl) {
    // TODO: FIREBREAK_KEY_VAULT_URL needs a Key Vault store built on @azure/keyvault-secrets
    // (SecretClient.setSecret with tags), which is not installed; until then setting it stops
    // start-up instead of silently keeping secrets on local disk.
    throw new FirebreakError(
      'config.invalid',
      `FIREBREAK_KEY_VAULT_URL is set (${settings.keyVaultUrl}) but this build has no Key Vault secret store`,
      'Configuration invalid: FIREBREAK_KEY_VAULT_URL is set, but this build cannot store secrets in Key Vault. Unset it to keep secrets under FIREBREAK_DATA_DIR/secrets.',
    );
  }
  return new FileSecretStore(settings.dataDir);
}
