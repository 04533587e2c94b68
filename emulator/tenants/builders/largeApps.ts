/**
 * Owned apps and audit events of the large tenant. The audit stream records the new secret of
 * every tenth owned app at the secret's own start time, so the two streams agree.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { TenantApp } from './apps';
import { appTarget, type AuditRecord, buildAudit, keyChange, userTarget } from './audits';
import {
  DATACENTER,
  DAY_MS,
  HOUR_MS,
  iso,
  type LargeTenantOptions,
  SERVICE_ACCOUNT,
} from './largeEvents';
import { createRandom, guidFor, type Random } from './random';

/** Every this many audit events, one records a new secret on an owned app. */
const CREDENTIAL_AUDIT_EVERY = 5;
/** Every this many owned apps, one got a new secret within the last 24 hours. */
const NEW_SECRET_EVERY = 10;

const SYNC_APP: TenantApp = {
  displayName: 'Microsoft Entra Connect',
  appId: guidFor('appId:entra-connect'),
  applicationId: null,
  servicePrincipalId: guidFor('sp:entra-connect'),
  ownerTenantId: '',
  createdDateTime: null,
};

/**
 * Returns when the new secret of the app at `appIndex` was added: the time of its audit
 * event when the audit stream has one, otherwise a time within the last 24 hours.
 */
function newSecretTime(appIndex: number, options: LargeTenantOptions): number {
  const end = Date.parse(options.referenceTime);
  const auditIndex = (appIndex / NEW_SECRET_EVERY) * CREDENTIAL_AUDIT_EVERY;
  if (auditIndex < options.audits) return end - ((auditIndex + 0.5) * DAY_MS) / options.audits;
  return end - (((appIndex * 37) % 23) + 0.5) * HOUR_MS;
}

/** Returns the owned app at `index`: an old secret, sometimes a certificate or a new secret. */
export function largeApp(index: number, options: LargeTenantOptions): Record<string, unknown> {
  const end = Date.parse(options.referenceTime);
  const key = `large:${options.seed ?? 1}:app:${index}`;
  const passwordCredentials: Graph.PasswordCredential[] = [
    secret(guidFor(`${key}:old`), 'backup job', end - 200 * DAY_MS, end + 500 * DAY_MS),
  ];
  if (index % NEW_SECRET_EVERY === 0) {
    const start = newSecretTime(index, options);
    passwordCredentials.push(
      secret(guidFor(`${key}:new`), 'rotation', start, start + 730 * DAY_MS),
    );
  }
  const keyCredentials: Graph.KeyCredential[] = [];
  if (index % 3 === 0) {
    keyCredentials.push({
      customKeyIdentifier: null,
      displayName: `CN=backup-${index}`,
      endDateTime: iso(end + 300 * DAY_MS),
      key: null,
      keyId: guidFor(`${key}:cert`),
      startDateTime: iso(end - 65 * DAY_MS),
      type: 'AsymmetricX509Cert',
      usage: 'Verify',
    });
  }
  return {
    '@odata.type': '#microsoft.graph.application',
    id: guidFor(`${key}:object`),
    appId: guidFor(`${key}:appId`),
    createdDateTime: iso(end - (400 - (index % 300)) * DAY_MS),
    displayName: `Backup Connector ${String(index + 1).padStart(4, '0')}`,
    signInAudience: 'AzureADMyOrg',
    publisherDomain: 'contoso.onmicrosoft.com',
    keyCredentials,
    passwordCredentials,
  };
}

function secret(
  keyId: string,
  displayName: string,
  start: number,
  end: number,
): Graph.PasswordCredential {
  return {
    customKeyIdentifier: null,
    displayName,
    endDateTime: iso(end),
    hint: keyId.slice(0, 3),
    keyId,
    secretText: null,
    startDateTime: iso(start),
  };
}

export function* largeOwnedApps(options: LargeTenantOptions): Generator<Record<string, unknown>> {
  for (let index = 0; index < options.ownedApps; index += 1) yield largeApp(index, options);
}

/**
 * Yields `audits` events in the 24 hours before the reference time, newest first: directory
 * sync updates of the account, and the audit event of each owned app's new secret.
 */
export function* largeAudits(options: LargeTenantOptions): Generator<AuditRecord> {
  const random = createRandom((options.seed ?? 1) * 31 + 2);
  const end = Date.parse(options.referenceTime);
  const slot = DAY_MS / Math.max(options.audits, 1);
  for (let i = 0; i < options.audits; i += 1) {
    const appIndex = Math.floor(i / CREDENTIAL_AUDIT_EVERY) * NEW_SECRET_EVERY;
    if (i % CREDENTIAL_AUDIT_EVERY === 0 && appIndex < options.ownedApps) {
      yield secretAudit(random, largeApp(appIndex, options));
      continue;
    }
    const at = iso(end - (i + 0.1 + random.next() * 0.8) * slot);
    yield buildAudit(random, {
      at,
      activity: 'Update user',
      category: 'UserManagement',
      operationType: 'Update',
      by: { app: SYNC_APP },
      targets: [userTarget(SERVICE_ACCOUNT)],
    });
  }
}

function secretAudit(random: Random, app: Record<string, unknown>): AuditRecord {
  const credentials = app.passwordCredentials as Graph.PasswordCredential[];
  const added = credentials[credentials.length - 1];
  const target: TenantApp = {
    displayName: String(app.displayName),
    appId: String(app.appId),
    applicationId: String(app.id),
    servicePrincipalId: '',
    ownerTenantId: '',
    createdDateTime: null,
  };
  const description = {
    KeyIdentifier: String(added.keyId),
    KeyType: 'Password' as const,
    KeyUsage: 'Verify' as const,
    DisplayName: String(added.displayName),
  };
  return buildAudit(random, {
    at: String(added.startDateTime),
    activity: 'Update application \u2013 Certificates and secrets management ',
    category: 'ApplicationManagement',
    operationType: 'Update',
    by: { person: SERVICE_ACCOUNT, ip: DATACENTER.ip },
    targets: [appTarget(target, 'Application', keyChange([], description))],
  });
}
