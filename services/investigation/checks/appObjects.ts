/**
 * Applications and service principals the user owns or touched, read loosely from the
 * directory objects Graph returns, with their password and key credentials.
 */
import type { ActionTarget } from '../../domain';
import type { InvestigationData, TypedObject } from '../data';
import type { RemediationDraft } from './types';
import { arrayProperty, folded, property, rows, sameId, text } from './values';

export type AppObjectType = 'application' | 'servicePrincipal';

export interface AppCredential {
  kind: 'password' | 'key';
  keyId: string;
  displayName: string | null;
  startDateTime: string | null;
  endDateTime: string | null;
  /** First characters of a client secret, which Graph returns to tell secrets apart. */
  hint: string | null;
}

export interface AppObject {
  type: AppObjectType;
  id: string;
  appId: string | null;
  displayName: string;
  createdDateTime: string | null;
  owned: boolean;
  credentials: AppCredential[];
}

/** Returns the owned objects, then touched objects not already owned, keeping apps and SPs. */
export function appObjects(data: InvestigationData): AppObject[] {
  const owned = rows(data.ownedObjects, 'ownedObjects').flatMap((item) => readObject(item, true));
  const ownedIds = new Set(owned.map((object) => object.id.toLowerCase()));
  const touched = rows(data.touchedObjects, 'touchedObjects')
    .flatMap((item) => readObject(item, false))
    .filter((object) => !ownedIds.has(object.id.toLowerCase()));
  return [...owned, ...touched];
}

/** Returns the object with this id, compared without case. */
export function findObject(objects: AppObject[], id: unknown): AppObject | undefined {
  return objects.find((object) => sameId(object.id, id));
}

/** Returns the service principal of an application, when it is among the objects. */
export function servicePrincipalOf(objects: AppObject[], app: AppObject): AppObject | undefined {
  if (app.type === 'servicePrincipal') return app;
  return objects.find(
    (object) => object.type === 'servicePrincipal' && sameId(object.appId, app.appId),
  );
}

function readObject(item: TypedObject, owned: boolean): AppObject[] {
  const type = objectType(item);
  const id = text(item.id);
  if (type === null || id === null) return [];
  return [
    {
      type,
      id,
      appId: text(property(item, 'appId')),
      displayName: text(property(item, 'displayName')) ?? id,
      createdDateTime: text(property(item, 'createdDateTime')),
      owned,
      credentials: [
        ...readCredentials(arrayProperty(item, 'passwordCredentials'), 'password'),
        ...readCredentials(arrayProperty(item, 'keyCredentials'), 'key'),
      ],
    },
  ];
}

function objectType(item: TypedObject): AppObjectType | null {
  const odataType = folded(item['@odata.type']);
  if (odataType === '#microsoft.graph.application') return 'application';
  if (odataType === '#microsoft.graph.serviceprincipal') return 'servicePrincipal';
  // Without @odata.type, only a service principal carries servicePrincipalType.
  if (odataType === '' && text(property(item, 'servicePrincipalType')) !== null) {
    return 'servicePrincipal';
  }
  return null;
}

function readCredentials(values: unknown[], kind: AppCredential['kind']): AppCredential[] {
  return values.flatMap((value) => {
    const keyId = text(property(value, 'keyId'));
    if (keyId === null) return [];
    return [
      {
        kind,
        keyId,
        displayName: text(property(value, 'displayName')),
        startDateTime: text(property(value, 'startDateTime')),
        endDateTime: text(property(value, 'endDateTime')),
        hint: text(property(value, 'hint')),
      },
    ];
  });
}

/** Returns the application or service principal as the target of an action. */
export function objectTarget(object: AppObject): ActionTarget {
  return { type: object.type, id: object.id, displayName: object.displayName };
}

/**
 * Returns the actions for one credential: remove it, and for a secret also rotate it. The
 * target is the credential, named by its keyId, inside its application or service principal.
 */
export function credentialActions(
  object: AppObject,
  credential: AppCredential,
): RemediationDraft[] {
  const noun = credential.kind === 'password' ? 'secret' : 'certificate';
  const name = credential.displayName ?? credential.keyId;
  const target: ActionTarget = {
    // NOTE: TargetType has no credential type, so the target carries its container's type
    // with the keyId as its id, and the container goes in `parent`.
    type: object.type,
    id: credential.keyId,
    displayName: name,
    parent: objectTarget(object),
    details: { credentialType: credential.kind, keyId: credential.keyId },
  };
  const remove = {
    kind: 'remove-credential' as const,
    target,
    label: `Remove ${noun} "${name}" from ${object.displayName}`,
  };
  if (credential.kind === 'key') return [remove];
  const rotate = {
    kind: 'rotate-credential' as const,
    target,
    label: `Rotate ${noun} "${name}" of ${object.displayName}`,
  };
  return [remove, rotate];
}

/** Returns the action that disables the service principal, when there is one to disable. */
export function disableActions(objects: AppObject[], object: AppObject): RemediationDraft[] {
  const servicePrincipal = servicePrincipalOf(objects, object);
  if (servicePrincipal === undefined) return [];
  return [
    {
      kind: 'disable-service-principal',
      target: objectTarget(servicePrincipal),
      label: `Disable service principal ${servicePrincipal.displayName}`,
    },
  ];
}
