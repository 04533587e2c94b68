import {
  DIRECTORY_AUDIT_FILTERABLE,
  GRANT_PROPERTIES,
  MESSAGE_PROPERTIES,
  RISK_DETECTION_FILTERABLE,
  SIGN_IN_FILTERABLE,
  USER_FILTERABLE,
  USER_PROPERTIES,
} from './filterable';

export { BETA_SIGN_IN_PROPERTIES } from './filterable';

/** Description of one kind of Graph collection that the emulator serves. */
export interface ResourceDefinition {
  /** Path relative to the version root; `*` stands for one id segment. */
  template: string;
  /** OData type name, used in error messages as Graph does (`microsoft.graph.user`). */
  typeName: string;
  /** Directory objects need `ConsistencyLevel: eventual` for `$count` and advanced filters. */
  directoryObject: boolean;
  defaultPageSize: number;
  maxPageSize: number;
  /** Graph's response to `$top` above the maximum: a 400 or a silent cap. */
  overMaxPageSize: 'reject' | 'cap';
  /** Top-level properties `$filter` may use; when absent, any known property may be used. */
  filterable?: readonly string[];
  /** Properties that exist on the type even when no stored item carries them. */
  properties?: readonly string[];
  /**
   * Whether `properties` lists the whole type, so `$select` of any other name is a 400. When
   * false, `$select` of an unknown name returns items without it.
   */
  strictSelect?: boolean;
}

const DIRECTORY = {
  directoryObject: true,
  defaultPageSize: 100,
  maxPageSize: 999,
  overMaxPageSize: 'reject',
} as const;

const OTHER = {
  directoryObject: false,
  defaultPageSize: 100,
  maxPageSize: 999,
  overMaxPageSize: 'reject',
} as const;

const REPORT = {
  directoryObject: false,
  defaultPageSize: 1000,
  maxPageSize: 1000,
  overMaxPageSize: 'cap',
} as const;

const MESSAGES = {
  typeName: 'microsoft.graph.message',
  properties: MESSAGE_PROPERTIES,
  directoryObject: false,
  defaultPageSize: 10,
  maxPageSize: 1000,
  overMaxPageSize: 'cap',
} as const;

export const RESOURCES: readonly ResourceDefinition[] = [
  {
    template: 'users',
    typeName: 'microsoft.graph.user',
    ...DIRECTORY,
    filterable: USER_FILTERABLE,
    properties: USER_PROPERTIES,
    strictSelect: true,
  },
  { template: 'groups', typeName: 'microsoft.graph.group', ...DIRECTORY },
  { template: 'groups/*/members', typeName: 'microsoft.graph.directoryObject', ...DIRECTORY },
  {
    template: 'groups/*/transitiveMembers',
    typeName: 'microsoft.graph.directoryObject',
    ...DIRECTORY,
  },
  { template: 'applications', typeName: 'microsoft.graph.application', ...DIRECTORY },
  {
    template: 'applications/*/federatedIdentityCredentials',
    typeName: 'microsoft.graph.federatedIdentityCredential',
    ...OTHER,
  },
  { template: 'servicePrincipals', typeName: 'microsoft.graph.servicePrincipal', ...DIRECTORY },
  {
    template: 'servicePrincipals/*/appRoleAssignedTo',
    typeName: 'microsoft.graph.appRoleAssignment',
    ...OTHER,
  },
  {
    template: 'oauth2PermissionGrants',
    typeName: 'microsoft.graph.oAuth2PermissionGrant',
    ...OTHER,
    filterable: ['id', 'clientId', 'consentType', 'principalId', 'resourceId'],
    properties: GRANT_PROPERTIES,
  },
  {
    template: 'auditLogs/signIns',
    typeName: 'microsoft.graph.signIn',
    ...REPORT,
    filterable: SIGN_IN_FILTERABLE,
  },
  {
    template: 'auditLogs/directoryAudits',
    typeName: 'microsoft.graph.directoryAudit',
    ...REPORT,
    filterable: DIRECTORY_AUDIT_FILTERABLE,
  },
  {
    template: 'identityProtection/riskDetections',
    typeName: 'microsoft.graph.riskDetection',
    ...OTHER,
    maxPageSize: 500,
    filterable: RISK_DETECTION_FILTERABLE,
  },
  {
    template: 'identityProtection/riskyUsers',
    typeName: 'microsoft.graph.riskyUser',
    ...OTHER,
    maxPageSize: 500,
    properties: ['riskState', 'riskLevel', 'riskDetail', 'riskLastUpdatedDateTime'],
  },
  { template: 'organization', typeName: 'microsoft.graph.organization', ...DIRECTORY },
  {
    template: 'users/*/authentication/methods',
    typeName: 'microsoft.graph.authenticationMethod',
    ...OTHER,
  },
  {
    template: 'users/*/authentication/*',
    typeName: 'microsoft.graph.authenticationMethod',
    ...OTHER,
  },
  {
    template: 'users/*/mailFolders/*/messageRules',
    typeName: 'microsoft.graph.messageRule',
    ...OTHER,
  },
  { template: 'users/*/mailFolders/*/messages', ...MESSAGES },
  { template: 'users/*/messages', ...MESSAGES },
  { template: 'users/*/ownedObjects', typeName: 'microsoft.graph.directoryObject', ...DIRECTORY },
  { template: 'users/*/memberOf', typeName: 'microsoft.graph.directoryObject', ...DIRECTORY },
  {
    template: 'users/*/transitiveMemberOf',
    typeName: 'microsoft.graph.directoryObject',
    ...DIRECTORY,
  },
  {
    template: 'users/*/registeredDevices',
    typeName: 'microsoft.graph.directoryObject',
    ...DIRECTORY,
  },
  { template: 'users/*/ownedDevices', typeName: 'microsoft.graph.directoryObject', ...DIRECTORY },
  {
    template: 'users/*/appRoleAssignments',
    typeName: 'microsoft.graph.appRoleAssignment',
    ...OTHER,
  },
  {
    template: 'users/*/oauth2PermissionGrants',
    typeName: 'microsoft.graph.oAuth2PermissionGrant',
    ...OTHER,
  },
];

/** Paths that hold one object rather than a collection. */
export const SINGLE_OBJECTS: readonly string[] = ['users/*/manager'];

export function matchesTemplate(template: string, segments: readonly string[]): boolean {
  const parts = template.split('/');
  return (
    parts.length === segments.length &&
    parts.every((part, index) => part === '*' || part === segments[index])
  );
}

export function findResource(segments: readonly string[]): ResourceDefinition | undefined {
  return RESOURCES.find((resource) => matchesTemplate(resource.template, segments));
}

/**
 * Returns the first segment no known path can continue with, for Graph's
 * "Resource not found for the segment" error.
 */
export function unknownSegment(segments: readonly string[]): string {
  const templates = [...RESOURCES.map((resource) => resource.template), ...SINGLE_OBJECTS];
  for (let length = 1; length <= segments.length; length += 1) {
    const prefix = segments.slice(0, length);
    const known = templates.some((template) => {
      const parts = template.split('/');
      if (parts.length < length) return false;
      return prefix.every((segment, index) => parts[index] === '*' || parts[index] === segment);
    });
    if (!known) return segments[length - 1];
  }
  return segments[segments.length - 1];
}
