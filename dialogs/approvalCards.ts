/**
 * Posts and updates the cards of an approval request: the approval card with Approve and
 * Reject for approvers, and the report card whose request button shows the request's state.
 * Every copy is updated in place (updateActivity), so all members see the same state.
 */
import type { TurnContext } from 'botbuilder';
import { buildApprovalCard } from '../cards/approvalCard';
import { buildReportCard } from '../cards/reportCard';
import { readOnlyNote } from '../services/approvals/readOnly';
import { MAX_REFRESH_USERS } from '../cards/validate';
import type { ApprovalRequest } from '../services/domain';
import type { StoredReport } from '../services/ledger/types';
import type { Logger } from '../services/log';
import type { BotDeps, ReportCardSource } from './botDeps';
import type { Replier } from './replier';
import { cardAttachment } from './replier';

/** How long the approver lookup for `refresh.userIds` may take inside a request invoke. */
const AUDIENCE_DEADLINE_MS = 5_000;

/**
 * Returns the Teams user ids whose clients refresh the approval card: the requester's, then
 * those of the users the bot has seen who may approve this request. When Graph is too slow to
 * tell, every seen user is listed, because each refresh is decided on the server anyway.
 */
export async function refreshAudience(
  context: TurnContext,
  request: ApprovalRequest,
  deps: BotDeps,
  log: Logger,
): Promise<string[]> {
  const requester = request.requestedBy.aadObjectId.toLowerCase();
  const seen = await deps.directory.list(context.adapter);
  const others = seen.filter((user) => user.aadObjectId !== requester);

  const lookups = others.map(async (user) => {
    try {
      const actor = { aadObjectId: user.aadObjectId, name: user.name };
      const view = await deps.services.approvals.view(actor, request.id);
      return view?.viewer === 'approver' ? [user.teamsUserId] : [];
    } catch (error) {
      log.warn({ err: error, aadObjectId: user.aadObjectId }, 'approver lookup failed');
      return [user.teamsUserId];
    }
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<string[][]>((resolve) => {
    timer = setTimeout(() => {
      log.warn({ users: others.length }, 'approver lookup timed out; listing every seen user');
      resolve(others.map((user) => [user.teamsUserId]));
    }, AUDIENCE_DEADLINE_MS);
  });
  const approvers = await Promise.race([Promise.all(lookups), deadline]);
  clearTimeout(timer);

  const ids = [context.activity.from.id, ...approvers.flat()];
  return [...new Set(ids)].slice(0, MAX_REFRESH_USERS);
}

/** Posts the approval card in the turn's conversation and returns its activity id. */
export async function postApprovalCard(
  context: TurnContext,
  request: ApprovalRequest,
  refreshUserIds: string[],
): Promise<string | undefined> {
  const card = buildApprovalCard(request, { viewer: 'other', refreshUserIds });
  const sent = await context.sendActivity({ attachments: [cardAttachment(card)] });
  return sent?.id;
}

/**
 * Updates every copy of the request's cards. A pending request keeps its refresh list so each
 * listed user gets their own view again; a decided one shows the same card to everyone.
 */
export async function updateRequestCards(
  replier: Replier,
  source: ReportCardSource,
  request: ApprovalRequest,
  approval: { activityId?: string; refreshUserIds?: string[] },
): Promise<void> {
  if (approval.activityId) {
    const refreshUserIds = request.status === 'pending' ? approval.refreshUserIds : undefined;
    const card = buildApprovalCard(request, { viewer: 'other', refreshUserIds });
    await replier.updateCard(approval.activityId, card);
  }
  const stored = await source.services.ledger.getReport(request.reportId);
  if (stored?.cardActivityId) {
    await replier.updateCard(stored.cardActivityId, await reportCardFor(request, source));
  }
}

/** Builds the report card of the request's report with each action's state from the ledger. */
export async function reportCardFor(
  request: ApprovalRequest,
  source: ReportCardSource,
): Promise<object> {
  const stored = await source.services.ledger.getReport(request.reportId);
  if (!stored) return buildApprovalCard(request, { viewer: 'other' });
  return currentReportCard(stored, source);
}

/**
 * Builds the card of a stored report, showing the newest request of each action and the
 * campaign scope button when the scope is known.
 */
export async function currentReportCard(
  stored: StoredReport,
  source: ReportCardSource,
): Promise<object> {
  const requests = await source.services.ledger.listRequests({
    subjectId: stored.report.user.id,
  });
  const actionStates: Record<string, ApprovalRequest> = {};
  // The ledger lists requests oldest first, so the newest request of an action wins.
  for (const each of requests) {
    if (each.reportId === stored.id) actionStates[each.actionId] = each;
  }
  const userCount = source.incidents.scopeSize(stored.id);
  const checkScope = userCount === undefined ? undefined : { userCount };
  const note = readOnlyNote(source.services.config.readOnly);
  return buildReportCard(stored.report, {
    reportId: stored.id,
    actionStates,
    checkScope,
    readOnlyNote: note,
  });
}
