/**
 * Bot Framework middleware that runs before the bot: tenant and conversation allow-lists, the
 * message length limit, and the per-user rate and per-process concurrency limits on checks.
 * A check is recognised by its parsed command, so the limits hold whatever dialog runs it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import {
  ActivityTypes,
  MiddlewareSet,
  type AdaptiveCardInvokeResponse,
  type Middleware,
  type TurnContext,
} from 'botbuilder';
import { plural } from '../cards/format';
import { buildErrorCard } from '../cards/messageCard';
import { parseCommand, stripMentions } from '../dialogs/parseCommand';
import { BackgroundWork } from '../services/background';
import { ConcurrencyLimit, SlidingWindowLimiter, type Release } from '../services/limits';
import type { Logger } from '../services/log';

/** Longest message text read as a command; longer text is answered without parsing it. */
export const MAX_MESSAGE_LENGTH = 2_000;

/** Name under which the check runner hands a check to BackgroundWork. */
const CHECK_JOB = 'check';
const ONE_MINUTE_MS = 60_000;
const CARD_ACTION_INVOKE = 'adaptiveCard/action';

export interface GuardSettings {
  allowedTenants: string[];
  allowedChannels: string[];
  checksPerMinute: number;
  maxConcurrentChecks: number;
  log: Logger;
  now(): Date;
}

export interface Guards {
  /** The middleware, in order; run it around the bot's turn for inbound activities only. */
  middleware: MiddlewareSet;
  /** BackgroundWork that holds a concurrency slot for as long as each check job runs. */
  background: BackgroundWork;
}

/** Builds the guard chain and the background work that shares its check slots. */
export function createGuards(settings: GuardSettings): Guards {
  const slots = new CheckSlots(new ConcurrencyLimit(settings.maxConcurrentChecks));
  const middleware = new MiddlewareSet(
    new TenantAllowList(settings.allowedTenants, settings.log),
    new ConversationAllowList(settings.allowedChannels, settings.log),
    new MessageLengthLimit(settings.log),
    new CheckLimits(
      slots,
      new SlidingWindowLimiter(settings.checksPerMinute, ONE_MINUTE_MS),
      settings,
    ),
  );
  return { middleware, background: new CheckTrackingBackgroundWork(settings.log, slots) };
}

/** Tenant ids the activity claims; Teams sends the tenant in two places, and both must pass. */
function tenantIdsOf(context: TurnContext): string[] {
  const activity = context.activity;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  return [activity.conversation?.tenantId, channelData?.tenant?.id]
    .filter((id): id is string => typeof id === 'string' && id !== '')
    .map((id) => id.toLowerCase());
}

class TenantAllowList implements Middleware {
  private readonly allowed: Set<string>;

  constructor(
    allowedTenants: string[],
    private readonly log: Logger,
  ) {
    this.allowed = new Set(allowedTenants.map((id) => id.toLowerCase()));
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.allowed.size === 0) return next();
    const tenantIds = tenantIdsOf(context);
    if (tenantIds.length > 0 && tenantIds.every((id) => this.allowed.has(id))) return next();

    const correlationId = randomUUID();
    this.log.warn(
      { ...describe(context), tenantIds, correlationId },
      'activity rejected: tenant not allowed',
    );
    await refuseInvoke(
      context,
      'Firebreak is not enabled for this Microsoft Entra tenant.',
      correlationId,
    );
  }
}

class ConversationAllowList implements Middleware {
  private readonly allowed: Set<string>;

  constructor(
    allowedChannels: string[],
    private readonly log: Logger,
  ) {
    this.allowed = new Set(allowedChannels);
  }

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    if (this.allowed.size === 0) return next();
    if (conversationIdsOf(context).some((id) => this.allowed.has(id))) return next();

    const correlationId = randomUUID();
    this.log.warn(
      { ...describe(context), correlationId },
      'activity rejected: conversation not allowed',
    );
    await refuseInvoke(context, 'Firebreak is not enabled in this chat or channel.', correlationId);
  }
}

/**
 * Ids under which an allow-list may name the conversation. A reply in a Teams channel arrives
 * with `;messageid=` after the channel's id, and channelData carries the channel id as well.
 */
function conversationIdsOf(context: TurnContext): string[] {
  const conversationId = context.activity.conversation?.id ?? '';
  const channelData = context.activity.channelData as { channel?: { id?: unknown } } | undefined;
  const channelId = channelData?.channel?.id;
  return [
    conversationId,
    conversationId.split(';')[0],
    typeof channelId === 'string' ? channelId : '',
  ].filter((id) => id !== '');
}

class MessageLengthLimit implements Middleware {
  constructor(private readonly log: Logger) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const length = messageText(context)?.length ?? 0;
    if (length <= MAX_MESSAGE_LENGTH) return next();

    this.log.info({ ...describe(context), length }, 'message rejected: too long');
    await context.sendActivity(
      `That message is ${length.toLocaleString('en-US')} characters long; Firebreak reads ` +
        `commands of up to ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')}. Nothing was checked. ` +
        'Send the command on its own, for example: check alex@contoso.com since yesterday 9am',
    );
  }
}

class CheckLimits implements Middleware {
  constructor(
    private readonly slots: CheckSlots,
    private readonly perUser: SlidingWindowLimiter,
    private readonly settings: GuardSettings,
  ) {}

  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const text = messageText(context);
    if (text === undefined || parseCommand(stripMentions(text)).name !== 'check') return next();
    const log = this.settings.log;

    const release = this.slots.limit.tryAcquire();
    if (release === undefined) {
      log.warn(
        { ...describe(context), active: this.slots.limit.active },
        'check rejected: too many running',
      );
      await context.sendActivity(
        `Firebreak is already running ${plural(this.slots.limit.max, 'check')}, the most it runs at once. ` +
          'Nothing was checked. Try again in a minute, when a running check has finished.',
      );
      return;
    }

    const sender = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? 'unknown';
    const decision = this.perUser.tryAcquire(sender, this.settings.now().getTime());
    if (!decision.ok) {
      release();
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      log.warn(
        { ...describe(context), sender, retryAfterSeconds: seconds },
        'check rejected: rate limit',
      );
      await context.sendActivity(
        `You started ${plural(this.settings.checksPerMinute, 'check')} in the last minute, the most ` +
          `Firebreak allows per person. Nothing was checked. Try again in ${plural(seconds, 'second')}.`,
      );
      return;
    }

    await this.slots.holdDuringTurn(release, next);
  }
}

/**
 * Concurrency slots for checks. The guard takes a slot when a check command arrives; if the turn
 * hands a check job to BackgroundWork, the slot moves to that job and is released when the job
 * ends, otherwise (the dialog is still asking for the user or the time) when the turn ends.
 */
class CheckSlots {
  private readonly turnSlot = new AsyncLocalStorage<{ release?: Release }>();

  constructor(readonly limit: ConcurrencyLimit) {}

  async holdDuringTurn(release: Release, next: () => Promise<void>): Promise<void> {
    const slot: { release?: Release } = { release };
    try {
      await this.turnSlot.run(slot, next);
    } finally {
      slot.release?.();
    }
  }

  /** Takes over the current turn's slot, or a new one for a check that no guard saw start. */
  claimForJob(): Release {
    const slot = this.turnSlot.getStore();
    const release = slot?.release;
    if (slot === undefined || release === undefined) return this.limit.acquireOverLimit();
    slot.release = undefined;
    return release;
  }
}

class CheckTrackingBackgroundWork extends BackgroundWork {
  constructor(
    log: Logger,
    private readonly slots: CheckSlots,
  ) {
    super(log);
  }

  override run(
    name: string,
    job: () => Promise<void>,
    context: Record<string, unknown> = {},
  ): void {
    if (name !== CHECK_JOB) return super.run(name, job, context);
    const release = this.slots.claimForJob();
    super.run(
      name,
      async () => {
        try {
          await job();
        } finally {
          release();
        }
      },
      context,
    );
  }
}

function messageText(context: TurnContext): string | undefined {
  const activity = context.activity;
  if (activity.type !== String(ActivityTypes.Message) || typeof activity.text !== 'string')
    return undefined;
  return activity.text;
}

/** Answers a refused card action with a card Teams can show; other activities get no reply. */
async function refuseInvoke(
  context: TurnContext,
  message: string,
  correlationId: string,
): Promise<void> {
  if (context.activity.type !== String(ActivityTypes.Invoke)) return;
  if (context.activity.name !== CARD_ACTION_INVOKE) {
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 403 } });
    return;
  }
  const body: AdaptiveCardInvokeResponse = {
    statusCode: 200,
    type: 'application/vnd.microsoft.card.adaptive',
    value: buildErrorCard({ message, correlationId }),
  };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

/** Fields that identify an activity in a log line, never its text. */
function describe(context: TurnContext): Record<string, unknown> {
  const activity = context.activity;
  return {
    activityId: activity.id,
    activityType: activity.type,
    conversationId: activity.conversation?.id,
    tenantId: activity.conversation?.tenantId,
    fromId: activity.from?.aadObjectId ?? activity.from?.id,
  };
}
