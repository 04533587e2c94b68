/**
 * Readers for directory audit events: activity names, who initiated them, what they
 * targeted and the values they changed.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { EvidenceValue } from '../../domain';
import type { InvestigationData } from '../data';
import { folded, rows, sameId, text } from './values';
import { isInWindow, isoTime } from './window';

/**
 * Returns the activity name in the form the checks compare: trimmed, lower case, one space
 * between words, and the en or em dash as a plain hyphen. Graph spells
 * "Update application – Certificates and secrets management " with an en dash and a
 * trailing space, while other sources use a hyphen.
 */
export function normaliseActivity(name: unknown): string {
  return folded(name)
    .replace(/[\u2012\u2013\u2014\u2212]/g, '-')
    .replace(/\s+/g, ' ');
}

/** Returns the window's audits whose activity is one of the names. */
export function auditsInWindow(
  data: InvestigationData,
  names: readonly string[],
): Graph.DirectoryAudit[] {
  const expected = new Set(names.map(normaliseActivity));
  return rows(data.audits, 'audits').filter(
    (audit) =>
      expected.has(normaliseActivity(audit.activityDisplayName)) &&
      isInWindow(audit.activityDateTime, data.window),
  );
}

/** Returns true when the user initiated the audit event. */
export function isInitiatedBy(audit: Graph.DirectoryAudit, user: Graph.User): boolean {
  const initiator = audit.initiatedBy?.user;
  if (initiator === null || initiator === undefined) return false;
  return (
    sameId(initiator.id, user.id) || sameId(initiator.userPrincipalName, user.userPrincipalName)
  );
}

/** Returns the audit's targets of the given types, e.g. 'Application', compared without case. */
export function targetsOfType(
  audit: Graph.DirectoryAudit,
  types: readonly string[],
): Graph.TargetResource[] {
  const expected = types.map((type) => type.toLowerCase());
  return (audit.targetResources ?? []).filter(
    (target) => target !== null && expected.includes(folded(target.type)),
  );
}

/** Returns true when the user is a target of the audit event. */
export function targetsUser(audit: Graph.DirectoryAudit, user: Graph.User): boolean {
  return targetsOfType(audit, ['User']).some(
    (target) =>
      sameId(target.id, user.id) || sameId(target.userPrincipalName, user.userPrincipalName),
  );
}

/** Returns who initiated the audit event: a UPN, a user id, or an application name. */
export function initiatorName(audit: Graph.DirectoryAudit): string | null {
  const { user, app } = audit.initiatedBy ?? {};
  return (
    text(user?.userPrincipalName) ??
    text(user?.id) ??
    text(app?.displayName) ??
    text(app?.servicePrincipalName) ??
    text(app?.appId)
  );
}

/**
 * Parses an audit value that Graph delivers as a string holding JSON, sometimes encoded
 * twice. A string that is not JSON is returned as it is, because many values are plain text.
 */
export function parseAuditValue(value: unknown): unknown {
  let current = value;
  for (let depth = 0; depth < 3 && typeof current === 'string'; depth += 1) {
    const trimmed = current.trim();
    if (!/^["[{]/.test(trimmed)) return current;
    try {
      current = JSON.parse(trimmed);
    } catch (error) {
      if (error instanceof SyntaxError) return current;
      throw error;
    }
  }
  return current;
}

export interface ChangedValue {
  target: Graph.TargetResource;
  name: string;
  oldValue: unknown;
  newValue: unknown;
}

/** Returns the modified properties of all targets whose name is one of the names. */
export function changedValues(
  audit: Graph.DirectoryAudit,
  names: readonly string[],
): ChangedValue[] {
  const expected = names.map((name) => name.toLowerCase());
  const changes: ChangedValue[] = [];
  for (const target of audit.targetResources ?? []) {
    for (const property of target?.modifiedProperties ?? []) {
      const name = text(property?.displayName);
      if (name === null || !expected.includes(name.toLowerCase())) continue;
      const oldValue = parseAuditValue(property.oldValue);
      changes.push({ target, name, oldValue, newValue: parseAuditValue(property.newValue) });
    }
  }
  return changes;
}

/** Returns the evidence every audit-based finding carries. */
export function auditEvidence(audit: Graph.DirectoryAudit): Record<string, EvidenceValue> {
  return {
    auditId: text(audit.id),
    activity: text(audit.activityDisplayName),
    activityTime: isoTime(audit.activityDateTime),
    initiatedBy: initiatorName(audit),
    initiatorIp: text(audit.initiatedBy?.user?.ipAddress),
    result: text(audit.result),
  };
}
