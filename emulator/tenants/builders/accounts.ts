/**
 * Adds per-user objects: authentication methods, registered devices, app role assignments,
 * mail folders and inbox rules.
 */
import { ARCHIVE_CONNECTOR, DEFAULT_ACCESS_ROLE, INTRANET } from './apps';
import { buildRule, type Folders, folderList, recipient } from './mail';
import { ALEX, ALEXANDRA, laptopOf, type Person } from './people';
import { guidFor } from './random';
import type { SnapshotBuilder } from './snapshot';
import { addMinutes } from './signIns';
import { ASSIGNMENTS, DEVICES, FORWARD_ADDRESS, METHODS, RULES } from './story';

export const PASSWORD_METHOD = {
  '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
  id: METHODS.password,
  password: null,
  // Graph leaves the password method's creation time unset.
  createdDateTime: null,
};

function authenticator(
  id: string,
  displayName: string,
  createdDateTime: string,
  isDefault: boolean,
): Record<string, unknown> {
  const method: Record<string, unknown> = {
    '@odata.type': '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
    id,
    displayName,
    deviceTag: 'SoftwareTokenActivated',
    phoneAppVersion: '6.8.17',
    createdDateTime,
  };
  if (isDefault) method.isDefault = true;
  return method;
}

/** Time the attacker's Authenticator app was registered on Alex's account. */
export const ATTACKER_METHOD_CREATED = '2026-12-02T09:21:40Z';
/** Time Alexandra Kim registered her new phone, an ordinary change inside the window. */
export const ALEXANDRA_METHOD_CREATED = '2026-12-02T19:05:12Z';

export function addAuthMethods(builder: SnapshotBuilder, people: readonly Person[]): void {
  for (const person of people) {
    const path = `users/${person.id}/authentication/methods`;
    if (person === ALEX) {
      builder.add(
        path,
        PASSWORD_METHOD,
        {
          '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
          id: METHODS.mobilePhone,
          phoneNumber: '+1 2065550142',
          phoneType: 'mobile',
          smsSignInState: 'notAllowedByPolicy',
        },
        authenticator(METHODS.alexAuthenticatorOld, 'iPhone 15', '2024-10-02T17:44:09Z', true),
        authenticator(
          METHODS.alexAuthenticatorAttacker,
          'SM-S918B',
          ATTACKER_METHOD_CREATED,
          false,
        ),
      );
      continue;
    }
    const registered = addMinutes(person.createdDateTime, 60 * 24 * 3);
    const own = authenticator(
      guidFor(`method:${person.userPrincipalName}:authenticator`),
      'iPhone 14',
      registered,
      true,
    );
    const methods = [PASSWORD_METHOD, own];
    if (person === ALEXANDRA) {
      methods.push(
        authenticator(
          METHODS.alexandraAuthenticatorNew,
          'iPhone 16',
          ALEXANDRA_METHOD_CREATED,
          false,
        ),
      );
    }
    builder.add(path, ...methods);
  }
}

export const ATTACKER_DEVICE_REGISTERED = '2026-12-03T01:41:07Z';

export function addAlexDevices(builder: SnapshotBuilder): void {
  const laptop = laptopOf(ALEX);
  builder.add(
    `users/${ALEX.id}/registeredDevices`,
    {
      '@odata.type': '#microsoft.graph.device',
      id: DEVICES.alexLaptop,
      accountEnabled: true,
      approximateLastSignInDateTime: '2026-12-02T16:04:31Z',
      deviceId: laptop.deviceId,
      displayName: laptop.displayName,
      isCompliant: true,
      isManaged: true,
      manufacturer: 'Microsoft Corporation',
      model: 'Surface Laptop 5',
      operatingSystem: 'Windows',
      operatingSystemVersion: '10.0.22631.4460',
      profileType: 'RegisteredDevice',
      registrationDateTime: '2024-03-11T17:02:44Z',
      trustType: 'AzureAd',
    },
    {
      '@odata.type': '#microsoft.graph.device',
      id: DEVICES.attacker,
      accountEnabled: true,
      approximateLastSignInDateTime: ATTACKER_DEVICE_REGISTERED,
      deviceId: guidFor('device-id:attacker:desktop'),
      displayName: 'DESKTOP-7QK2M4R',
      isCompliant: null,
      isManaged: null,
      manufacturer: null,
      model: null,
      operatingSystem: 'Windows',
      operatingSystemVersion: '10.0.19045.5131',
      profileType: 'RegisteredDevice',
      registrationDateTime: ATTACKER_DEVICE_REGISTERED,
      trustType: 'Workplace',
    },
  );
}

export const ATTACKER_ASSIGNMENT_CREATED = '2026-12-02T13:18:02Z';

export function addAlexAppRoleAssignments(builder: SnapshotBuilder): void {
  const assignment = (
    id: string,
    app: typeof INTRANET,
    createdDateTime: string,
  ): Record<string, unknown> => ({
    id,
    deletedDateTime: null,
    appRoleId: DEFAULT_ACCESS_ROLE,
    createdDateTime,
    principalDisplayName: ALEX.displayName,
    principalId: ALEX.id,
    principalType: 'User',
    resourceDisplayName: app.displayName,
    resourceId: app.servicePrincipalId,
  });
  builder.add(
    `users/${ALEX.id}/appRoleAssignments`,
    assignment(ASSIGNMENTS.alexIntranet, INTRANET, '2024-02-01T18:11:36Z'),
    assignment(ASSIGNMENTS.alexArchiveConnector, ARCHIVE_CONNECTOR, ATTACKER_ASSIGNMENT_CREATED),
  );
}

export function addAlexInboxRules(builder: SnapshotBuilder, folders: Folders): void {
  builder.add(`users/${ALEX.id}/mailFolders`, ...folderList(folders, 1));
  builder.add(
    `users/${ALEX.id}/mailFolders/inbox/messageRules`,
    buildRule(
      RULES.newsletters,
      'Newsletters',
      1,
      { senderContains: ['newsletter', 'digest@'] },
      { moveToFolder: folders.newsletters, stopProcessingRules: true },
    ),
    buildRule(
      RULES.forward,
      'Archive',
      2,
      {},
      { forwardTo: [recipient('Docs Archive', FORWARD_ADDRESS)], stopProcessingRules: false },
    ),
    buildRule(
      RULES.hideReplies,
      '.',
      3,
      { subjectContains: ['document', 'phish', 'hacked'] },
      { markAsRead: true, moveToFolder: folders.rss, stopProcessingRules: true },
    ),
  );
}
