/**
 * Credentials named in directory audit events. Entra ID writes them into
 * `modifiedProperties` as strings that hold JSON: either objects such as
 * `{"KeyIdentifier":"…","KeyType":"Password","KeyUsage":"Verify","DisplayName":"…"}` or,
 * under KeyDescription, bracketed text such as `[KeyIdentifier=…,KeyType=Password,…]`.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { changedValues } from './audit';
import { folded, property, text } from './values';

export interface AuditCredential {
  keyId: string;
  kind: 'password' | 'key';
  displayName: string | null;
}

export interface CredentialChange {
  target: Graph.TargetResource;
  /** Credentials present after the change and not before it. */
  added: AuditCredential[];
  /** True when any credential could be read from the old or new value. */
  readable: boolean;
}

export const CREDENTIAL_PROPERTIES = ['KeyDescription', 'KeyCredentials', 'PasswordCredentials'];

/** Returns, per changed target, the credentials the audit event added. */
export function credentialChanges(audit: Graph.DirectoryAudit): CredentialChange[] {
  const changes = new Map<
    Graph.TargetResource,
    { before: AuditCredential[]; after: AuditCredential[] }
  >();
  for (const change of changedValues(audit, CREDENTIAL_PROPERTIES)) {
    const fallback = change.name.toLowerCase() === 'passwordcredentials' ? 'password' : null;
    const entry = changes.get(change.target) ?? { before: [], after: [] };
    entry.before.push(...credentialsIn(change.oldValue, fallback));
    entry.after.push(...credentialsIn(change.newValue, fallback));
    changes.set(change.target, entry);
  }
  return [...changes].map(([target, { before, after }]) => {
    const existing = new Set(before.map((credential) => credential.keyId.toLowerCase()));
    const added = new Map<string, AuditCredential>();
    for (const credential of after) {
      const key = credential.keyId.toLowerCase();
      if (!existing.has(key) && !added.has(key)) added.set(key, credential);
    }
    return { target, added: [...added.values()], readable: before.length + after.length > 0 };
  });
}

function credentialsIn(value: unknown, fallback: 'password' | null): AuditCredential[] {
  if (Array.isArray(value)) return value.flatMap((item) => credentialsIn(item, fallback));
  if (typeof value === 'string') return credentialsInText(value, fallback);
  if (typeof value !== 'object' || value === null) return [];
  const keyId = text(property(value, 'KeyIdentifier')) ?? text(property(value, 'keyId'));
  if (keyId === null) return [];
  const keyType = property(value, 'KeyType') ?? property(value, 'type');
  const displayName = text(property(value, 'DisplayName')) ?? text(property(value, 'displayName'));
  return [{ keyId, kind: kindOf(keyType, fallback), displayName }];
}

// Parses `[KeyIdentifier=…,KeyType=Password,KeyUsage=Verify,DisplayName=…]`, one or several.
function credentialsInText(value: string, fallback: 'password' | null): AuditCredential[] {
  const found: AuditCredential[] = [];
  for (const match of value.matchAll(/\[([^\]]*KeyIdentifier=[^\]]*)\]/g)) {
    const fields = new Map<string, string>();
    for (const pair of match[1].split(',')) {
      const equals = pair.indexOf('=');
      if (equals > 0)
        fields.set(pair.slice(0, equals).trim().toLowerCase(), pair.slice(equals + 1).trim());
    }
    const keyId = text(fields.get('keyidentifier'));
    if (keyId === null) continue;
    const displayName = text(fields.get('displayname'));
    found.push({ keyId, kind: kindOf(fields.get('keytype'), fallback), displayName });
  }
  return found;
}

function kindOf(keyType: unknown, fallback: 'password' | null): 'password' | 'key' {
  const type = folded(keyType);
  if (type === 'password') return 'password';
  if (type === '' && fallback !== null) return fallback;
  return 'key';
}
