/**
 * Where secrets that remediation creates (a reset password, a rotated client secret) are kept.
 * A secret value goes here and nowhere else: chat, logs, errors and the audit trail carry only
 * the reference that `put` returns.
 */
export interface SecretStore {
  /** Stores a new secret; a name that already exists is rejected, never overwritten. */
  put(name: string, value: string, tags: Record<string, string>): Promise<{ reference: string }>;
}

/** Key Vault secret names allow letters, digits and dashes, 1 to 127 characters. */
const SECRET_NAME = /^[A-Za-z0-9-]{1,127}$/;

export function assertSecretName(name: string): void {
  if (!SECRET_NAME.test(name)) {
    throw new Error(
      `secret name ${JSON.stringify(name)} is invalid; use 1 to 127 letters, digits or dashes`,
    );
  }
}
