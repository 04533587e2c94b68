/**
 * Password changes and resets of the user in the window. They are no sign of compromise on
 * their own, but a responder needs them in the timeline to judge what came before and after.
 */
import { auditEvidence, auditsInWindow, isInitiatedBy, targetsUser } from './audit';
import type { Check } from './types';
import { text } from './values';
import { findingTime } from './window';

const PASSWORD_ACTIVITIES = [
  'Reset user password',
  'Change user password',
  'Reset password (by admin)',
  'Change password (self-service)',
  'Reset password (self-service)',
];

export const passwordCheck: Check = {
  section: 'password changes',
  needs: ['audits'],
  run(data) {
    return auditsInWindow(data, PASSWORD_ACTIVITIES)
      .filter((audit) => targetsUser(audit, data.user))
      .map((audit) => ({
        kind: 'password.changed' as const,
        severity: 'info' as const,
        title: `Password changed: ${text(audit.activityDisplayName) ?? 'unknown activity'}`,
        at: findingTime(audit.activityDateTime, data.window).at,
        evidence: {
          selfService: isInitiatedBy(audit, data.user),
          ...auditEvidence(audit),
        },
        actions: [],
      }));
  },
};
