/**
 * Ordinary directory audit events of a Contoso tenant: profile updates, self-service password
 * changes, security info registrations, group changes, Alex's read-only consent before the
 * window, and a PIM role activation after the incident. None of them is Alex's compromise.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { GRAPH_EXPLORER, GRAPH_SP, PIM_SP, type TenantApp } from './apps';
import { ALEXANDRA_METHOD_CREATED } from './accounts';
import {
  appTarget,
  type AuditRecord,
  buildAudit,
  changed,
  objectTarget,
  userTarget,
} from './audits';
import {
  ALEX,
  ALEX_HOME,
  ALEXANDRA,
  HOMES,
  JORDAN,
  LENA,
  OFFICE,
  PAT,
  RILEY,
  SEAN,
} from './people';
import type { Random } from './random';
import { addMinutes } from './signIns';
import { GRANTS, GROUPS, ROLES } from './story';

const AUTH_METHODS = 'Authentication Methods';

export function routineAudits(random: Random): AuditRecord[] {
  return [
    buildAudit(random, {
      at: '2026-11-19T17:30:12Z',
      activity: 'Update user',
      category: 'UserManagement',
      operationType: 'Update',
      by: { person: PAT, ip: OFFICE.ip },
      targets: [userTarget(SEAN, [changed('JobTitle', ['Sales Associate'], ['Sales Engineer'])])],
    }),
    buildAudit(random, {
      at: '2026-11-20T18:02:47Z',
      activity: 'Change password (self-service)',
      category: 'UserManagement',
      service: 'Self-service Password Management',
      operationType: 'Update',
      by: { person: SEAN, ip: OFFICE.ip },
      targets: [userTarget(SEAN)],
      resultReason: 'User changed password',
    }),
    buildAudit(random, {
      at: '2026-11-24T18:40:03Z',
      activity: 'Consent to application',
      category: 'ApplicationManagement',
      operationType: 'Assign',
      by: { person: ALEX, ip: OFFICE.ip },
      targets: [
        appTarget(
          GRAPH_EXPLORER,
          'ServicePrincipal',
          consentProperties(GRANTS.alexGraphExplorer, GRAPH_EXPLORER, 'openid profile User.Read'),
        ),
      ],
    }),
    buildAudit(random, {
      at: '2026-11-25T16:20:31Z',
      activity: 'User registered security info',
      category: 'UserManagement',
      service: AUTH_METHODS,
      operationType: 'Add',
      by: { person: LENA, ip: OFFICE.ip },
      targets: [userTarget(LENA)],
      resultReason: 'User registered Mobile Phone SMS',
    }),
    buildAudit(random, {
      at: '2026-11-30T19:12:55Z',
      activity: 'Add member to group',
      category: 'GroupManagement',
      operationType: 'Assign',
      by: { person: JORDAN, ip: OFFICE.ip },
      targets: [userTarget(RILEY), objectTarget('Group', GROUPS.socResponders, 'SOC Responders')],
    }),
    buildAudit(random, {
      at: '2026-12-02T18:10:26Z',
      activity: 'Update user',
      category: 'UserManagement',
      operationType: 'Update',
      by: { person: PAT, ip: OFFICE.ip },
      targets: [userTarget(ALEXANDRA, [changed('Department', ['Accounting'], ['Finance'])])],
    }),
    buildAudit(random, {
      at: addMinutes(ALEXANDRA_METHOD_CREATED, 0, 4),
      activity: 'User registered security info',
      category: 'UserManagement',
      service: AUTH_METHODS,
      operationType: 'Add',
      by: { person: ALEXANDRA, ip: HOMES[ALEXANDRA.id].ip },
      targets: [userTarget(ALEXANDRA)],
      resultReason: 'User registered Authenticator App with Notification and Code',
    }),
    buildAudit(random, {
      at: '2026-12-03T07:03:19Z',
      activity: 'Add member to role',
      category: 'RoleManagement',
      operationType: 'Assign',
      by: { app: PIM_SP },
      targets: [
        userTarget(RILEY),
        objectTarget('Role', ROLES.securityOperator.id, ROLES.securityOperator.displayName, [
          changed('Role.DisplayName', null, ROLES.securityOperator.displayName),
          changed('Role.TemplateId', null, ROLES.securityOperator.templateId),
        ]),
      ],
    }),
    buildAudit(random, {
      at: '2026-11-27T03:15:40Z',
      activity: 'Update user',
      category: 'UserManagement',
      operationType: 'Update',
      by: { person: ALEX, ip: ALEX_HOME.ip },
      targets: [userTarget(ALEX, [changed('MobilePhone', [], ['+1 2065550142'])])],
    }),
  ];
}

/** Modified properties of a `Consent to application` event, as Entra ID writes them. */
export function consentProperties(
  grantId: string,
  client: TenantApp,
  scope: string,
  principalId = ALEX.id,
): Graph.ModifiedProperty[] {
  const grant = [
    `Id: ${grantId}`,
    `ClientId: ${client.servicePrincipalId}`,
    `PrincipalId: ${principalId}`,
    `ResourceId: ${GRAPH_SP.servicePrincipalId}`,
    'ConsentType: Principal',
    `Scope: ${scope}`,
    'CreatedDateTime: ',
    'LastModifiedDateTime ',
  ];
  const permissions = `[] => [[${grant.join(', ')}]]; `;
  return [
    changed('ConsentContext.IsAdminConsent', null, 'False'),
    changed('ConsentContext.IsAppOnly', null, 'False'),
    changed('ConsentContext.OnBehalfOfAll', null, 'False'),
    changed('ConsentContext.Tags', null, 'WindowsAzureActiveDirectoryIntegratedApp'),
    changed('ConsentAction.Permissions', null, permissions),
    changed('TargetId.ServicePrincipalNames', null, client.appId),
  ];
}
