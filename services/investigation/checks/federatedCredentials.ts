/**
 * Federated identity credentials on the user's applications. They let an outside identity
 * provider obtain tokens as the app with no secret and no expiry, and rotating secrets leaves
 * them in place, so every one on an owned app is reported. Graph keeps no creation time, so
 * an "Update application" event that changed FederatedIdentityCredentials supplies it.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { ActionTarget, EvidenceValue } from '../../domain';
import type { InvestigationData } from '../data';
import {
  auditEvidence,
  auditsInWindow,
  changedValues,
  isInitiatedBy,
  targetsOfType,
} from './audit';
import { type AppObject, appObjects, findObject, objectTarget } from './appObjects';
import type { Check, FindingDraft } from './types';
import { distinct, folded, propertyIgnoringCase, rows, text } from './values';
import { findingTime } from './window';

interface FederatedEntry {
  appObjectId: string;
  name: string | null;
  credential?: Graph.FederatedIdentityCredential;
  /** The credential as the audit event wrote it, when Graph no longer returns it. */
  fromAudit?: unknown;
  audit?: Graph.DirectoryAudit;
}

export const federatedCredentialCheck: Check = {
  section: 'applications',
  needs: ['audits', 'ownedObjects', 'touchedObjects', 'federatedCredentials'],
  run(data) {
    const objects = appObjects(data);
    const entries = new Map<string, FederatedEntry>();
    for (const { appId, credential } of rows(data.federatedCredentials, 'federatedCredentials')) {
      const object = findObject(objects, appId);
      // The collector reads these for owned applications only, so one on another app does not fire.
      if (object !== undefined && !object.owned) continue;
      const name = text(credential.name);
      entries.set(entryKey(appId, name ?? text(credential.id)), {
        appObjectId: appId,
        name,
        credential,
      });
    }
    for (const audit of auditsInWindow(data, ['Update application'])) {
      for (const target of targetsOfType(audit, ['Application'])) {
        const object = findObject(objects, target.id);
        if (!isInitiatedBy(audit, data.user) && object?.owned !== true) continue;
        const appObjectId = text(target.id);
        if (appObjectId === null) continue;
        for (const added of addedCredentials(audit, target)) {
          const name = text(propertyIgnoringCase(added, 'name'));
          const key = entryKey(appObjectId, name);
          entries.set(key, { appObjectId, name, ...entries.get(key), fromAudit: added, audit });
        }
      }
    }
    return [...entries.values()].map((entry) => federatedFinding(data, objects, entry));
  },
};

function entryKey(appObjectId: string, name: string | null): string {
  return `${appObjectId}|${name ?? ''}`.toLowerCase();
}

// Credentials present after the event and not before it, compared by name, which Graph
// keeps unique per application.
function addedCredentials(audit: Graph.DirectoryAudit, target: Graph.TargetResource): unknown[] {
  const changes = changedValues(audit, ['FederatedIdentityCredentials']).filter(
    (change) => change.target === target,
  );
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value ? [value] : []);
  const before = new Set(
    changes
      .flatMap((change) => list(change.oldValue))
      .map((item) => folded(propertyIgnoringCase(item, 'name'))),
  );
  return changes
    .flatMap((change) => list(change.newValue))
    .filter((item) => !before.has(folded(propertyIgnoringCase(item, 'name'))));
}

function federatedFinding(
  data: InvestigationData,
  objects: AppObject[],
  entry: FederatedEntry,
): FindingDraft {
  const object = findObject(objects, entry.appObjectId);
  const source = entry.credential ?? entry.fromAudit;
  const appName = object?.displayName ?? entry.appObjectId;
  const time = findingTime(entry.audit?.activityDateTime, data.window);
  const audiences = propertyIgnoringCase(source, 'audiences');
  const evidence: Record<string, EvidenceValue> = {
    objectId: entry.appObjectId,
    objectName: object?.displayName ?? null,
    appId: object?.appId ?? null,
    credentialId: text(entry.credential?.id),
    credentialName: entry.name,
    issuer: text(propertyIgnoringCase(source, 'issuer')),
    subject: text(propertyIgnoringCase(source, 'subject')),
    audiences: Array.isArray(audiences) ? distinct(audiences.map(String)) : [],
    stillPresent: entry.credential !== undefined,
    timeKnown: time.timeKnown,
    ...(entry.audit === undefined ? {} : auditEvidence(entry.audit)),
  };
  return {
    kind: 'app.credential-added',
    severity: 'high',
    title: `Federated credential "${entry.name ?? 'unnamed'}" on application ${appName}`,
    at: time.at,
    attack: 'T1098.001',
    evidence,
    actions: entry.credential?.id ? [removeAction(entry, appName, object)] : [],
  };
}

function removeAction(entry: FederatedEntry, appName: string, object: AppObject | undefined) {
  const parent: ActionTarget = object
    ? objectTarget(object)
    : { type: 'application', id: entry.appObjectId, displayName: appName };
  const id = text(entry.credential?.id) ?? '';
  const name = entry.name ?? id;
  return {
    kind: 'remove-federated-credential' as const,
    target: { type: 'federatedIdentityCredential' as const, id, displayName: name, parent },
    label: `Remove federated credential "${name}" from ${appName}`,
  };
}
