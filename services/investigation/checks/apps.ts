/**
 * Applications and service principals the user created in the window, and ownership the user
 * gained or granted on them: both give an attacker a way in that survives a password reset.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { InvestigationData } from '../data';
import {
  auditEvidence,
  auditsInWindow,
  changedValues,
  isInitiatedBy,
  targetsOfType,
  targetsUser,
} from './audit';
import {
  type AppObject,
  type AppObjectType,
  appObjects,
  credentialActions,
  disableActions,
  findObject,
} from './appObjects';
import type { Check, FindingDraft } from './types';
import { distinct, folded, sameId, text } from './values';
import { earliest, isInWindow, isoTime } from './window';

const CREATE_ACTIVITIES = ['Add application', 'Add service principal'];
const OWNER_ACTIVITIES = ['Add owner to application', 'Add owner to service principal'];

interface Created {
  object: AppObject;
  audits: Graph.DirectoryAudit[];
  /** The service principal created for the same app in the window, merged into its finding. */
  servicePrincipal?: AppObject;
}

export const appCreatedCheck: Check = {
  section: 'applications',
  needs: ['audits', 'ownedObjects', 'touchedObjects'],
  run(data) {
    const objects = appObjects(data);
    const created = new Map<string, Created>();
    for (const audit of auditsInWindow(data, CREATE_ACTIVITIES)) {
      if (!isInitiatedBy(audit, data.user)) continue;
      for (const target of targetsOfType(audit, ['Application', 'ServicePrincipal'])) {
        const object = findObject(objects, target.id) ?? fromTarget(target);
        if (object === undefined) continue;
        const entry = created.get(object.id.toLowerCase()) ?? { object, audits: [] };
        entry.audits.push(audit);
        created.set(object.id.toLowerCase(), entry);
      }
    }
    for (const object of objects) {
      if (!object.owned || !isInWindow(object.createdDateTime, data.window)) continue;
      const key = object.id.toLowerCase();
      created.set(key, { audits: [], ...created.get(key), object });
    }
    return mergeServicePrincipals([...created.values()]).map((entry) =>
      createdFinding(data, objects, entry),
    );
  },
};

function fromTarget(target: Graph.TargetResource): AppObject | undefined {
  const id = text(target.id);
  if (id === null) return undefined;
  const type: AppObjectType =
    folded(target.type) === 'serviceprincipal' ? 'servicePrincipal' : 'application';
  const displayName = text(target.displayName) ?? id;
  return {
    type,
    id,
    appId: null,
    displayName,
    createdDateTime: null,
    owned: false,
    credentials: [],
  };
}

// Registering an app in the portal creates the application and its service principal, so one
// finding covers both.
function mergeServicePrincipals(entries: Created[]): Created[] {
  const applications = entries.filter((entry) => entry.object.type === 'application');
  return entries.filter((entry) => {
    if (entry.object.type !== 'servicePrincipal') return true;
    const app = applications.find((candidate) =>
      sameId(candidate.object.appId, entry.object.appId),
    );
    if (app === undefined) return true;
    app.servicePrincipal = entry.object;
    app.audits.push(...entry.audits);
    return false;
  });
}

function createdFinding(
  data: InvestigationData,
  objects: AppObject[],
  entry: Created,
): FindingDraft {
  const { object, audits, servicePrincipal } = entry;
  const withCredentials = [object, ...(servicePrincipal ? [servicePrincipal] : [])];
  const credentials = withCredentials.flatMap((item) =>
    item.credentials.map((credential) => ({ item, credential })),
  );
  const first = audits[0];
  const noun = object.type === 'application' ? 'Application' : 'Service principal';
  return {
    kind: 'app.created',
    severity: 'high',
    title: `${noun} ${object.displayName} created`,
    at:
      earliest([...audits.map((audit) => audit.activityDateTime), object.createdDateTime]) ??
      data.window.until.toISOString(),
    attack: 'T1098.001',
    evidence: {
      objectId: object.id,
      objectType: object.type,
      objectName: object.displayName,
      appId: object.appId ?? servicePrincipal?.appId ?? null,
      owned: object.owned,
      createdDateTime: isoTime(object.createdDateTime),
      servicePrincipalId: servicePrincipal?.id ?? null,
      credentialKeyIds: credentials.map(({ credential }) => credential.keyId),
      auditIds: distinct(audits.map((audit) => audit.id)),
      ...(first === undefined ? {} : auditEvidence(first)),
    },
    actions: [
      ...credentials.flatMap(({ item, credential }) => credentialActions(item, credential)),
      ...disableActions(objects, servicePrincipal ?? object),
    ],
  };
}

export const appOwnerCheck: Check = {
  section: 'applications',
  needs: ['audits', 'ownedObjects', 'touchedObjects'],
  run(data) {
    const objects = appObjects(data);
    return auditsInWindow(data, OWNER_ACTIVITIES)
      .filter((audit) => isInitiatedBy(audit, data.user) || targetsUser(audit, data.user))
      .flatMap((audit) => ownerFindings(data, objects, audit));
  },
};

function ownerFindings(
  data: InvestigationData,
  objects: AppObject[],
  audit: Graph.DirectoryAudit,
): FindingDraft[] {
  const owner = targetsOfType(audit, ['User'])[0];
  const newOwner = text(owner?.userPrincipalName) ?? text(owner?.id);
  return ownedTargets(audit).map((target) => {
    const object = findObject(objects, target.id) ?? fromTarget(target);
    const objectName = object?.displayName ?? text(target.displayName);
    const recent = (object?.credentials ?? []).filter((credential) =>
      isInWindow(credential.startDateTime, data.window),
    );
    return {
      kind: 'app.owner-added' as const,
      severity: 'high' as const,
      title: `Owner ${newOwner ?? 'unknown'} added to ${objectName ?? 'an application'}`,
      at: isoTime(audit.activityDateTime) ?? data.window.until.toISOString(),
      attack: 'T1098',
      evidence: {
        objectId: object?.id ?? null,
        objectType: object?.type ?? null,
        objectName,
        appId: object?.appId ?? null,
        newOwner,
        userIsNewOwner: targetsUser(audit, data.user),
        recentCredentialKeyIds: recent.map((credential) => credential.keyId),
        ...auditEvidence(audit),
      },
      actions:
        object === undefined
          ? []
          : recent.flatMap((credential) => credentialActions(object, credential)),
    };
  });
}

// Some events name the application only in the owner's modified properties.
function ownedTargets(audit: Graph.DirectoryAudit): Graph.TargetResource[] {
  const targets = targetsOfType(audit, ['Application', 'ServicePrincipal']);
  if (targets.length > 0) return targets;
  const ids = changedValues(audit, ['Application.ObjectID', 'ServicePrincipal.ObjectID']);
  return ids.flatMap((change) => {
    const id = text(change.newValue);
    if (id === null) return [];
    const type = change.name.toLowerCase().startsWith('application')
      ? 'Application'
      : 'ServicePrincipal';
    return [{ id, type, displayName: null }];
  });
}
