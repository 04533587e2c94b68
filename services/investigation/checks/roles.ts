/**
 * Directory role assignments in the window where the user is the new member or the one who
 * assigned it: an attacker with a role can reach every other account.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { InvestigationData } from '../data';
import { userActions } from './actions';
import {
  auditEvidence,
  auditsInWindow,
  changedValues,
  isInitiatedBy,
  targetsOfType,
  targetsUser,
} from './audit';
import type { Check, FindingDraft } from './types';
import { text } from './values';
import { findingTime } from './window';

const ROLE_ACTIVITIES = ['Add member to role', 'Add eligible member to role'];

export const roleCheck: Check = {
  section: 'directory roles',
  needs: ['audits'],
  run(data) {
    return auditsInWindow(data, ROLE_ACTIVITIES)
      .filter((audit) => targetsUser(audit, data.user) || isInitiatedBy(audit, data.user))
      .map((audit) => roleFinding(data, audit));
  },
};

function roleFinding(data: InvestigationData, audit: Graph.DirectoryAudit): FindingDraft {
  const roleTarget = targetsOfType(audit, ['Role'])[0];
  const roleName =
    text(changedValues(audit, ['Role.DisplayName'])[0]?.newValue) ?? text(roleTarget?.displayName);
  const member = targetsOfType(audit, ['User'])[0];
  const memberName = text(member?.userPrincipalName) ?? text(member?.id);
  const eligible = /eligible/i.test(audit.activityDisplayName ?? '');
  const change = eligible ? 'made eligible for' : 'added to';
  return {
    kind: 'role.assigned',
    severity: 'high',
    title: `${memberName ?? 'A user'} ${change} role ${roleName ?? 'unknown'}`,
    at: findingTime(audit.activityDateTime, data.window).at,
    attack: 'T1098.003',
    evidence: {
      roleName,
      roleId: text(roleTarget?.id) ?? text(changedValues(audit, ['Role.ObjectID'])[0]?.newValue),
      member: memberName,
      userIsMember: targetsUser(audit, data.user),
      eligible,
      ...auditEvidence(audit),
    },
    actions: userActions(data.user, ['disable-user']),
  };
}
