/**
 * Handles `Action.Execute` invokes from Firebreak's cards. The payload is validated against a
 * schema before any handler runs. Handlers route on the verb and read the action, its target and
 * the request state from the ledger, never from the card.
 */
import Ajv from 'ajv';
import { randomUUID } from 'node:crypto';
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { buildApprovalCard } from '../cards/approvalCard';
import { buildErrorCard } from '../cards/messageCard';
import { buildReportCard } from '../cards/reportCard';
import type { FirebreakServices } from '../services/app';
import type { BackgroundWork } from '../services/background';
import type { Actor, ApprovalRequest } from '../services/domain';
import type { Replier } from '../dialogs/replier';

const PAYLOAD_SCHEMA = {
  oneOf: [
    { type: 'object', required: ['verb', 'data'], properties: { verb: { const: 'firebreak.request' }, data: { type: 'object', required: ['actionId'], properties: { actionId: { type: 'string', maxLength: 200 } } } } },
    { type: 'object', required: ['verb', 'data'], properties: { verb: { enum: ['firebreak.approve', 'firebreak.refresh'] }, data: { type: 'object', required: ['requestId'], properties: { requestId: { type: 'string', maxLength: 200 } } } } },
    { type: 'object', required: ['verb', 'data'], properties: { verb: { const: 'firebreak.reject' }, data: { type: 'object', required: ['requestId'], properties: { requestId: { type: 'string', maxLength: 200 }, reason: { type: 'string', maxLength: 2000 } } } } },
    { type: 'object', required: ['verb'], properties: { verb: { enum: ['firebreak.showAll', 'firebreak.chooseUser'] } } },
  ],
} as const;

const validatePayload = new Ajv().compile(PAYLOAD_SCHEMA);

interface Payload {
  verb: string;
  data: { actionId?: string; requestId?: string; reason?: string; userId?: string; reportId?: string };
}

export interface CardActionDeps {
  services: FirebreakServices;
  background: BackgroundWork;
  replierFor(context: TurnContext): Replier;
}

const CARD = 'application/vnd.microsoft.card.adaptive';

function cardResponse(card: object): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD, value: card as AdaptiveCardInvokeResponse['value'] };
}

function messageResponse(message: string, correlationId: string): AdaptiveCardInvokeResponse {
  return cardResponse(buildErrorCard({ message, correlationId }));
}

export async function handleCardAction(
  context: TurnContext,
  invoke: AdaptiveCardInvokeValue,
  deps: CardActionDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const correlationId = randomUUID();
  const { services } = deps;
  const activity = context.activity;
  const log = services.log.child({ correlationId, conversationId: activity.conversation?.id, activityId: activity.id });
  const payload = { verb: invoke.action?.verb, data: invoke.action?.data ?? {} };

  const valid: boolean = validatePayload(payload);
  if (!valid) {
    log.warn({ verb: payload.verb }, 'card action rejected: invalid payload');
    return messageResponse('That button sent data Firebreak does not accept. Run the check again to get a fresh card.', correlationId);
  }
  const aadObjectId = activity.from?.aadObjectId;
  if (!aadObjectId) {
    log.warn({}, 'card action rejected: no Entra ID user on the activity');
    return messageResponse('Firebreak could not tell who pressed the button (no Entra ID user on the activity). Use the button from Teams while signed in.', correlationId);
  }
  const actor: Actor = { aadObjectId, name: activity.from.name ?? aadObjectId };
  const { verb, data } = payload as Payload;

  switch (verb) {
    case 'firebreak.request': {
      const outcome = await services.approvals.request(actor, data.actionId ?? '', correlationId);
      if (!outcome.ok) return messageResponse(outcome.message, correlationId);
      await refreshReportCard(outcome.request, deps, context);
      const approvalCard = buildApprovalCard(outcome.request, { viewer: 'approver' });
      await deps.replierFor(context).sendCard(approvalCard);
      return cardResponse(await reportCardFor(outcome.request, services));
    }
    case 'firebreak.approve': {
      const start = await services.approvals.startApproval(actor, data.requestId ?? '', correlationId);
      if (!start.accepted.ok) return messageResponse(start.accepted.message, correlationId);
      const replier = deps.replierFor(context);
      const cardId = activity.replyToId;
      deps.background.run('remediation', async () => {
        const done = await start.done;
        const request = done.request ?? (await services.ledger.getRequest(data.requestId ?? ''));
        if (!request) return;
        if (cardId) await replier.updateCard(cardId, buildApprovalCard(request, { viewer: 'other' }));
        await refreshReportCard(request, deps, context);
      }, { correlationId });
      return cardResponse(buildApprovalCard(start.accepted.request, { viewer: 'other' }));
    }
    case 'firebreak.reject': {
      const outcome = await services.approvals.reject(actor, data.requestId ?? '', data.reason, correlationId);
      if (!outcome.ok) return messageResponse(outcome.message, correlationId);
      await refreshReportCard(outcome.request, deps, context);
      return cardResponse(buildApprovalCard(outcome.request, { viewer: 'other' }));
    }
    case 'firebreak.refresh': {
      const view = await services.approvals.view(actor, data.requestId ?? '');
      if (!view) return messageResponse('That request is unknown. Run the check again.', correlationId);
      return cardResponse(buildApprovalCard(view.request, { viewer: view.viewer }));
    }
    default:
      return messageResponse('For the full list, run: firebreak check <user> --since <time> --json. To pick a user, type: check <address> since <time>.', correlationId);
  }
}

/** Builds the report card with each action's request state from the ledger. */
async function reportCardFor(request: ApprovalRequest, services: FirebreakServices): Promise<object> {
  const stored = await services.ledger.getReport(request.reportId);
  if (!stored) return buildApprovalCard(request, { viewer: 'other' });
  const requests = await services.ledger.listRequests({ subjectId: request.subject.id });
  const actionStates: Record<string, ApprovalRequest> = {};
  for (const each of requests) if (each.reportId === request.reportId) actionStates[each.actionId] = each;
  return buildReportCard(stored.report, { reportId: stored.id, actionStates });
}

/** Updates the posted report card so every copy shows the new state. */
async function refreshReportCard(request: ApprovalRequest, deps: CardActionDeps, context: TurnContext): Promise<void> {
  const stored = await deps.services.ledger.getReport(request.reportId);
  if (!stored?.cardActivityId) return;
  await deps.replierFor(context).updateCard(stored.cardActivityId, await reportCardFor(request, deps.services));
}
