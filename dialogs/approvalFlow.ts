/**
 * The approval verbs of the cards: request, approve, reject and refresh. Each returns the card
 * that responds to the invoke, for the user who pressed, and updates the copies everyone sees. The
 * action, its target and the request's state come from the ledger, never from the card.
 */
import type { TurnContext } from 'botbuilder';
import { buildApprovalCard } from '../cards/approvalCard';
import { buildErrorCard } from '../cards/messageCard';
import { MAX_REASON_LENGTH } from '../services/approvals/approvalService';
import type { Outcome } from '../services/approvals/outcome';
import type { Actor } from '../services/domain';
import type { Logger } from '../services/log';
import {
  postApprovalCard,
  refreshAudience,
  reportCardFor,
  updateRequestCards,
} from './approvalCards';
import type { BotDeps } from './botDeps';

/** One card press: who pressed, on which message, and the ids for the log and the chat. */
export interface CardPress {
  context: TurnContext;
  actor: Actor;
  correlationId: string;
  log: Logger;
}

function refusalCard(outcome: Outcome & { ok: false }, press: CardPress): object {
  const { request } = outcome;
  if (!request)
    return buildErrorCard({ message: outcome.message, correlationId: press.correlationId });
  return buildApprovalCard(request, { viewer: 'other', notice: outcome.message });
}

export async function requestAction(
  press: CardPress,
  actionId: string,
  deps: BotDeps,
): Promise<object> {
  const { context, actor, correlationId, log } = press;
  const outcome = await deps.services.approvals.request(actor, actionId, correlationId);
  if (!outcome.ok) return buildErrorCard({ message: outcome.message, correlationId });
  const request = outcome.request;

  // A repeated press returns the open request; its approval card is already posted.
  const posted = await deps.memory.approvalCard(context, request.id);
  if (!posted && request.status === 'pending') {
    const refreshUserIds = await refreshAudience(context, request, deps, log);
    const activityId = await postApprovalCard(context, request, refreshUserIds);
    if (activityId) {
      await deps.memory.saveApprovalCard(context, {
        requestId: request.id,
        activityId,
        refreshUserIds,
      });
    }
    log.info(
      { requestId: request.id, refreshUsers: refreshUserIds.length },
      'approval card posted',
    );
  }
  await updateRequestCards(deps.replierFor(context), deps, request, {});
  return reportCardFor(request, deps);
}

export async function approveRequest(
  press: CardPress,
  requestId: string,
  deps: BotDeps,
): Promise<object> {
  const { context, actor, correlationId, log } = press;
  const start = await deps.services.approvals.startApproval(actor, requestId, correlationId);
  if (!start.accepted.ok) return refusalCard(start.accepted, press);
  const running = start.accepted.request;

  const posted = await deps.memory.approvalCard(context, requestId);
  const approval = { activityId: posted?.activityId ?? context.activity.replyToId };
  const replier = deps.replierFor(context);
  const { services, incidents } = deps;
  const source = { services, incidents };
  // The invoke response goes out now, and Graph is written and read back in the background.
  deps.background.run(
    'remediation',
    async () => {
      await updateRequestCards(replier, source, running, approval);
      const done = await start.done;
      const finished = done.request ?? (await services.ledger.getRequest(requestId)) ?? running;
      await updateRequestCards(replier, source, finished, approval);
      log.info({ requestId, status: finished.status }, 'request cards updated');
    },
    { correlationId },
  );
  return buildApprovalCard(running, { viewer: 'other' });
}

/**
 * Rejects with the reason typed on the card. The card never marks the input required, because
 * Teams for iOS would then block the button, so the reason is checked here.
 */
export async function rejectRequest(
  press: CardPress,
  requestId: string,
  typedReason: string | undefined,
  deps: BotDeps,
): Promise<object> {
  const { context, actor, correlationId } = press;
  const reason = cleanReason(typedReason);
  if (!reason.ok) {
    const view = await deps.services.approvals.view(actor, requestId);
    if (view?.viewer === 'approver' && view.request.status === 'pending') {
      const posted = await deps.memory.approvalCard(context, requestId);
      const refreshUserIds = posted?.refreshUserIds;
      return buildApprovalCard(view.request, {
        viewer: 'approver',
        refreshUserIds,
        notice: reason.message,
      });
    }
  }

  const outcome = await deps.services.approvals.reject(
    actor,
    requestId,
    reason.ok ? reason.text : undefined,
    correlationId,
  );
  if (!outcome.ok) return refusalCard(outcome, press);
  const posted = await deps.memory.approvalCard(context, requestId);
  const approval = { activityId: posted?.activityId ?? context.activity.replyToId };
  await updateRequestCards(deps.replierFor(context), deps, outcome.request, approval);
  return buildApprovalCard(outcome.request, { viewer: 'other' });
}

/** Builds the response to a card refresh: the view this user may see, decided from the ledger and Graph. */
export async function refreshRequest(
  press: CardPress,
  requestId: string,
  deps: BotDeps,
): Promise<object> {
  const view = await deps.services.approvals.view(press.actor, requestId);
  if (!view) {
    const message = `Request ${requestId} is not in the ledger. Run the check again and use the new card.`;
    return buildErrorCard({ message, correlationId: press.correlationId });
  }
  const posted = await deps.memory.approvalCard(press.context, requestId);
  const refreshUserIds = view.request.status === 'pending' ? posted?.refreshUserIds : undefined;
  return buildApprovalCard(view.request, { viewer: view.viewer, refreshUserIds });
}

type ReasonCheck = { ok: true; text: string } | { ok: false; message: string };

function cleanReason(typed: string | undefined): ReasonCheck {
  const text = (typed ?? '').replace(/\p{Cc}+/gu, ' ').trim();
  if (text === '') {
    return {
      ok: false,
      message: 'Type a reason for rejecting in the box, then press Reject again.',
    };
  }
  if (text.length > MAX_REASON_LENGTH) {
    const message = `The reason has ${text.length} characters; shorten it to ${MAX_REASON_LENGTH} and press Reject again.`;
    return { ok: false, message };
  }
  return { ok: true, text };
}
