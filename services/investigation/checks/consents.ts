/**
 * Delegated consents: a consent the user gave in the window, or a grant the user holds whose
 * scopes reach mail, files or the directory. Grants carry no time, so the time comes from the
 * "Consent to application" audit event when there is one.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { EvidenceValue } from '../../domain';
import type { InvestigationData } from '../data';
import {
  auditEvidence,
  auditsInWindow,
  changedValues,
  isInitiatedBy,
  targetsOfType,
} from './audit';
import type { Check, FindingDraft, RemediationDraft } from './types';
import { distinct, folded, rows, sameId, text } from './values';
import { findingTime } from './window';

/** Scopes that read or change mail, files or the directory as the user. */
const RISKY_SCOPES = [
  /^mail\./,
  /^mailboxsettings\.readwrite$/,
  /^files\.readwrite/,
  /^sites\.readwrite/,
  /^directory\.readwrite/,
  /^user\.readwrite\.all$/,
  /^full_access_as_user$/,
  /^ews\.accessasuser\.all$/,
];

interface Client {
  clientId: string;
  audits: Graph.DirectoryAudit[];
  userGrants: Graph.OAuth2PermissionGrant[];
  tenantGrants: Graph.OAuth2PermissionGrant[];
}

export const consentCheck: Check = {
  section: 'consents',
  needs: ['audits', 'grants'],
  run(data) {
    return [...clients(data).values()].flatMap((client) => consentFindings(data, client));
  },
};

/** Splits a grant's scope string, which Graph pads with stray spaces at times. */
export function scopesOf(scope: unknown): string[] {
  return typeof scope === 'string' ? distinct(scope.split(/\s+/)) : [];
}

export function isRiskyScope(scope: string): boolean {
  const lower = scope.toLowerCase();
  return RISKY_SCOPES.some((pattern) => pattern.test(lower));
}

function clients(data: InvestigationData): Map<string, Client> {
  const byClient = new Map<string, Client>();
  const clientOf = (id: string): Client => {
    const key = id.toLowerCase();
    const found = byClient.get(key) ?? {
      clientId: id,
      audits: [],
      userGrants: [],
      tenantGrants: [],
    };
    byClient.set(key, found);
    return found;
  };
  for (const audit of auditsInWindow(data, ['Consent to application'])) {
    if (!isInitiatedBy(audit, data.user)) continue;
    for (const target of targetsOfType(audit, ['ServicePrincipal'])) {
      const id = text(target.id);
      if (id !== null) clientOf(id).audits.push(audit);
    }
  }
  const grants = rows(data.grants, 'grants');
  for (const grant of grants) {
    const clientId = text(grant.clientId);
    const isUsers =
      folded(grant.consentType) === 'principal' && sameId(grant.principalId, data.user.id);
    if (clientId !== null && isUsers) clientOf(clientId).userGrants.push(grant);
  }
  // A tenant-wide grant joins only a client the user consented to or holds a grant for.
  for (const grant of grants) {
    const client = byClient.get(folded(grant.clientId));
    if (client !== undefined && folded(grant.consentType) === 'allprincipals') {
      client.tenantGrants.push(grant);
    }
  }
  return byClient;
}

/** Returns "true", "false" or null for a consent flag in the audit event. */
function consentFlag(audits: Graph.DirectoryAudit[], name: string): boolean | null {
  const values = audits
    .flatMap((audit) => changedValues(audit, [name]))
    .map((c) => folded(c.newValue));
  if (values.includes('true')) return true;
  return values.includes('false') ? false : null;
}

// ConsentAction.Permissions contains text such as
// "[[Id: …, ConsentType: Principal, Scope: Mail.Read …]]".
function auditScopes(audits: Graph.DirectoryAudit[]): string[] {
  const changes = audits.flatMap((audit) => changedValues(audit, ['ConsentAction.Permissions']));
  return changes.flatMap((change) => {
    const value =
      typeof change.newValue === 'string' ? change.newValue : JSON.stringify(change.newValue ?? '');
    return [...value.matchAll(/Scope:\s*([^,\]]*)/g)].flatMap((match) => scopesOf(match[1]));
  });
}

function consentFindings(data: InvestigationData, client: Client): FindingDraft[] {
  const { audits, userGrants } = client;
  const tenantWide = consentFlag(audits, 'ConsentContext.OnBehalfOfAll');
  // NOTE: tenant-wide grants are offered only when the data contains them. A read of grants by
  // principalId alone never returns them, and then only the evidence shows onBehalfOfAll.
  const tenantGrants = tenantWide === true ? client.tenantGrants : [];
  const grants = [...userGrants, ...tenantGrants];
  const scopes = distinct([
    ...grants.flatMap((grant) => scopesOf(grant.scope)),
    ...auditScopes(audits),
  ]);
  const risky = scopes.filter(isRiskyScope);
  const inWindow = audits.length > 0;
  if (!inWindow && risky.length === 0) return [];

  const first = audits[0];
  const appName =
    text(targetsOfType(first ?? {}, ['ServicePrincipal'])[0]?.displayName) ?? client.clientId;
  const time = findingTime(first?.activityDateTime, data.window);
  const evidence: Record<string, EvidenceValue> = {
    clientId: client.clientId,
    appName,
    grantIds: distinct(userGrants.map((grant) => grant.id)),
    tenantWideGrantIds: distinct(tenantGrants.map((grant) => grant.id)),
    resourceIds: distinct(grants.map((grant) => grant.resourceId)),
    scopes,
    riskyScopes: risky,
    isAdminConsent: consentFlag(audits, 'ConsentContext.IsAdminConsent'),
    onBehalfOfAll: tenantWide,
    timeKnown: time.timeKnown,
    ...(first === undefined ? {} : auditEvidence(first)),
  };
  return [
    {
      kind: 'consent.granted',
      severity: inWindow && risky.length > 0 ? 'high' : 'medium',
      title: consentTitle(appName, tenantWide === true, risky),
      at: time.at,
      attack: 'T1528',
      evidence,
      actions: [
        ...userGrants.filter(hasId).map((grant) => removeConsent(grant, appName, false)),
        ...tenantGrants.filter(hasId).map((grant) => removeConsent(grant, appName, true)),
      ],
    },
  ];
}

function consentTitle(appName: string, tenantWide: boolean, risky: string[]): string {
  const consent = tenantWide ? 'Tenant-wide consent' : 'Consent';
  const scopes = risky.length > 0 ? ` with ${risky.join(' ')}` : '';
  return `${consent} to ${appName}${scopes}`;
}

function hasId(grant: Graph.OAuth2PermissionGrant): boolean {
  return text(grant.id) !== null;
}

/**
 * Returns the removal of one grant. The user's own grant and a tenant-wide grant can share
 * client and resource. Removing the tenant-wide one affects every user, so it is its own action.
 */
function removeConsent(
  grant: Graph.OAuth2PermissionGrant,
  appName: string,
  tenantWide: boolean,
): RemediationDraft {
  return {
    kind: 'remove-consent',
    target: {
      type: 'oauth2PermissionGrant',
      id: text(grant.id) ?? '',
      displayName: appName,
      details: {
        clientId: text(grant.clientId) ?? '',
        resourceId: text(grant.resourceId) ?? '',
        consentType: tenantWide ? 'AllPrincipals' : 'Principal',
      },
    },
    label: tenantWide
      ? `Remove tenant-wide consent for ${appName}`
      : `Remove consent for ${appName}`,
  };
}
