/**
 * Adds applications, service principals, their credentials, Alex's owned objects and the
 * delegated permission grants of a Contoso tenant.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import {
  ARCHIVE_CONNECTOR,
  DRS_SP,
  EXCHANGE_SP,
  GRAPH_EXPLORER,
  GRAPH_SCOPE_IDS,
  GRAPH_SP,
  INTRANET,
  PIM_SP,
  SALES_EXPORT,
  SECUREDOC,
  type TenantApp,
} from './apps';
import { ALEX } from './people';
import type { SnapshotBuilder } from './snapshot';
import { ARCHIVE_FIC_ID, GRANTS, KEYS } from './story';

function secret(
  keyId: string,
  displayName: string,
  startDateTime: string,
  endDateTime: string,
  hint: string,
): Graph.PasswordCredential {
  return {
    customKeyIdentifier: null,
    displayName,
    endDateTime,
    hint,
    keyId,
    secretText: null,
    startDateTime,
  };
}

const SALES_EXPORT_SECRET = secret(
  KEYS.salesExportOld,
  'export job',
  '2025-10-01T18:30:00Z',
  '2027-04-01T18:30:00Z',
  'Xq7',
);
/** Added by the attacker to the service principal, which the app registration does not show. */
export const SALES_EXPORT_SP_SECRET = secret(
  KEYS.salesExportSpAttacker,
  'automation',
  '2026-12-02T15:44:30Z',
  '2028-12-02T15:44:30Z',
  'vR2',
);
export const ARCHIVE_SECRET = secret(
  KEYS.archiveSecret,
  'sync',
  '2026-12-02T13:12:55Z',
  '2028-12-02T13:12:55Z',
  'k~8',
);

const INTRANET_CERT: Graph.KeyCredential = {
  customKeyIdentifier: '7B3C1D9E5A2F4B8C6D0E1F2A3B4C5D6E7F8A9B0C',
  displayName: 'CN=intranet.contoso.com',
  endDateTime: '2027-01-10T00:00:00Z',
  key: null,
  keyId: KEYS.intranetCert,
  startDateTime: '2025-01-10T00:00:00Z',
  type: 'AsymmetricX509Cert',
  usage: 'Verify',
};

export const ARCHIVE_FIC: Graph.FederatedIdentityCredential & { id: string } = {
  id: ARCHIVE_FIC_ID,
  name: 'archive-sync',
  issuer: 'https://oidc.mailbox-sync.example/',
  subject: 'system:serviceaccount:sync:archive',
  description: null,
  audiences: ['api://AzureADTokenExchange'],
};

function graphAccess(...scopes: string[]): Graph.RequiredResourceAccess[] {
  return [
    {
      resourceAppId: GRAPH_SP.appId,
      resourceAccess: scopes.map((scope) => ({ id: GRAPH_SCOPE_IDS[scope], type: 'Scope' })),
    },
  ];
}

function applicationObject(
  app: TenantApp,
  credentials: { password?: Graph.PasswordCredential[]; key?: Graph.KeyCredential[] },
  access: Graph.RequiredResourceAccess[],
): Record<string, unknown> {
  return {
    id: app.applicationId,
    deletedDateTime: null,
    appId: app.appId,
    createdDateTime: app.createdDateTime,
    description: null,
    displayName: app.displayName,
    identifierUris: [],
    publisherDomain: 'contoso.onmicrosoft.com',
    signInAudience: 'AzureADMyOrg',
    tags: [],
    keyCredentials: credentials.key ?? [],
    passwordCredentials: credentials.password ?? [],
    requiredResourceAccess: access,
    web: {
      homePageUrl: null,
      logoutUrl: null,
      redirectUris: [],
      implicitGrantSettings: { enableAccessTokenIssuance: false, enableIdTokenIssuance: false },
    },
  };
}

function servicePrincipalObject(
  app: TenantApp,
  passwordCredentials: Graph.PasswordCredential[] = [],
): Record<string, unknown> {
  return {
    id: app.servicePrincipalId,
    deletedDateTime: null,
    accountEnabled: true,
    appDisplayName: app.displayName,
    appId: app.appId,
    appOwnerOrganizationId: app.ownerTenantId,
    appRoleAssignmentRequired: false,
    displayName: app.displayName,
    servicePrincipalNames: [app.appId],
    servicePrincipalType: 'Application',
    signInAudience: app.applicationId === null ? 'AzureADMultipleOrgs' : 'AzureADMyOrg',
    tags: ['WindowsAzureActiveDirectoryIntegratedApp'],
    keyCredentials: [],
    passwordCredentials,
  };
}

const typed = (type: string, object: Record<string, unknown>): Record<string, unknown> => ({
  '@odata.type': `#microsoft.graph.${type}`,
  ...object,
});

export function addApplications(builder: SnapshotBuilder): void {
  const salesApp = applicationObject(
    SALES_EXPORT,
    { password: [SALES_EXPORT_SECRET] },
    graphAccess('User.Read'),
  );
  const salesSp = servicePrincipalObject(SALES_EXPORT, [SALES_EXPORT_SP_SECRET]);
  const archiveApp = applicationObject(
    ARCHIVE_CONNECTOR,
    { password: [ARCHIVE_SECRET] },
    graphAccess('Mail.Read', 'Mail.Send'),
  );
  const archiveSp = servicePrincipalObject(ARCHIVE_CONNECTOR);
  const intranetApp = applicationObject(
    INTRANET,
    { key: [INTRANET_CERT] },
    graphAccess('User.Read'),
  );

  builder.add('applications', intranetApp, salesApp, archiveApp);
  builder.add(
    'servicePrincipals',
    ...[GRAPH_SP, EXCHANGE_SP, GRAPH_EXPLORER, PIM_SP, DRS_SP, INTRANET, SECUREDOC].map((app) =>
      servicePrincipalObject(app),
    ),
    salesSp,
    archiveSp,
  );
  builder.add(
    `users/${ALEX.id}/ownedObjects`,
    typed('application', salesApp),
    typed('servicePrincipal', salesSp),
    typed('application', archiveApp),
    typed('servicePrincipal', archiveSp),
  );
  builder.add(
    `applications/${ARCHIVE_CONNECTOR.applicationId}/federatedIdentityCredentials`,
    ARCHIVE_FIC,
  );

  builder.add(
    'oauth2PermissionGrants',
    {
      clientId: INTRANET.servicePrincipalId,
      consentType: 'AllPrincipals',
      id: GRANTS.intranetAllPrincipals,
      principalId: null,
      resourceId: GRAPH_SP.servicePrincipalId,
      scope: 'User.Read',
    },
    {
      clientId: GRAPH_EXPLORER.servicePrincipalId,
      consentType: 'Principal',
      id: GRANTS.alexGraphExplorer,
      principalId: ALEX.id,
      resourceId: GRAPH_SP.servicePrincipalId,
      scope: 'openid profile User.Read',
    },
    // Graph sometimes returns `scope` with a leading space, so this grant keeps one.
    {
      clientId: SECUREDOC.servicePrincipalId,
      consentType: 'Principal',
      id: GRANTS.alexSecureDoc,
      principalId: ALEX.id,
      resourceId: GRAPH_SP.servicePrincipalId,
      scope: ' Mail.Read Mail.Send offline_access',
    },
  );
}
