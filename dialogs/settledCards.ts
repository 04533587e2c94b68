/**
 * Updates the cards of a request that the remediation worker settled after another process
 * stopped while running it. The worker has no turn, so the update runs in a proactive turn of
 * the conversation the report was posted in.
 */
import type { BotAdapter, ConversationReference } from 'botbuilder';
import type { ApprovalRequest } from '../services/domain';
import { updateRequestCards } from './approvalCards';
import type { BotDeps } from './botDeps';
import { turnReplier } from './replier';

/** Updates the report card and the approval card of `request` in place. */
export async function updateSettledCards(
  request: ApprovalRequest,
  deps: BotDeps,
  adapter: BotAdapter,
): Promise<void> {
  const log = deps.services.log.child({ requestId: request.id, reportId: request.reportId });
  const stored = await deps.services.ledger.getReport(request.reportId);
  const reference = stored?.conversation as Partial<ConversationReference> | undefined;
  if (!reference?.conversation?.id) {
    log.warn({}, 'settled request cards not updated: the report has no conversation');
    return;
  }
  await deps.memory.inConversation(adapter, reference, async (turn) => {
    const posted = await deps.memory.approvalCard(turn, request.id);
    const approval = { activityId: posted?.activityId };
    await updateRequestCards(turnReplier(turn), deps, request, approval);
  });
  log.info({ status: request.status }, 'settled request cards updated');
}
