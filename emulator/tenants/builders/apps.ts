/**
 * Applications of the Contoso demo tenants: first-party clients that appear in sign-ins, the
 * resource service principals, and the tenant's own and attacker-made app registrations.
 */
import { TENANT_ID } from './people';
import { guidFor } from './random';

/** Tenant that owns Microsoft's first-party applications. */
const TENANT_ID_MICROSOFT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

/** A client application as a sign-in names it, and the resource it requested a token for. */
export interface SignInApp {
  appId: string;
  appDisplayName: string;
  resourceId: string;
  resourceDisplayName: string;
}

const EXCHANGE = {
  resourceId: '00000002-0000-0ff1-ce00-000000000000',
  resourceDisplayName: 'Office 365 Exchange Online',
};
const GRAPH = {
  resourceId: '00000003-0000-0000-c000-000000000000',
  resourceDisplayName: 'Microsoft Graph',
};
const TEAMS_SERVICE = {
  resourceId: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe',
  resourceDisplayName: 'Microsoft Teams Services',
};
const AZURE_MANAGEMENT = {
  resourceId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
  resourceDisplayName: 'Windows Azure Service Management API',
};

// First-party application ids are the public ones Entra ID shows in every tenant.
export const OUTLOOK_WEB: SignInApp = {
  appId: '9199bf20-a13f-4107-85dc-02114787ef48',
  appDisplayName: 'One Outlook Web',
  ...EXCHANGE,
};
export const OFFICE_HOME: SignInApp = {
  appId: '4765445b-32c6-49b0-83e6-1d93765276ca',
  appDisplayName: 'OfficeHome',
  ...GRAPH,
};
export const TEAMS: SignInApp = {
  appId: '1fec8e78-bce4-4aaf-ab1b-5451cc387264',
  appDisplayName: 'Microsoft Teams',
  ...TEAMS_SERVICE,
};
export const OFFICE_DESKTOP: SignInApp = {
  appId: 'd3590ed6-52b3-4102-aeff-aad2292ab01c',
  appDisplayName: 'Microsoft Office',
  ...EXCHANGE,
};
export const OUTLOOK_MOBILE: SignInApp = {
  appId: '27922004-5251-4030-b22d-91ecd9a37ea4',
  appDisplayName: 'Outlook Mobile',
  ...EXCHANGE,
};
export const EXCHANGE_ONLINE: SignInApp = {
  appId: EXCHANGE.resourceId,
  appDisplayName: 'Office 365 Exchange Online',
  ...EXCHANGE,
};
export const MY_SIGNINS: SignInApp = {
  appId: '19db86c3-b2b9-44cc-b339-36da233a3be2',
  appDisplayName: 'My Signins',
  ...GRAPH,
};
export const AZURE_PORTAL: SignInApp = {
  appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  appDisplayName: 'Azure Portal',
  ...AZURE_MANAGEMENT,
};
export const AUTH_BROKER: SignInApp = {
  appId: '29d9ed98-a469-4536-ade2-f981bc1d605e',
  appDisplayName: 'Microsoft Authentication Broker',
  ...GRAPH,
};

/** An app registration or service principal of the tenant, with ids for both objects. */
export interface TenantApp {
  displayName: string;
  appId: string;
  /** Object id of the application, or null when the app is registered in another tenant. */
  applicationId: string | null;
  servicePrincipalId: string;
  ownerTenantId: string;
  createdDateTime: string | null;
}

function firstParty(appId: string, displayName: string): TenantApp {
  return {
    displayName,
    appId,
    applicationId: null,
    servicePrincipalId: guidFor(`sp:${appId}`),
    ownerTenantId: TENANT_ID_MICROSOFT,
    createdDateTime: null,
  };
}

function registered(key: string, displayName: string, createdDateTime: string): TenantApp {
  return {
    displayName,
    appId: guidFor(`appId:${key}`),
    applicationId: guidFor(`application:${key}`),
    servicePrincipalId: guidFor(`sp:${key}`),
    ownerTenantId: TENANT_ID,
    createdDateTime,
  };
}

export const GRAPH_SP = firstParty(GRAPH.resourceId, 'Microsoft Graph');
export const EXCHANGE_SP = firstParty(EXCHANGE.resourceId, 'Office 365 Exchange Online');
export const GRAPH_EXPLORER = firstParty('de8bc8b5-d9f9-48b1-a8ad-b748da725064', 'Graph Explorer');
export const PIM_SP = firstParty('01fc33a7-78ba-4d2f-a4b7-768e336e890e', 'MS-PIM');
export const DRS_SP = firstParty(
  '01cb2876-7ebd-4aa4-9cc9-d28bd4d359a9',
  'Device Registration Service',
);

/** Alex's own app, registered long before the attack. The attacker adds a secret to its SP. */
export const SALES_EXPORT = registered(
  'sales-report-export',
  'Sales Report Export',
  '2025-04-14T18:22:05Z',
);
/** The app the attacker registers with Alex's account. */
export const ARCHIVE_CONNECTOR = registered(
  'mail-archive-connector',
  'Mail Archive Connector',
  '2026-12-02T13:10:12Z',
);
/** Corporate app with a tenant-wide admin consent for User.Read. */
export const INTRANET = registered('contoso-intranet', 'Contoso Intranet', '2024-01-09T19:40:33Z');

/** The attacker's multi-tenant app that Alex consents to. Only its SP is in Contoso. */
export const SECUREDOC: TenantApp = {
  displayName: 'SecureDoc Viewer',
  appId: guidFor('appId:securedoc-viewer'),
  applicationId: null,
  servicePrincipalId: guidFor('sp:securedoc-viewer'),
  ownerTenantId: guidFor('tenant:securedoc'),
  createdDateTime: null,
};

export const GRAPH_SCOPE_IDS: Record<string, string> = {
  'User.Read': 'e1fe6dd8-ba31-4d61-89e7-88639da4683d',
  'Mail.Read': '570282fd-fa5c-430d-a7fd-fc8dc98a9dca',
  'Mail.Send': 'e383f46e-2787-4529-855e-0e479a3ffac0',
  offline_access: '7427e0e9-2fba-42fe-b0c0-848c9e6a8182',
};

/** Default access role id, used when an app defines no app roles. */
export const DEFAULT_ACCESS_ROLE = '00000000-0000-0000-0000-000000000000';
