/**
 * Handles `Action.Execute` invokes from Firebreak's cards. The payload is validated against a
 * schema before any handler runs; handlers route on the verb and read the action, its target
 * and the request state from the ledger, never from the card. Every invoke answers with status
 * 200 and an Adaptive Card, because Teams shows "Something went wrong" for any other answer.
 */
import Ajv from 'ajv';
import { randomUUID } from 'node:crypto';
import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import { buildErrorCard } from '../cards/messageCard';
import {
  approveRequest,
  refreshRequest,
  rejectRequest,
  requestAction,
  type CardPress,
} from '../dialogs/approvalFlow';
import type { BotDeps } from '../dialogs/botDeps';
import { chooseUser, showAllFindings } from '../dialogs/cardCommands';
import { checkCampaignScope, showIncidentReport, showTimeline } from '../dialogs/incidentTools';

/** Time an invoke may take before the response says "still working", because Teams gives up after about 15 s. */
export const INVOKE_DEADLINE_MS = 10_000;

const ID = { type: 'string', minLength: 1, maxLength: 200 } as const;
const GUID = {
  type: 'string',
  pattern: '^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$',
} as const;

function verbSchema(
  verbs: string[],
  required: string[],
  properties: Record<string, object>,
): object {
  return {
    type: 'object',
    required: ['verb', 'data'],
    properties: {
      verb: { enum: verbs },
      data: { type: 'object', required, properties },
    },
  };
}

const PAYLOAD_SCHEMA = {
  oneOf: [
    verbSchema(['firebreak.request'], ['actionId'], { actionId: ID }),
    verbSchema(['firebreak.approve', 'firebreak.refresh'], ['requestId'], { requestId: ID }),
    // The reason may be longer than the stored maximum here, so the card can state by how much.
    verbSchema(['firebreak.reject'], ['requestId'], {
      requestId: ID,
      reason: { type: 'string', maxLength: 10_000 },
    }),
    verbSchema(['firebreak.chooseUser'], ['userId'], { userId: GUID }),
    verbSchema(['firebreak.showAll', 'firebreak.timeline'], ['reportId'], {
      reportId: ID,
      page: { type: 'integer', minimum: 1, maximum: 10_000 },
    }),
    verbSchema(['firebreak.report', 'firebreak.checkScope'], ['reportId'], { reportId: ID }),
  ],
};

const validatePayload = new Ajv().compile(PAYLOAD_SCHEMA);

/** The invoke payload after validation. */
interface Payload {
  verb: string;
  data: {
    actionId?: string;
    requestId?: string;
    reason?: string;
    userId?: string;
    reportId?: string;
    page?: number;
  };
}

const CARD = 'application/vnd.microsoft.card.adaptive';

function cardResponse(card: object): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: CARD, value: card as AdaptiveCardInvokeResponse['value'] };
}

function readPayload(value: unknown): Payload | undefined {
  const action = (value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
  const payload = { verb: action?.verb, data: action?.data ?? {} };
  return validatePayload(payload) ? (payload as Payload) : undefined;
}

export async function handleCardAction(
  context: TurnContext,
  value: unknown,
  deps: BotDeps,
): Promise<AdaptiveCardInvokeResponse> {
  const correlationId = randomUUID();
  const activity = context.activity;
  const log = deps.services.log.child({
    correlationId,
    conversationId: activity.conversation?.id,
    activityId: activity.id,
  });
  const fail = (message: string): AdaptiveCardInvokeResponse =>
    cardResponse(buildErrorCard({ message, correlationId }));

  const payload = readPayload(value);
  if (!payload) {
    log.warn({}, 'card action rejected: invalid payload');
    return fail(
      'That button sent data Firebreak does not accept. Run the check again to get a fresh card.',
    );
  }
  const aadObjectId = activity.from?.aadObjectId;
  if (!aadObjectId) {
    log.warn({ verb: payload.verb }, 'card action rejected: no Entra ID user on the activity');
    return fail(
      'Firebreak could not tell who pressed the button (no Entra ID user on the activity). Use the button from Teams while signed in.',
    );
  }
  const press: CardPress = {
    context,
    actor: { aadObjectId, name: activity.from.name ?? aadObjectId },
    correlationId,
    log,
  };

  const work = route(press, payload, deps).catch((error: unknown) => {
    log.error({ err: error, verb: payload.verb }, 'card action failed');
    const message =
      'Firebreak failed to handle that button. Try again; if it persists, give the correlation id to whoever runs the bot.';
    return buildErrorCard({ message, correlationId });
  });
  const card = await withinDeadline(work, INVOKE_DEADLINE_MS);
  if (card !== undefined) return cardResponse(card);

  // NOTE: the late handler goes on, but the turn has ended, so conversation state it changes
  // after this point is not saved.
  log.warn(
    { verb: payload.verb, deadlineMs: INVOKE_DEADLINE_MS },
    'card action answered before it finished',
  );
  deps.background.run('late card action', async () => void (await work), { correlationId });
  return fail(
    'Firebreak is still working on that. The card updates when it is done; if it does not, press the button again in a minute.',
  );
}

async function route(press: CardPress, payload: Payload, deps: BotDeps): Promise<object> {
  const { data } = payload;
  switch (payload.verb) {
    case 'firebreak.request':
      return requestAction(press, data.actionId ?? '', deps);
    case 'firebreak.approve':
      return approveRequest(press, data.requestId ?? '', deps);
    case 'firebreak.reject':
      return rejectRequest(press, data.requestId ?? '', data.reason, deps);
    case 'firebreak.refresh':
      return refreshRequest(press, data.requestId ?? '', deps);
    case 'firebreak.chooseUser':
      return chooseUser(press, data.userId ?? '', deps);
    case 'firebreak.showAll':
      return showAllFindings(press, data.reportId ?? '', data.page, deps);
    case 'firebreak.timeline':
      return showTimeline(press, data.reportId ?? '', data.page, deps);
    case 'firebreak.report':
      return showIncidentReport(press, data.reportId ?? '', deps);
    case 'firebreak.checkScope':
      return checkCampaignScope(press, data.reportId ?? '', deps);
    default:
      throw new Error(`The payload schema let through the unknown verb ${payload.verb}.`);
  }
}

/** Resolves with the work's result, or undefined when `ms` pass first. */
async function withinDeadline<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
