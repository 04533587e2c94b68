/**
 * The one-line state of an approval request, shared by the report card (in place of the
 * request button) and the approval card. Returns plain text; callers escape it.
 */
import type { ApprovalRequest, ApprovalStatus } from '../services/domain';
import { formatUtc } from './format';

/** TextBlock colours from the Adaptive Card schema, one per status. */
export const STATUS_COLORS: Record<ApprovalStatus, 'default' | 'good' | 'warning' | 'attention'> = {
  pending: 'warning',
  running: 'default',
  succeeded: 'good',
  failed: 'attention',
  rejected: 'attention',
  expired: 'default',
};

function decider(request: ApprovalRequest): string {
  return request.decidedBy?.name ?? 'an unrecorded approver';
}

/** Describes the request's status in one sentence, with who acted and why. */
export function describeRequestStatus(request: ApprovalRequest): string {
  switch (request.status) {
    case 'pending':
      return `Waiting for approval, requested by ${request.requestedBy.name}`;
    case 'running':
      return `Running, approved by ${decider(request)}`;
    case 'succeeded': {
      const result = request.result ?? 'Completed';
      const check = request.verified
        ? 'verified in Graph'
        : 'not yet verified in Graph; check again before closing the incident';
      return `Done: ${result} (${check})`;
    }
    case 'failed':
      return `Failed: ${request.result ?? 'no reason was recorded'}`;
    case 'rejected':
      return `Rejected by ${decider(request)}: ${request.rejectReason ?? 'no reason given'}`;
    case 'expired':
      return `Expired at ${formatUtc(request.expiresAt)} without a decision`;
  }
}
