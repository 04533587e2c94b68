/**
 * New password and key credentials on applications and service principals: from the
 * window's audit events and from credentials whose startDateTime lies in the window. One
 * finding per credential, with the audit event and the credential merged.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { EvidenceValue } from '../../domain';
import type { InvestigationData } from '../data';
import {
  auditEvidence,
  auditsInWindow,
  changedValues,
  isInitiatedBy,
  targetsOfType,
} from './audit';
import {
  type AuditCredential,
  CREDENTIAL_PROPERTIES,
  type CredentialChange,
  credentialChanges,
} from './auditCredentials';
import {
  type AppCredential,
  type AppObject,
  appObjects,
  credentialActions,
  findObject,
} from './appObjects';
import type { Check, FindingDraft, RemediationDraft } from './types';
import { folded, text } from './values';
import { earliest, isInWindow, isoTime } from './window';

const CREDENTIAL_ACTIVITIES = [
  'Update application – Certificates and secrets management',
  'Add service principal credentials',
];
const UPDATE_ACTIVITIES = ['Update application', 'Update service principal'];

interface Entry {
  object: AppObject;
  /** False when the object was not read from Graph and is known only from an audit event. */
  objectRead: boolean;
  keyId: string | null;
  credential?: AppCredential;
  fromAudit?: AuditCredential;
  audit?: Graph.DirectoryAudit;
}

export const appCredentialCheck: Check = {
  section: 'applications',
  needs: ['audits', 'ownedObjects', 'touchedObjects'],
  run(data) {
    const objects = appObjects(data);
    const entries = new Map<string, Entry>();
    collectFromAudits(data, objects, entries);
    for (const object of objects) {
      for (const credential of object.credentials) {
        if (!isInWindow(credential.startDateTime, data.window)) continue;
        const key = `${object.id}|${credential.keyId}`.toLowerCase();
        const entry = { object, objectRead: true, keyId: credential.keyId, credential };
        entries.set(key, { ...entries.get(key), ...entry });
      }
    }
    return [...entries.values()].map((entry) => credentialFinding(data, entry));
  },
};

function credentialAudits(data: InvestigationData): Graph.DirectoryAudit[] {
  const updates = auditsInWindow(data, UPDATE_ACTIVITIES).filter(
    (audit) => changedValues(audit, CREDENTIAL_PROPERTIES).length > 0,
  );
  return [...auditsInWindow(data, CREDENTIAL_ACTIVITIES), ...updates];
}

function collectFromAudits(
  data: InvestigationData,
  objects: AppObject[],
  entries: Map<string, Entry>,
): void {
  for (const audit of credentialAudits(data)) {
    for (const change of targetChanges(audit)) {
      const read = findObject(objects, change.target.id);
      const object = read ?? objectFromTarget(change.target);
      if (object === undefined) continue;
      const objectRead = read !== undefined;
      if (!isInitiatedBy(audit, data.user) && !object.owned) continue;
      const credential = (keyId: string): AppCredential | undefined =>
        object.credentials.find((item) => folded(item.keyId) === folded(keyId));
      for (const added of change.added) {
        const key = `${object.id}|${added.keyId}`.toLowerCase();
        const found = credential(added.keyId);
        entries.set(key, {
          object,
          objectRead,
          keyId: added.keyId,
          credential: found,
          fromAudit: added,
          audit,
        });
      }
      // An event whose credentials cannot be read is still reported. One that lists
      // credentials but adds none is a removal, so it is not.
      if (!change.readable) {
        const key = `${object.id}|audit:${text(audit.id)}`.toLowerCase();
        entries.set(key, { object, objectRead, keyId: null, audit });
      }
    }
  }
}

// Events that name no credential property (the certificates-and-secrets event sometimes does
// not) still count for each application or service principal they target.
function targetChanges(audit: Graph.DirectoryAudit): CredentialChange[] {
  const appTargets = targetsOfType(audit, ['Application', 'ServicePrincipal']);
  const changes = credentialChanges(audit).filter((change) => appTargets.includes(change.target));
  const unnamed = appTargets
    .filter((target) => !changes.some((change) => change.target === target))
    .map((target) => ({ target, added: [], readable: false }));
  return [...changes, ...unnamed];
}

function objectFromTarget(target: Graph.TargetResource): AppObject | undefined {
  const id = text(target.id);
  if (id === null) return undefined;
  return {
    type: folded(target.type) === 'serviceprincipal' ? 'servicePrincipal' : 'application',
    id,
    appId: null,
    displayName: text(target.displayName) ?? id,
    createdDateTime: null,
    owned: false,
    credentials: [],
  };
}

function credentialFinding(data: InvestigationData, entry: Entry): FindingDraft {
  const { object, credential, fromAudit, audit } = entry;
  const kind = credential?.kind ?? fromAudit?.kind ?? null;
  const name = credential?.displayName ?? fromAudit?.displayName ?? null;
  const noun = kind === 'password' ? 'Secret' : kind === 'key' ? 'Certificate' : 'Credential';
  const label = name === null ? noun : `${noun} "${name}"`;
  const evidence: Record<string, EvidenceValue> = {
    objectId: object.id,
    objectType: object.type,
    objectName: object.displayName,
    appId: object.appId,
    owned: object.owned,
    keyId: entry.keyId,
    credentialType: kind,
    credentialName: name,
    hint: credential?.hint ?? null,
    startDateTime: isoTime(credential?.startDateTime),
    endDateTime: isoTime(credential?.endDateTime),
    // A credential the audit event added but the object no longer carries was removed since.
    stillPresent: entry.keyId === null || !entry.objectRead ? null : credential !== undefined,
    ...(audit === undefined ? {} : auditEvidence(audit)),
  };
  return {
    kind: 'app.credential-added',
    severity: 'high',
    title: `${label} added to ${objectNoun(object)} ${object.displayName}`,
    at:
      earliest([audit?.activityDateTime, credential?.startDateTime]) ??
      data.window.until.toISOString(),
    attack: 'T1098.001',
    evidence,
    actions: entryActions(data, entry),
  };
}

function objectNoun(object: AppObject): string {
  return object.type === 'application' ? 'application' : 'service principal';
}

function entryActions(data: InvestigationData, entry: Entry): RemediationDraft[] {
  const { object } = entry;
  if (entry.credential !== undefined) return credentialActions(object, entry.credential);
  if (entry.keyId === null) {
    // Without a key id, offer the object's credentials that started in the window.
    return object.credentials
      .filter((credential) => isInWindow(credential.startDateTime, data.window))
      .flatMap((credential) => credentialActions(object, credential));
  }
  // The object was not read, so the credential is aimed at by what the audit event names.
  if (!entry.objectRead && entry.fromAudit !== undefined) {
    const { keyId, kind, displayName } = entry.fromAudit;
    const guess = { kind, keyId, displayName, startDateTime: null, endDateTime: null, hint: null };
    return credentialActions(object, guess);
  }
  return [];
}
