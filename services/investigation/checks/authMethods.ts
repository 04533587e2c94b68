/**
 * Authentication methods registered in the window: an attacker who adds an authenticator
 * or phone keeps passing MFA after the password is reset.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { InvestigationData } from '../data';
import { userTarget } from './actions';
import { auditEvidence, auditsInWindow, targetsUser } from './audit';
import type { Check, FindingDraft, RemediationDraft } from './types';
import { folded, property, rows, text } from './values';
import { findingTime, isInWindow, isoTime, parseTime } from './window';

type MethodRow = Graph.AuthenticationMethod & { '@odata.type'?: string };

const SECURITY_INFO_ACTIVITIES = [
  'User registered security info',
  'Admin registered security info',
  'User registered all required security info',
  'User changed default security info',
];

const PASSWORD_METHOD = '#microsoft.graph.passwordauthenticationmethod';

/** Audit events this close to a method's createdDateTime are taken as its registration. */
const MATCH_TOLERANCE_MS = 10 * 60 * 1000;

const METHOD_NAMES: Record<string, string> = {
  microsoftauthenticator: 'Microsoft Authenticator',
  phone: 'phone',
  fido2: 'FIDO2 security key',
  email: 'email',
  softwareoath: 'software OATH token',
  windowshelloforbusiness: 'Windows Hello for Business',
  temporaryaccesspass: 'Temporary Access Pass',
  platformcredential: 'platform credential',
  password: 'password',
};

/** Method properties that identify it to a responder, e.g. the phone number an attacker added. */
const DETAIL_PROPERTIES = [
  'displayName',
  'phoneNumber',
  'phoneType',
  'emailAddress',
  'deviceTag',
  'model',
];

export const authMethodCheck: Check = {
  section: 'authentication methods',
  needs: ['audits', 'authMethods'],
  run(data) {
    const methods = rows(data.authMethods, 'authMethods');
    const audits = auditsInWindow(data, SECURITY_INFO_ACTIVITIES).filter((audit) =>
      targetsUser(audit, data.user),
    );
    const created = methods.filter(
      (method) =>
        !isPassword(method) && isInWindow(property(method, 'createdDateTime'), data.window),
    );
    const attached = new Map<MethodRow, Graph.DirectoryAudit>();
    const unattached: Graph.DirectoryAudit[] = [];
    for (const audit of audits) {
      const method = closestMethod(created, audit, attached);
      if (method === undefined) unattached.push(audit);
      else attached.set(method, audit);
    }
    const timeless = methods.filter(
      (method) =>
        !isPassword(method) && parseTime(property(method, 'createdDateTime')) === undefined,
    );
    return [
      ...created.map((method) => methodFinding(data, method, attached.get(method))),
      ...unattached.map((audit) => auditFinding(data, audit, timeless)),
    ];
  },
};

function isPassword(method: MethodRow): boolean {
  return folded(method['@odata.type']) === PASSWORD_METHOD;
}

function closestMethod(
  created: MethodRow[],
  audit: Graph.DirectoryAudit,
  taken: Map<MethodRow, Graph.DirectoryAudit>,
): MethodRow | undefined {
  const auditTime = parseTime(audit.activityDateTime)?.getTime() ?? NaN;
  let best: { method: MethodRow; distance: number } | undefined;
  for (const method of created) {
    if (taken.has(method)) continue;
    const distance = Math.abs(
      (parseTime(property(method, 'createdDateTime'))?.getTime() ?? NaN) - auditTime,
    );
    if (distance <= MATCH_TOLERANCE_MS && (best === undefined || distance < best.distance)) {
      best = { method, distance };
    }
  }
  return best?.method;
}

/** Returns a readable method type, e.g. "Microsoft Authenticator" for its @odata.type. */
export function methodTypeName(method: MethodRow): string {
  const key = folded(method['@odata.type'])
    .replace('#microsoft.graph.', '')
    .replace(/authenticationmethod$/, '');
  return METHOD_NAMES[key] ?? (key === '' ? 'unknown' : key);
}

function methodDetails(method: MethodRow): Record<string, string | null> {
  return Object.fromEntries(DETAIL_PROPERTIES.map((name) => [name, text(property(method, name))]));
}

function methodFinding(
  data: InvestigationData,
  method: MethodRow,
  audit?: Graph.DirectoryAudit,
): FindingDraft {
  const typeName = methodTypeName(method);
  const time = findingTime(
    audit?.activityDateTime ?? property(method, 'createdDateTime'),
    data.window,
  );
  return {
    kind: 'auth-method.registered',
    severity: 'high',
    title: `New ${typeName} method registered`,
    at: time.at,
    attack: 'T1556.006',
    evidence: {
      methodId: text(method.id),
      methodType: text(method['@odata.type']),
      createdDateTime: isoTime(property(method, 'createdDateTime')),
      ...methodDetails(method),
      ...(audit === undefined ? {} : auditEvidence(audit)),
    },
    actions: removeMethod(data, method, typeName),
  };
}

// Graph keeps no creation time for some methods (phone, email), so an event that matches no
// dated method offers those undated methods, with the uncertainty in the label.
function auditFinding(
  data: InvestigationData,
  audit: Graph.DirectoryAudit,
  timeless: MethodRow[],
): FindingDraft {
  const time = findingTime(audit.activityDateTime, data.window);
  return {
    kind: 'auth-method.registered',
    severity: 'high',
    title: `Security info changed: ${text(audit.activityDisplayName) ?? 'unknown activity'}`,
    at: time.at,
    attack: 'T1556.006',
    evidence: {
      ...auditEvidence(audit),
      undatedMethodIds: timeless.map((method) => text(method.id) ?? ''),
    },
    actions: timeless.flatMap((method) =>
      removeMethod(data, method, methodTypeName(method), ' (registration time unknown)'),
    ),
  };
}

// The password method can never be removed through Graph, so it is never offered.
function removeMethod(
  data: InvestigationData,
  method: MethodRow,
  typeName: string,
  suffix = '',
): RemediationDraft[] {
  const id = text(method.id);
  if (id === null || isPassword(method)) return [];
  const name = text(property(method, 'displayName')) ?? text(property(method, 'phoneNumber'));
  const displayName = name === null ? typeName : `${typeName} ${name}`;
  return [
    {
      kind: 'remove-auth-method',
      target: {
        type: 'authenticationMethod',
        id,
        displayName,
        parent: userTarget(data.user),
        details: { '@odata.type': text(method['@odata.type']) ?? '' },
      },
      label: `Remove ${displayName} method${suffix}`,
    },
  ];
}
