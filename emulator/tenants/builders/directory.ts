/** Adds the organization, users, groups, directory roles and managers of a Contoso tenant. */
import {
  ALEX,
  JORDAN,
  LENA,
  MORGAN,
  OMAR,
  PAT,
  type Person,
  RILEY,
  SEAN,
  TENANT_ID,
} from './people';
import type { SnapshotBuilder } from './snapshot';
import { GROUPS, ROLES } from './story';

interface GroupSpec {
  id: string;
  displayName: string;
  description: string;
  mailNickname: string;
  unified: boolean;
  createdDateTime: string;
}

const SOC_RESPONDERS: GroupSpec = {
  id: GROUPS.socResponders,
  displayName: 'SOC Responders',
  description: 'Analysts who may run Firebreak checks and request remediations.',
  mailNickname: 'soc-responders',
  unified: false,
  createdDateTime: '2024-09-03T17:20:11Z',
};
const SOC_ON_CALL: GroupSpec = {
  id: GROUPS.socOnCall,
  displayName: 'SOC On-Call',
  description: 'This week\u2019s on-call rotation of the security operations team.',
  mailNickname: 'soc-on-call',
  unified: false,
  createdDateTime: '2024-09-03T17:24:40Z',
};
const INCIDENT_APPROVERS: GroupSpec = {
  id: GROUPS.incidentApprovers,
  displayName: 'Incident Approvers',
  description: 'People who may approve remediations requested by a responder.',
  mailNickname: 'incident-approvers',
  unified: false,
  createdDateTime: '2024-09-03T17:26:02Z',
};
const SALES: GroupSpec = {
  id: GROUPS.sales,
  displayName: 'Sales',
  description: 'Sales team',
  mailNickname: 'sales',
  unified: true,
  createdDateTime: '2021-09-20T16:02:45Z',
};

export function userObject(person: Person, lastPasswordChange: string): Record<string, unknown> {
  const object: Record<string, unknown> = {
    id: person.id,
    businessPhones: [],
    displayName: person.displayName,
    givenName: person.givenName,
    jobTitle: person.jobTitle,
    mail: person.mail,
    mobilePhone: person.mobilePhone,
    officeLocation: person.officeLocation,
    preferredLanguage: 'en-US',
    surname: person.surname,
    userPrincipalName: person.userPrincipalName,
    accountEnabled: true,
    userType: person.userType,
    department: person.department,
    usageLocation: 'US',
    createdDateTime: person.createdDateTime,
    lastPasswordChangeDateTime: lastPasswordChange,
  };
  if (person.userType === 'Guest') {
    object.externalUserState = 'Accepted';
    object.creationType = 'Invitation';
  }
  return object;
}

function groupObject(group: GroupSpec): Record<string, unknown> {
  return {
    id: group.id,
    createdDateTime: group.createdDateTime,
    description: group.description,
    displayName: group.displayName,
    groupTypes: group.unified ? ['Unified'] : [],
    mail: group.unified ? `${group.mailNickname}@contoso.com` : null,
    mailEnabled: group.unified,
    mailNickname: group.mailNickname,
    securityEnabled: !group.unified,
    visibility: group.unified ? 'Private' : null,
  };
}

function typedGroup(group: GroupSpec): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.group', ...groupObject(group) };
}

function typedUser(person: Person, lastPasswordChange: string): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.user', ...userObject(person, lastPasswordChange) };
}

function typedRole(role: (typeof ROLES)[keyof typeof ROLES]): Record<string, unknown> {
  return {
    '@odata.type': '#microsoft.graph.directoryRole',
    id: role.id,
    deletedDateTime: null,
    description: `Members of this role have the ${role.displayName} permissions.`,
    displayName: role.displayName,
    roleTemplateId: role.templateId,
  };
}

/**
 * Adds users, groups with their members, each user's direct memberships and managers.
 * `passwordChanges` maps a user id to its `lastPasswordChangeDateTime`.
 */
export function addDirectory(
  builder: SnapshotBuilder,
  people: readonly Person[],
  passwordChanges: Record<string, string>,
): void {
  const changedAt = (person: Person): string =>
    passwordChanges[person.id] ?? person.createdDateTime;

  builder.add('organization', {
    id: TENANT_ID,
    displayName: 'Contoso',
    countryLetterCode: 'US',
    tenantType: 'AAD',
    verifiedDomains: [
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: true,
        isInitial: false,
        name: 'contoso.com',
        type: 'Managed',
      },
      {
        capabilities: 'Email, OfficeCommunicationsOnline',
        isDefault: false,
        isInitial: true,
        name: 'contoso.onmicrosoft.com',
        type: 'Managed',
      },
    ],
  });
  builder.add('users', ...people.map((person) => userObject(person, changedAt(person))));
  builder.add(
    'groups',
    ...[SOC_RESPONDERS, SOC_ON_CALL, INCIDENT_APPROVERS, SALES].map(groupObject),
  );

  const sales = [ALEX, MORGAN, SEAN, OMAR, LENA].filter((person) => people.includes(person));
  builder.add(
    `groups/${SOC_RESPONDERS.id}/members`,
    typedUser(RILEY, changedAt(RILEY)),
    typedGroup(SOC_ON_CALL),
  );
  builder.add(`groups/${SOC_ON_CALL.id}/members`, typedUser(JORDAN, changedAt(JORDAN)));
  builder.add(`groups/${INCIDENT_APPROVERS.id}/members`, typedUser(JORDAN, changedAt(JORDAN)));
  builder.add(
    `groups/${SALES.id}/members`,
    ...sales.map((person) => typedUser(person, changedAt(person))),
  );

  for (const person of sales) builder.add(`users/${person.id}/memberOf`, typedGroup(SALES));
  builder.add(
    `users/${RILEY.id}/memberOf`,
    typedGroup(SOC_RESPONDERS),
    typedRole(ROLES.securityOperator),
  );
  builder.add(
    `users/${JORDAN.id}/memberOf`,
    typedGroup(SOC_ON_CALL),
    typedGroup(INCIDENT_APPROVERS),
  );
  builder.add(`users/${PAT.id}/memberOf`, typedRole(ROLES.helpdesk));

  for (const report of [ALEX, SEAN, OMAR, LENA]) {
    if (people.includes(report))
      builder.set(`users/${report.id}/manager`, typedUser(MORGAN, changedAt(MORGAN)));
  }
  builder.set(`users/${RILEY.id}/manager`, typedUser(JORDAN, changedAt(JORDAN)));
}
