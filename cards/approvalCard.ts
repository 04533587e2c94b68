/**
 * The card for one approval request. Only the approver's view has Approve and Reject. The
 * server still checks every decision against its own records, because a card can be forwarded
 * or replayed.
 */
import type { ApprovalRequest } from '../services/domain';
import { escapeMarkdown } from './escape';
import { formatUtc } from './format';
import { STATUS_COLORS, describeRequestStatus } from './requestStatus';
import { compileTemplate, expandCard, type CardJson } from './template';
import approvalTemplate from './templates/approval.json';
import { MAX_REFRESH_USERS } from './validate';

const template = compileTemplate(approvalTemplate);

export type ApprovalViewer = 'approver' | 'requester' | 'other';

export interface ApprovalCardOptions {
  viewer: ApprovalViewer;
  /** Users whose Teams client asks the bot for their own view of this card (at most 60). */
  refreshUserIds?: string[];
  /** A sentence for this viewer only, e.g. why their last press was refused. */
  notice?: string;
}

const VIEWER_NOTES: Record<ApprovalViewer, string> = {
  approver: '',
  requester: 'Another responder must approve this request; you cannot approve your own.',
  other: 'Only responders with the approver role can approve or reject this request.',
};

function facts(request: ApprovalRequest): { title: string; value: string }[] {
  const target = request.action.target;
  const rows: [string, string | undefined][] = [
    ['Action', request.action.label],
    ['Target', `${target.displayName || target.id} (${target.type})`],
    ['User', `${request.subject.displayName} (${request.subject.userPrincipalName})`],
    ['Requested by', request.requestedBy.name],
    ['Requested at', formatUtc(request.requestedAt)],
    ['Expires at', request.status === 'pending' ? formatUtc(request.expiresAt) : undefined],
    ['Decided by', request.decidedBy?.name],
    ['Decided at', request.decidedAt === undefined ? undefined : formatUtc(request.decidedAt)],
    ['Finished at', request.finishedAt === undefined ? undefined : formatUtc(request.finishedAt)],
  ];
  return rows.flatMap(([title, value]) =>
    value === undefined || value === '' ? [] : [{ title, value: escapeMarkdown(value) }],
  );
}

/** Builds the card for `request` in the view of `options.viewer`. */
export function buildApprovalCard(
  request: ApprovalRequest,
  options: ApprovalCardOptions,
): CardJson {
  const pending = request.status === 'pending';
  const note = pending ? VIEWER_NOTES[options.viewer] : '';
  const card = expandCard(template, {
    heading: escapeMarkdown(`Approval request: ${request.action.label}`),
    statusLine: escapeMarkdown(describeRequestStatus(request)),
    statusColor: STATUS_COLORS[request.status],
    facts: facts(request),
    hasNote: note !== '',
    hasNotice: (options.notice ?? '').trim() !== '',
    notice: escapeMarkdown(options.notice?.trim() ?? ''),
    note: escapeMarkdown(note),
    canDecide: pending && options.viewer === 'approver',
    requestId: request.id,
  });

  const userIds = options.refreshUserIds;
  if (userIds === undefined) return card;
  if (userIds.length > MAX_REFRESH_USERS) {
    throw new RangeError(
      `refreshUserIds has ${userIds.length} users; Teams refreshes at most ${MAX_REFRESH_USERS}, ` +
        'so list only the requester and the approvers',
    );
  }
  // The refresh is added after expansion so that a card without it has no `refresh` key.
  return {
    ...card,
    refresh: {
      action: {
        type: 'Action.Execute',
        verb: 'firebreak.refresh',
        data: { requestId: request.id },
      },
      userIds,
    },
  };
}
