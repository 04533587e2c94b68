/**
 * Reads everything the checks need for one user in as few round trips as Graph allows: one
 * `$batch` of independent reads, then one of the reads that depend on it (federated credentials
 * of owned apps, apps touched in the audit log). Each read fails on its own; a failure becomes an
 * unavailable section, never an empty one.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { describeFailure } from '../graph/failure';
import { dateTime, literal, segment, withQuery } from '../graph/odata';
import type { GraphReader, ReadRequest, ReadResult } from '../graph/reader';
import type { Collected, InvestigationData, InvestigationWindow, TypedObject } from './data';

/** Rows read per collection at most; a cap that cuts data is stated in the report. */
export const DEFAULT_ROW_CAP = 20_000;

const SIGNIN_SELECT = [
  'id',
  'createdDateTime',
  'userId',
  'userPrincipalName',
  'appId',
  'appDisplayName',
  'ipAddress',
  'clientAppUsed',
  'status',
  'location',
  'deviceDetail',
  'riskLevelDuringSignIn',
  'riskLevelAggregated',
  'riskState',
  'riskEventTypes_v2',
  'conditionalAccessStatus',
  'isInteractive',
  'resourceDisplayName',
  'signInEventTypes',
].join(',');

const MESSAGE_SELECT = 'id,subject,sentDateTime,toRecipients,ccRecipients,bccRecipients';

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

const SECTION_NAMES: Record<string, string> = {
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

export interface CollectOptions {
  rowCap?: number;
}

export interface CollectOutcome {
  data: InvestigationData;
  /** Facts about how the data was read, e.g. that only interactive sign-ins were available. */
  notes: string[];
}

export async function collectInvestigationData(
  reader: GraphReader,
  user: Graph.User,
  window: InvestigationWindow,
  options: CollectOptions = {},
): Promise<CollectOutcome> {
  const cap = options.rowCap ?? DEFAULT_ROW_CAP;
  const userId = user.id ?? '';
  const id = segment(userId);
  const userLiteral = literal(userId);
  const from = dateTime(window.baselineStart);
  const since = dateTime(window.since);
  const notes: string[] = [];

  const reads: ReadRequest[] = [
    {
      id: 'organization',
      url: withQuery('organization', { $select: 'id,verifiedDomains' }),
      collection: true,
    },
    {
      // Stolen refresh tokens show only as non-interactive sign-ins, which only beta lists.
      id: 'signIns',
      version: 'beta',
      collection: true,
      cap,
      url: withQuery('auditLogs/signIns', {
        $filter: `userId eq ${userLiteral} and createdDateTime ge ${from} and (signInEventTypes/any(t: t eq 'interactiveUser') or signInEventTypes/any(t: t eq 'nonInteractiveUser'))`,
        $select: SIGNIN_SELECT,
        $top: 1000,
      }),
    },
    {
      id: 'auditsByUser',
      collection: true,
      cap,
      url: withQuery('auditLogs/directoryAudits', {
        $filter: `activityDateTime ge ${since} and initiatedBy/user/id eq ${userLiteral}`,
        $top: 1000,
      }),
    },
    {
      id: 'auditsOfUser',
      collection: true,
      cap,
      url: withQuery('auditLogs/directoryAudits', {
        $filter: `activityDateTime ge ${since} and targetResources/any(t: t/id eq ${userLiteral})`,
        $top: 1000,
      }),
    },
    {
      id: 'riskDetections',
      collection: true,
      cap,
      url: withQuery('identityProtection/riskDetections', {
        $filter: `userId eq ${userLiteral} and activityDateTime ge ${since}`,
      }),
    },
    { id: 'authMethods', collection: true, url: `users/${id}/authentication/methods` },
    { id: 'inboxRules', collection: true, url: `users/${id}/mailFolders/inbox/messageRules` },
    {
      id: 'sentMessages',
      collection: true,
      cap,
      url: withQuery(`users/${id}/mailFolders/sentItems/messages`, {
        $filter: `sentDateTime ge ${from}`,
        $select: MESSAGE_SELECT,
        $top: 1000,
      }),
    },
    { id: 'ownedObjects', collection: true, url: `users/${id}/ownedObjects` },
    {
      id: 'grants',
      collection: true,
      url: withQuery('oauth2PermissionGrants', { $filter: `principalId eq ${userLiteral}` }),
    },
    { id: 'appRoleAssignments', collection: true, url: `users/${id}/appRoleAssignments` },
    { id: 'devices', collection: true, url: `users/${id}/registeredDevices` },
    { id: 'memberOf', collection: true, url: `users/${id}/memberOf` },
  ];

  const first = await reader.readMany(reads);
  let signIns = collected<Graph.SignIn>(first.get('signIns'), 'signIns');

  if (!signIns.ok && signIns.status !== 403) {
    // Beta refused or failed: fall back to v1.0, which lists interactive sign-ins only.
    const fallback = await reader.readMany([
      {
        id: 'signInsInteractive',
        collection: true,
        cap,
        url: withQuery('auditLogs/signIns', {
          $filter: `userId eq ${userLiteral} and createdDateTime ge ${from}`,
          $top: 1000,
        }),
      },
    ]);
    const interactive = collected<Graph.SignIn>(
      fallback.get('signInsInteractive'),
      'signInsInteractive',
    );
    if (interactive.ok) {
      notes.push(
        `Only interactive sign-ins were read (v1.0); the beta sign-in log failed: ${signIns.reason}.`,
      );
      signIns = interactive;
    }
  }

  const audits = mergeCollections(
    collected<Graph.DirectoryAudit>(first.get('auditsByUser'), 'auditsByUser'),
    collected<Graph.DirectoryAudit>(first.get('auditsOfUser'), 'auditsOfUser'),
  );
  const ownedObjects = collected<TypedObject>(first.get('ownedObjects'), 'ownedObjects');
  const second = await reader.readMany(dependentReads(ownedObjects, audits));

  return {
    notes,
    data: {
      user,
      window,
      tenantDomains: tenantDomains(first.get('organization'), user),
      signIns,
      audits,
      riskDetections: collected(first.get('riskDetections'), 'riskDetections'),
      authMethods: collected(first.get('authMethods'), 'authMethods'),
      inboxRules: collected(first.get('inboxRules'), 'inboxRules'),
      sentMessages: collected(first.get('sentMessages'), 'sentMessages'),
      ownedObjects,
      touchedObjects: touchedObjects(second),
      federatedCredentials: federatedCredentials(second, ownedObjects),
      grants: collected(first.get('grants'), 'grants'),
      appRoleAssignments: collected(first.get('appRoleAssignments'), 'appRoleAssignments'),
      devices: collected(first.get('devices'), 'devices'),
      memberOf: collected(first.get('memberOf'), 'memberOf'),
    },
  };
}

/** Federated credentials of each owned application, and apps or service principals the audit log names. */
function dependentReads(
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

function touchedObjects(results: Map<string, ReadResult>): Collected<TypedObject> {
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

function federatedCredentials(
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

function collected<T>(result: ReadResult | undefined, key: string): Collected<T> {
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

function mergeCollections<T extends { id?: string | null }>(
  a: Collected<T>,
  b: Collected<T>,
): Collected<T> {
  if (!a.ok) return a;
  if (!b.ok) return b;
  const byId = new Map<string, T>();
  for (const item of [...a.items, ...b.items]) byId.set(item.id ?? JSON.stringify(item), item);
  return { ok: true, items: [...byId.values()], truncatedAt: a.truncatedAt ?? b.truncatedAt };
}

function tenantDomains(result: ReadResult | undefined, user: Graph.User): string[] {
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
