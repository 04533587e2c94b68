/**
 * Per-conversation records kept between turns in the conversation state, so they live in
 * whatever Storage the host gives the bot. They are the ids of message activities already
 * handled, the approval cards posted, and the time windows of checks that wait for a choice.
 */
import {
  TurnContext,
  type BotAdapter,
  type ConversationReference,
  type ConversationState,
  type StatePropertyAccessor,
} from 'botbuilder';
import type { KeyedLock } from './keyedLock';

/** Message activity ids kept per conversation to recognise a delivery Teams repeats. */
export const MAX_REMEMBERED_ACTIVITIES = 200;
/** Approval cards kept per conversation; an older card still works, without its refresh list. */
export const MAX_APPROVAL_CARDS = 50;
/** Open choice cards kept per conversation. */
export const MAX_CHOICES = 10;

/** An approval card posted in this conversation and who gets their own view of it. */
export interface ApprovalCardRecord {
  requestId: string;
  activityId: string;
  /** Teams user ids in the card's `refresh.userIds`. */
  refreshUserIds: string[];
}

/** A check that stopped at "which user did you mean", with the window it was asked for. */
export interface ChoiceRecord {
  /** Id of the posted choice card; a button on it sends this id as `replyToId`. */
  cardActivityId?: string;
  query: string;
  /** The users offered on the card; a press for anyone else is refused. */
  candidates: { userId: string; userPrincipalName: string }[];
  /** Start of the window as parsed from the original command, ISO 8601 in UTC. */
  since: string;
  sinceDescription: string;
}

interface Memory {
  activityIds: string[];
  approvalCards: ApprovalCardRecord[];
  choices: ChoiceRecord[];
}

function emptyMemory(): Memory {
  return { activityIds: [], approvalCards: [], choices: [] };
}

/** Keeps the newest `max` items of a list that is appended to. */
function newest<T>(items: T[], max: number): T[] {
  return items.length > max ? items.slice(items.length - max) : items;
}

export class ConversationMemory {
  private readonly memory: StatePropertyAccessor<Memory>;

  constructor(
    private readonly state: ConversationState,
    private readonly lock: KeyedLock,
    private readonly appId: string,
  ) {
    this.memory = state.createProperty<Memory>('firebreakMemory');
  }

  /** Runs one incoming turn under its conversation's lock and saves the state it changed. */
  async runTurn(context: TurnContext, work: () => Promise<void>): Promise<void> {
    await this.lock.run(lockKey(context.activity.conversation?.id), async () => {
      await work();
      await this.state.saveChanges(context);
    });
  }

  /**
   * Runs `work` in a proactive turn of the conversation, under its lock, and saves the state.
   * Call it from background work only: a turn that holds the same lock and waits for it never
   * finishes.
   */
  async inConversation<T>(
    adapter: BotAdapter,
    reference: Partial<ConversationReference>,
    work: (turn: TurnContext) => Promise<T>,
  ): Promise<T> {
    return this.lock.run(lockKey(reference.conversation?.id), async () => {
      let result: T | undefined;
      let finished = false;
      await adapter.continueConversationAsync(this.appId, reference, async (turn) => {
        result = await work(turn);
        await this.state.saveChanges(turn);
        finished = true;
      });
      if (!finished) throw new Error('The proactive turn ended without running its work.');
      return result as T;
    });
  }

  /** Records a message activity id; returns false when the same id was handled before. */
  async markDelivered(context: TurnContext, activityId: string): Promise<boolean> {
    const memory = await this.read(context);
    if (memory.activityIds.includes(activityId)) return false;
    memory.activityIds = newest([...memory.activityIds, activityId], MAX_REMEMBERED_ACTIVITIES);
    return true;
  }

  async approvalCard(
    context: TurnContext,
    requestId: string,
  ): Promise<ApprovalCardRecord | undefined> {
    const memory = await this.read(context);
    return memory.approvalCards.find((record) => record.requestId === requestId);
  }

  async saveApprovalCard(context: TurnContext, record: ApprovalCardRecord): Promise<void> {
    const memory = await this.read(context);
    const others = memory.approvalCards.filter((each) => each.requestId !== record.requestId);
    memory.approvalCards = newest([...others, record], MAX_APPROVAL_CARDS);
  }

  /**
   * Removes and returns the open choice posted as `cardActivityId`, or the newest open choice
   * when the press carries no card id. A second press on the same card finds nothing.
   */
  async takeChoice(
    context: TurnContext,
    cardActivityId?: string,
  ): Promise<ChoiceRecord | undefined> {
    const memory = await this.read(context);
    const choice =
      cardActivityId === undefined
        ? memory.choices[memory.choices.length - 1]
        : memory.choices.find((each) => each.cardActivityId === cardActivityId);
    memory.choices = memory.choices.filter((each) => each !== choice);
    return choice;
  }

  async saveChoice(context: TurnContext, record: ChoiceRecord): Promise<void> {
    const memory = await this.read(context);
    memory.choices = newest([...memory.choices, record], MAX_CHOICES);
  }

  private async read(context: TurnContext): Promise<Memory> {
    // The accessor returns the object it caches for the turn, so changes to it are saved.
    const memory = await this.memory.get(context, emptyMemory());
    memory.activityIds ??= [];
    memory.approvalCards ??= [];
    memory.choices ??= [];
    return memory;
  }
}

export function lockKey(conversationId: string | undefined): string {
  return `conversation:${conversationId ?? ''}`;
}

/** Builds a turn context for a record that belongs to no real conversation. */
export function storageTurn(adapter: BotAdapter, key: string): TurnContext {
  return new TurnContext(adapter, {
    type: 'event',
    channelId: 'firebreak',
    conversation: { id: key, isGroup: false, conversationType: 'internal', name: key },
  });
}
