/**
 * Directory audit events of the phishing story. In order, the attacker adds an Authenticator
 * app, consents to a malicious app, registers an app with a secret and a federated credential,
 * assigns Alex to it and adds a secret to the older app's service principal. A device
 * registration and the helpdesk's password reset follow.
 */
import { ATTACKER_ASSIGNMENT_CREATED, ATTACKER_DEVICE_REGISTERED } from './accounts';
import {
  ARCHIVE_CONNECTOR,
  DEFAULT_ACCESS_ROLE,
  DRS_SP,
  SALES_EXPORT,
  SECUREDOC,
  GRAPH_SP,
} from './apps';
import { ARCHIVE_FIC, ARCHIVE_SECRET, SALES_EXPORT_SP_SECRET } from './appObjects';
import {
  appTarget,
  type AuditRecord,
  type AuditSpec,
  buildAudit,
  changed,
  keyChange,
  type KeyDescription,
  objectTarget,
  userTarget,
} from './audits';
import { ALEX, ATTACKER_V4, ATTACKER_V6, HOMES, PAT } from './people';
import type { Random } from './random';
import { consentProperties } from './routineAudits';
import { ATTACKER_USER_AGENT } from './signIns';
import { DEVICES, GRANTS } from './story';

export const PASSWORD_RESET_AT = '2026-12-03T06:02:31Z';

const BY_ATTACKER = { person: ALEX, ip: ATTACKER_V4.ip };

function passwordKey(keyId: string, displayName: string): KeyDescription {
  return {
    KeyIdentifier: keyId,
    KeyType: 'Password',
    KeyUsage: 'Verify',
    DisplayName: displayName,
  };
}

function appEvents(): AuditSpec[] {
  const app = ARCHIVE_CONNECTOR;
  const owner = [
    changed('Application.ObjectID', null, app.applicationId),
    changed('Application.AppId', null, app.appId),
    changed('Application.DisplayName', null, app.displayName),
  ];
  return [
    {
      at: '2026-12-02T13:10:12Z',
      activity: 'Add application',
      category: 'ApplicationManagement',
      operationType: 'Add',
      by: BY_ATTACKER,
      targets: [
        appTarget(app, 'Application', [
          changed('AppId', [], [app.appId]),
          changed('DisplayName', [], [app.displayName]),
          changed('AvailableToOtherTenants', [], [false]),
          changed(
            'Included Updated Properties',
            null,
            'AppId, DisplayName, AvailableToOtherTenants',
          ),
        ]),
      ],
    },
    {
      at: '2026-12-02T13:10:13Z',
      activity: 'Add owner to application',
      category: 'ApplicationManagement',
      operationType: 'Assign',
      by: BY_ATTACKER,
      targets: [userTarget(ALEX, owner), appTarget(app, 'Application')],
    },
    {
      at: '2026-12-02T13:10:14Z',
      activity: 'Add service principal',
      category: 'ApplicationManagement',
      operationType: 'Add',
      by: BY_ATTACKER,
      targets: [
        appTarget(app, 'ServicePrincipal', [
          changed('AppPrincipalId', [], [app.appId]),
          changed('DisplayName', [], [app.displayName]),
          changed('Included Updated Properties', null, 'AppPrincipalId, DisplayName'),
        ]),
      ],
    },
    {
      at: '2026-12-02T13:10:15Z',
      activity: 'Add owner to service principal',
      category: 'ApplicationManagement',
      operationType: 'Assign',
      by: BY_ATTACKER,
      targets: [
        userTarget(ALEX, [
          changed('ServicePrincipal.ObjectID', null, app.servicePrincipalId),
          changed('ServicePrincipal.DisplayName', null, app.displayName),
        ]),
        appTarget(app, 'ServicePrincipal'),
      ],
    },
    // Graph spells this activity with an en dash and a trailing space.
    {
      at: ARCHIVE_SECRET.startDateTime as string,
      activity: 'Update application \u2013 Certificates and secrets management ',
      category: 'ApplicationManagement',
      operationType: 'Update',
      by: BY_ATTACKER,
      targets: [
        appTarget(
          app,
          'Application',
          keyChange([], passwordKey(ARCHIVE_SECRET.keyId as string, 'sync')),
        ),
      ],
    },
    {
      at: '2026-12-02T13:15:20Z',
      activity: 'Update application',
      category: 'ApplicationManagement',
      operationType: 'Update',
      by: BY_ATTACKER,
      targets: [
        appTarget(app, 'Application', [
          changed(
            'FederatedIdentityCredentials',
            [],
            [
              {
                Name: ARCHIVE_FIC.name,
                Issuer: ARCHIVE_FIC.issuer,
                Subject: ARCHIVE_FIC.subject,
                Audiences: ARCHIVE_FIC.audiences,
              },
            ],
          ),
          changed('Included Updated Properties', null, 'FederatedIdentityCredentials'),
        ]),
      ],
    },
    {
      at: ATTACKER_ASSIGNMENT_CREATED,
      activity: 'Add app role assignment grant to user',
      category: 'UserManagement',
      operationType: 'Assign',
      by: BY_ATTACKER,
      targets: [
        appTarget(app, 'ServicePrincipal', [
          changed('AppRole.Id', null, DEFAULT_ACCESS_ROLE),
          changed('AppRole.Value', null, ''),
          changed('User.ObjectID', null, ALEX.id),
          changed('User.UPN', null, ALEX.userPrincipalName),
        ]),
        userTarget(ALEX),
      ],
    },
  ];
}

function otherEvents(): AuditSpec[] {
  const salesKey = passwordKey(SALES_EXPORT_SP_SECRET.keyId as string, 'automation');
  return [
    {
      at: '2026-12-02T09:21:44Z',
      activity: 'User registered security info',
      category: 'UserManagement',
      service: 'Authentication Methods',
      operationType: 'Add',
      by: BY_ATTACKER,
      targets: [userTarget(ALEX)],
      resultReason: 'User registered Authenticator App with Notification and Code',
    },
    {
      at: '2026-12-02T09:38:31Z',
      activity: 'Consent to application',
      category: 'ApplicationManagement',
      operationType: 'Assign',
      by: BY_ATTACKER,
      targets: [
        appTarget(
          SECUREDOC,
          'ServicePrincipal',
          consentProperties(GRANTS.alexSecureDoc, SECUREDOC, ' Mail.Read Mail.Send offline_access'),
        ),
      ],
      additionalDetails: [
        {
          key: 'User-Agent',
          value: ATTACKER_USER_AGENT,
        },
        { key: 'AppId', value: SECUREDOC.appId },
      ],
    },
    {
      at: '2026-12-02T09:38:31Z',
      activity: 'Add delegated permission grant',
      category: 'ApplicationManagement',
      operationType: 'Assign',
      by: BY_ATTACKER,
      targets: [
        appTarget(GRAPH_SP, 'ServicePrincipal', [
          changed('DelegatedPermissionGrant.Scope', '', ' Mail.Read Mail.Send offline_access'),
          changed('DelegatedPermissionGrant.ClientId', '', SECUREDOC.servicePrincipalId),
        ]),
      ],
    },
    {
      at: SALES_EXPORT_SP_SECRET.startDateTime as string,
      activity: 'Add service principal credentials',
      category: 'ApplicationManagement',
      operationType: 'Update',
      by: BY_ATTACKER,
      targets: [appTarget(SALES_EXPORT, 'ServicePrincipal', keyChange([], salesKey))],
    },
    {
      at: ATTACKER_DEVICE_REGISTERED,
      activity: 'Register device',
      category: 'Device',
      service: 'Device Registration Service',
      operationType: 'Add',
      by: { app: DRS_SP },
      targets: [objectTarget('Device', DEVICES.attacker, 'DESKTOP-7QK2M4R')],
      additionalDetails: [
        { key: 'Device Id', value: DEVICES.attacker },
        { key: 'Device OS', value: 'Windows' },
        { key: 'Device Trust Type', value: 'Workplace' },
        { key: 'Device Profile Type', value: 'RegisteredDevice' },
        { key: 'User IP', value: ATTACKER_V6.ip },
      ],
    },
    {
      at: ATTACKER_DEVICE_REGISTERED,
      activity: 'Add registered owner to device',
      category: 'Device',
      operationType: 'Assign',
      by: { app: DRS_SP },
      targets: [objectTarget('Device', DEVICES.attacker, 'DESKTOP-7QK2M4R'), userTarget(ALEX)],
    },
    {
      at: PASSWORD_RESET_AT,
      activity: 'Reset user password',
      category: 'UserManagement',
      operationType: 'Update',
      by: { person: PAT, ip: HOMES[PAT.id].ip },
      targets: [userTarget(ALEX)],
    },
  ];
}

export function attackAudits(random: Random): AuditRecord[] {
  return [...otherEvents(), ...appEvents()].map((spec) => buildAudit(random, spec));
}
