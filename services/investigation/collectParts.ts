/**
 * Turns Graph read results into the collections the checks consume. Each failure becomes a
 * reason that names the section, and for 403 the permission, so no failed read looks empty.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { describeFailure } from '../graph/failure';
import { segment } from '../graph/odata';
import type { ReadRequest, ReadResult } from '../graph/reader';
import type { Collected, InvestigationData, TypedObject } from './data';

/** Permission each read needs, named in the reason when Graph returns 403. */
const PERMISSIONS: Partial<Record<keyof InvestigationData, string>> = {
  signIns: 'AuditLog.Read.All',
  audits: 'AuditLog.Read.All',
  riskDetections: 'IdentityRiskEvent.Read.All',
  authMethods: 'UserAuthenticationMethod.Read.All',
  inboxRules: 'MailboxSettings.Read',
  sentMessages: 'Mail.ReadBasic.All',
  grants: 'DelegatedPermissionGrant.Read.All',
};

export const SECTION_NAMES: Record<string, string> = {
  signIns: 'sign-in logs',
  signInsInteractive: 'sign-in logs',
  auditsByUser: 'directory audit log',
  auditsOfUser: 'directory audit log',
  riskDetections: 'risk detections',
  authMethods: 'authentication methods',
  inboxRules: 'inbox rules',
  sentMessages: 'sent mail',
  ownedObjects: 'owned apps and service principals',
  grants: 'consent grants',
  appRoleAssignments: 'app role assignments',
  devices: 'registered devices',
  memberOf: 'group and role memberships',
};

/** Federated credentials of each owned application, and apps or service principals the audit log names. */
export function dependentReads(
  owned: Collected<TypedObject>,
  audits: Collected<Graph.DirectoryAudit>,
): ReadRequest[] {
  const reads: ReadRequest[] = [];
  const ownedIds = new Set<string>();
  if (owned.ok) {
    for (const object of owned.items) {
      if (!object.id) continue;
      ownedIds.add(object.id);
      if (object['@odata.type'] === '#microsoft.graph.application') {
        reads.push({
          id: `fic:${object.id}`,
          collection: true,
          url: `applications/${segment(object.id)}/federatedIdentityCredentials`,
        });
      }
    }
  }
  if (audits.ok) {
    const seen = new Set<string>();
    for (const audit of audits.items) {
      for (const target of audit.targetResources ?? []) {
        const type = (target.type ?? '').toLowerCase();
        if (!target.id || ownedIds.has(target.id) || seen.has(target.id)) continue;
        if (type !== 'application' && type !== 'serviceprincipal') continue;
        seen.add(target.id);
        const collection = type === 'application' ? 'applications' : 'servicePrincipals';
        reads.push({
          id: `touched:${type}:${target.id}`,
          url: `${collection}/${segment(target.id)}`,
        });
      }
    }
  }
  return reads;
}

export function touchedObjects(results: Map<string, ReadResult>): Collected<TypedObject> {
  const items: TypedObject[] = [];
  for (const [key, result] of results) {
    if (!key.startsWith('touched:')) continue;
    const type =
      key.split(':')[1] === 'application'
        ? '#microsoft.graph.application'
        : '#microsoft.graph.servicePrincipal';
    // A deleted object returns 404, and the audit event still carries the evidence.
    if (!result.ok && result.failure.status === 404) continue;
    if (!result.ok)
      return {
        ok: false,
        reason: describeFailure(result.failure, 'apps named in the audit log'),
        requestId: result.failure.requestId,
        status: result.failure.status,
      };
    items.push({ '@odata.type': type, ...(result.value as TypedObject) });
  }
  return { ok: true, items };
}

export function federatedCredentials(
  results: Map<string, ReadResult>,
  owned: Collected<TypedObject>,
): InvestigationData['federatedCredentials'] {
  if (!owned.ok) return owned;
  const items: { appId: string; credential: Graph.FederatedIdentityCredential }[] = [];
  for (const [key, result] of results) {
    if (!key.startsWith('fic:')) continue;
    if (!result.ok) {
      return {
        ok: false,
        reason: describeFailure(
          result.failure,
          'federated identity credentials',
          'Application.Read.All',
        ),
        requestId: result.failure.requestId,
        status: result.failure.status,
      };
    }
    const rows = (result.value as { items: Graph.FederatedIdentityCredential[] }).items;
    for (const credential of rows) items.push({ appId: key.slice(4), credential });
  }
  return { ok: true, items };
}

export function collected<T>(result: ReadResult | undefined, key: string): Collected<T> {
  const section = SECTION_NAMES[key] ?? key;
  if (!result) return { ok: false, reason: `${section} were not read` };
  if (!result.ok) {
    const permission =
      PERMISSIONS[
        (key.startsWith('audits')
          ? 'audits'
          : key.startsWith('signIns')
            ? 'signIns'
            : key) as keyof InvestigationData
      ];
    return {
      ok: false,
      reason: describeFailure(result.failure, section, permission),
      requestId: result.failure.requestId,
      status: result.failure.status,
    };
  }
  const value = result.value as { items: T[]; truncatedAt?: number };
  return { ok: true, items: value.items, truncatedAt: value.truncatedAt };
}

export function mergeCollections<T extends { id?: string | null }>(
  a: Collected<T>,
  b: Collected<T>,
): Collected<T> {
  if (!a.ok) return a;
  if (!b.ok) return b;
  const byId = new Map<string, T>();
  for (const item of [...a.items, ...b.items]) byId.set(item.id ?? JSON.stringify(item), item);
  return { ok: true, items: [...byId.values()], truncatedAt: a.truncatedAt ?? b.truncatedAt };
}

export function tenantDomains(result: ReadResult | undefined, user: Graph.User): string[] {
  const domains = new Set<string>();
  if (result?.ok) {
    const organizations = (result.value as { items: Graph.Organization[] }).items;
    for (const organization of organizations) {
      for (const domain of organization.verifiedDomains ?? []) {
        if (domain.name) domains.add(domain.name.toLowerCase());
      }
    }
  }
  if (domains.size === 0) {
    for (const address of [user.userPrincipalName, user.mail]) {
      const domain = address?.split('@')[1];
      if (domain) domains.add(domain.toLowerCase());
    }
  }
  return [...domains];
}
