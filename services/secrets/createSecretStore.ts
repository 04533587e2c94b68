import { DefaultAzureCredential, type TokenCredential } from '@azure/identity';
import { FileSecretStore } from './fileSecretStore';
import { KeyVaultSecretStore } from './keyVaultSecretStore';
import type { SecretStore } from './secretStore';

export interface SecretStoreSettings {
  dataDir: string;
  /** FIREBREAK_KEY_VAULT_URL, e.g. https://contoso-ir.vault.azure.net */
  keyVaultUrl?: string;
  /** Identity that writes to Key Vault; the managed identity when not given. */
  credential?: TokenCredential;
}

/** Builds the configured store: Key Vault when its URL is set, else files under the data dir. */
export function createSecretStore(settings: SecretStoreSettings): SecretStore {
  if (settings.keyVaultUrl) {
    return KeyVaultSecretStore.connect(
      settings.keyVaultUrl,
      settings.credential ?? new DefaultAzureCredential(),
    );
  }
  return new FileSecretStore(settings.dataDir);
}
