/** App role assignments given to the user, or by the user, in the window. */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { InvestigationData } from '../data';
import {
  auditEvidence,
  auditsInWindow,
  changedValues,
  isInitiatedBy,
  targetsOfType,
  targetsUser,
} from './audit';
import type { Check, FindingDraft, RemediationDraft } from './types';
import { folded, rows, sameId, text } from './values';
import { earliest, isInWindow, isoTime } from './window';

const ASSIGNMENT_ACTIVITIES = [
  'Add app role assignment to user',
  'Add app role assignment grant to user',
];

interface Assigned {
  assignment?: Graph.AppRoleAssignment;
  audit?: Graph.DirectoryAudit;
}

export const appRoleCheck: Check = {
  section: 'app role assignments',
  needs: ['audits', 'appRoleAssignments'],
  run(data) {
    const assignments = rows(data.appRoleAssignments, 'appRoleAssignments').filter(
      (assignment) =>
        text(assignment.principalId) === null || sameId(assignment.principalId, data.user.id),
    );
    const entries = new Map<string, Assigned>();
    for (const assignment of assignments) {
      if (isInWindow(assignment.createdDateTime, data.window)) {
        entries.set(`assignment:${folded(assignment.id)}`, { assignment });
      }
    }
    for (const audit of auditsInWindow(data, ASSIGNMENT_ACTIVITIES)) {
      if (!isInitiatedBy(audit, data.user) && !targetsUser(audit, data.user)) continue;
      const assignment = targetsUser(audit, data.user)
        ? matchAssignment(audit, assignments)
        : undefined;
      const key = assignment ? `assignment:${folded(assignment.id)}` : `audit:${folded(audit.id)}`;
      entries.set(key, { ...entries.get(key), assignment, audit });
    }
    return [...entries.values()].map((entry) => assignmentFinding(data, entry));
  },
};

// The event names the resource service principal and, in its modified properties, the role.
function matchAssignment(
  audit: Graph.DirectoryAudit,
  assignments: Graph.AppRoleAssignment[],
): Graph.AppRoleAssignment | undefined {
  const resources = targetsOfType(audit, ['ServicePrincipal']).map((target) => target.id);
  const roleIds = changedValues(audit, ['AppRole.Id']).map((change) => text(change.newValue));
  const candidates = assignments.filter((assignment) =>
    resources.some((id) => sameId(id, assignment.resourceId)),
  );
  const byRole = candidates.filter((assignment) =>
    roleIds.some((id) => sameId(id, assignment.appRoleId)),
  );
  const matches = byRole.length > 0 ? byRole : candidates;
  // Several assignments can share the resource, and the newest is the one the event made.
  return matches.sort((a, b) =>
    String(b.createdDateTime ?? '').localeCompare(String(a.createdDateTime ?? '')),
  )[0];
}

function assignmentFinding(data: InvestigationData, entry: Assigned): FindingDraft {
  const { assignment, audit } = entry;
  const resource = audit ? targetsOfType(audit, ['ServicePrincipal'])[0] : undefined;
  const resourceName = text(assignment?.resourceDisplayName) ?? text(resource?.displayName);
  const roleValue = audit ? changedValues(audit, ['AppRole.Value'])[0]?.newValue : undefined;
  const member = audit ? targetsOfType(audit, ['User'])[0] : undefined;
  return {
    kind: 'approle.assigned',
    severity: 'medium',
    title: `App role assigned on ${resourceName ?? 'an application'}`,
    at:
      earliest([audit?.activityDateTime, assignment?.createdDateTime]) ??
      data.window.until.toISOString(),
    attack: 'T1098',
    evidence: {
      assignmentId: text(assignment?.id),
      resourceId: text(assignment?.resourceId) ?? text(resource?.id),
      resourceName,
      appRoleId: text(assignment?.appRoleId),
      appRoleValue: text(roleValue),
      assignedTo: text(member?.userPrincipalName) ?? text(assignment?.principalDisplayName),
      createdDateTime: isoTime(assignment?.createdDateTime),
      ...(audit === undefined ? {} : auditEvidence(audit)),
    },
    actions: assignment ? removeAssignment(assignment, resourceName) : [],
  };
}

function removeAssignment(
  assignment: Graph.AppRoleAssignment,
  resourceName: string | null,
): RemediationDraft[] {
  const id = text(assignment.id);
  if (id === null) return [];
  const name = resourceName ?? text(assignment.resourceId) ?? id;
  return [
    {
      kind: 'remove-app-role-assignment',
      target: {
        type: 'appRoleAssignment',
        id,
        displayName: name,
        details: {
          principalId: text(assignment.principalId) ?? '',
          resourceId: text(assignment.resourceId) ?? '',
        },
      },
      label: `Remove app role assignment on ${name}`,
    },
  ];
}
