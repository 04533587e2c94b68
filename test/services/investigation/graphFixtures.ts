/**
 * Graph-shaped test data built from the v1.0 resource shapes (signIn, directoryAudit,
 * messageRule, message, oauth2PermissionGrant, ...). Only the fields a test needs are set;
 * the rest stay absent, as Graph leaves them when `$select` omits them.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type {
  Collected,
  InvestigationData,
  TypedObject,
} from '../../../services/investigation/data';

export const USER_ID = '5f8d1c2e-3b4a-4c6d-9e0f-1a2b3c4d5e6f';
export const OTHER_USER_ID = '0c9b8a7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d';
export const OFFICE_IP = '198.51.100.10';
export const ATTACKER_IP = '203.0.113.66';

export const USER: Graph.User = {
  id: USER_ID,
  userPrincipalName: 'alex.doe@contoso.com',
  mail: 'alex.doe@contoso.com',
  displayName: 'Alex Doe',
};

export const WINDOW = {
  since: new Date('2026-12-02T09:00:00Z'),
  until: new Date('2026-12-03T12:00:00Z'),
  baselineStart: new Date('2026-11-18T09:00:00Z'),
};

/** Returns a time inside the window, `hours` after its start. */
export function inWindow(hours: number): string {
  return new Date(WINDOW.since.getTime() + hours * 3_600_000).toISOString();
}

/** Returns a time inside the baseline, `days` before the window starts. */
export function inBaseline(days: number): string {
  return new Date(WINDOW.since.getTime() - days * 86_400_000).toISOString();
}

export function ok<T>(items: T[], truncatedAt?: number): Collected<T> {
  return truncatedAt === undefined ? { ok: true, items } : { ok: true, items, truncatedAt };
}

export function failed<T>(reason: string, requestId?: string): Collected<T> {
  return { ok: false, reason, requestId, status: 403 };
}

/** Builds data with every read successful and empty, changed by `parts`. */
export function investigationData(parts: Partial<InvestigationData> = {}): InvestigationData {
  return {
    user: USER,
    window: WINDOW,
    tenantDomains: ['contoso.com', 'contoso.onmicrosoft.com'],
    signIns: ok([]),
    audits: ok([]),
    riskDetections: ok([]),
    authMethods: ok([]),
    inboxRules: ok([]),
    sentMessages: ok([]),
    ownedObjects: ok([]),
    touchedObjects: ok([]),
    federatedCredentials: ok([]),
    grants: ok([]),
    appRoleAssignments: ok([]),
    devices: ok([]),
    memberOf: ok([]),
    ...parts,
  };
}

let sequence = 0;
function nextId(prefix: string): string {
  sequence += 1;
  return `${prefix}-${String(sequence).padStart(4, '0')}`;
}

/** Builds a successful sign-in of the user from the office, changed by `fields`. */
export function signIn(
  fields: Partial<Graph.SignIn> & { signInEventTypes?: string[] } = {},
): Graph.SignIn & { signInEventTypes?: string[] } {
  return {
    id: nextId('signin'),
    createdDateTime: inWindow(1),
    userId: USER_ID,
    userPrincipalName: 'alex.doe@contoso.com',
    appId: '00000002-0000-0ff1-ce00-000000000000',
    appDisplayName: 'Office 365 Exchange Online',
    ipAddress: OFFICE_IP,
    clientAppUsed: 'Browser',
    isInteractive: true,
    status: { errorCode: 0, failureReason: 'Other.', additionalDetails: null },
    location: { city: 'Seattle', state: 'Washington', countryOrRegion: 'US' },
    deviceDetail: {
      deviceId: '',
      displayName: '',
      operatingSystem: 'Windows10',
      browser: 'Edge 131.0.0',
    },
    riskLevelDuringSignIn: 'none',
    riskLevelAggregated: 'none',
    riskState: 'none',
    signInEventTypes: ['interactiveUser'],
    ...fields,
  };
}

/** The user as an audit initiator. */
export const BY_USER: Graph.AuditActivityInitiator = {
  user: { id: USER_ID, userPrincipalName: 'alex.doe@contoso.com', ipAddress: ATTACKER_IP },
  app: null,
};

/** Another user as an audit initiator. */
export const BY_OTHER: Graph.AuditActivityInitiator = {
  user: { id: OTHER_USER_ID, userPrincipalName: 'morgan.lee@contoso.com', ipAddress: OFFICE_IP },
  app: null,
};

/** The user as an audit target. */
export const USER_TARGET: Graph.TargetResource = {
  id: USER_ID,
  type: 'User',
  displayName: null,
  userPrincipalName: 'alex.doe@contoso.com',
  modifiedProperties: [],
};

/** Builds a directory audit event initiated by the user in the window, changed by `fields`. */
export function audit(
  activity: string,
  fields: Partial<Graph.DirectoryAudit> = {},
): Graph.DirectoryAudit {
  return {
    id: nextId('Directory_audit'),
    category: 'ApplicationManagement',
    correlationId: nextId('correlation'),
    activityDisplayName: activity,
    activityDateTime: inWindow(2),
    loggedByService: 'Core Directory',
    operationType: 'Add',
    result: 'success',
    resultReason: '',
    initiatedBy: BY_USER,
    targetResources: [],
    additionalDetails: [],
    ...fields,
  };
}

/** Builds an audit target whose modified properties are [name, old value, new value] strings. */
export function target(
  type: string,
  id: string,
  displayName: string | null,
  properties: [string, string, string][] = [],
): Graph.TargetResource {
  return {
    id,
    type,
    displayName,
    userPrincipalName: null,
    modifiedProperties: properties.map(([name, oldValue, newValue]) => ({
      displayName: name,
      oldValue,
      newValue,
    })),
  };
}

/** Builds an application as /users/{id}/ownedObjects returns it. */
export function application(fields: Record<string, unknown> & { id: string }): TypedObject {
  return {
    '@odata.type': '#microsoft.graph.application',
    appId: nextId('app'),
    displayName: 'Contoso Reports',
    createdDateTime: inBaseline(200),
    passwordCredentials: [],
    keyCredentials: [],
    ...fields,
  };
}

/** Builds a service principal as /users/{id}/ownedObjects returns it. */
export function servicePrincipal(fields: Record<string, unknown> & { id: string }): TypedObject {
  return {
    '@odata.type': '#microsoft.graph.servicePrincipal',
    appId: nextId('app'),
    displayName: 'Contoso Reports',
    servicePrincipalType: 'Application',
    passwordCredentials: [],
    keyCredentials: [],
    ...fields,
  };
}

/** Builds a password credential as Graph returns it, with no secret text and a hint. */
export function secret(
  keyId: string,
  startDateTime: string,
  displayName = 'secret',
): Record<string, unknown> {
  return {
    customKeyIdentifier: null,
    displayName,
    endDateTime: '2028-12-02T10:00:00Z',
    hint: 'xQ7',
    keyId,
    secretText: null,
    startDateTime,
  };
}
