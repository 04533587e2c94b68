/** Builds directory audit events in the shape `auditLogs/directoryAudits` returns them. */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { TenantApp } from './apps';
import type { Person } from './people';
import type { Random } from './random';

export type AuditRecord = Graph.DirectoryAudit & { id: string; activityDateTime: string };

/** Initiator of the activity: a user at an IP address, or an application. */
export type Initiator = { person: Person; ip: string } | { app: TenantApp };

export interface AuditSpec {
  at: string;
  activity: string;
  category: string;
  /** `loggedByService`; Core Directory unless another service writes the event. */
  service?: string;
  operationType: 'Add' | 'Update' | 'Delete' | 'Assign' | 'Unassign';
  by: Initiator;
  targets: Graph.TargetResource[];
  resultReason?: string;
  additionalDetails?: Graph.KeyValue[];
}

export function buildAudit(random: Random, spec: AuditSpec): AuditRecord {
  const service = spec.service ?? 'Core Directory';
  const correlationId = random.guid();
  // Core Directory ids join the correlation id, a short tag and a sequence number.
  const id =
    service === 'Core Directory'
      ? ['Directory', correlationId, random.hex(5).toUpperCase(), random.int(1e7, 1e8 - 1)].join(
          '_',
        )
      : random.guid();
  return {
    id,
    category: spec.category,
    correlationId,
    result: 'success',
    resultReason: spec.resultReason ?? '',
    activityDisplayName: spec.activity,
    activityDateTime: spec.at,
    loggedByService: service,
    operationType: spec.operationType,
    initiatedBy: initiatedBy(spec.by),
    targetResources: spec.targets,
    additionalDetails: spec.additionalDetails ?? [],
  };
}

function initiatedBy(by: Initiator): Graph.AuditActivityInitiator {
  if ('app' in by) {
    return {
      app: {
        appId: by.app.appId,
        displayName: by.app.displayName,
        servicePrincipalId: by.app.servicePrincipalId,
        servicePrincipalName: null,
      },
      user: null,
    };
  }
  return {
    app: null,
    user: {
      id: by.person.id,
      displayName: null,
      userPrincipalName: by.person.userPrincipalName,
      ipAddress: by.ip,
    },
  };
}

/** Builds a modified property. Graph stores old and new values as strings that contain JSON. */
export function changed(
  displayName: string,
  oldValue: unknown,
  newValue: unknown,
): Graph.ModifiedProperty {
  return {
    displayName,
    oldValue: oldValue === null ? null : JSON.stringify(oldValue),
    newValue: newValue === null ? null : JSON.stringify(newValue),
  };
}

export function userTarget(
  person: Person,
  modifiedProperties: Graph.ModifiedProperty[] = [],
): Graph.TargetResource {
  return {
    id: person.id,
    displayName: null,
    type: 'User',
    userPrincipalName: person.userPrincipalName,
    groupType: null,
    modifiedProperties,
  };
}

export function appTarget(
  app: TenantApp,
  type: 'Application' | 'ServicePrincipal',
  modifiedProperties: Graph.ModifiedProperty[] = [],
): Graph.TargetResource {
  return {
    id: type === 'Application' ? app.applicationId : app.servicePrincipalId,
    displayName: app.displayName,
    type,
    userPrincipalName: null,
    groupType: null,
    modifiedProperties,
  };
}

export function objectTarget(
  type: 'Device' | 'Role' | 'Group',
  id: string,
  displayName: string,
  modifiedProperties: Graph.ModifiedProperty[] = [],
): Graph.TargetResource {
  return {
    id,
    displayName,
    type,
    userPrincipalName: null,
    groupType: null,
    modifiedProperties,
  };
}

/** The `KeyDescription` entry Graph writes when a password or key credential is added. */
export interface KeyDescription {
  KeyIdentifier: string;
  KeyType: 'Password' | 'AsymmetricX509Cert';
  KeyUsage: 'Verify' | 'Sign';
  DisplayName: string;
}

/** Modified properties of a credential change: the key list before and after. */
export function keyChange(
  before: KeyDescription[],
  added: KeyDescription,
): Graph.ModifiedProperty[] {
  return [
    changed('KeyDescription', before, [...before, added]),
    changed('Included Updated Properties', null, 'KeyDescription'),
  ];
}
