/**
 * The Teams user ids of people who have talked to the bot, by Entra ID object id. A card's
 * `refresh.userIds` takes Teams user ids, while approvals know people by object id, so the bot
 * records the pair from each activity it receives.
 */
import type { BotAdapter, ConversationState, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { Logger } from '../services/log';
import { storageTurn } from './conversationMemory';
import type { KeyedLock } from './keyedLock';

/** Teams refreshes a card for at most 60 listed users, so the directory keeps no more. */
export const MAX_DIRECTORY_USERS = 60;

/** A seen user's entry is written again after this long, to keep the newest users first. */
const TOUCH_INTERVAL_MS = 60 * 60_000;

const DIRECTORY_KEY = 'teams-user-directory';

export interface DirectoryUser {
  aadObjectId: string;
  teamsUserId: string;
  name: string;
  /** ISO 8601 in UTC. */
  seenAt: string;
}

export class TeamsUserDirectory {
  private readonly users: StatePropertyAccessor<DirectoryUser[]>;

  constructor(
    private readonly state: ConversationState,
    private readonly lock: KeyedLock,
    private readonly log: Logger,
    private readonly now: () => Date,
  ) {
    this.users = state.createProperty<DirectoryUser[]>('teamsUsers');
  }

  /** Records the sender of `context`; a failed write is logged, because the turn can go on. */
  async remember(context: TurnContext): Promise<void> {
    const from = context.activity.from;
    const aadObjectId = from?.aadObjectId?.toLowerCase();
    if (!aadObjectId || !from.id) return;
    const user = { aadObjectId, teamsUserId: from.id, name: from.name ?? aadObjectId };
    try {
      await this.update(context.adapter, (users) => touch(users, user, this.now()));
    } catch (error) {
      this.log.warn({ err: error, aadObjectId }, 'Teams user directory not updated');
    }
  }

  async list(adapter: BotAdapter): Promise<DirectoryUser[]> {
    return this.update(adapter, (users) => users);
  }

  private async update(
    adapter: BotAdapter,
    change: (users: DirectoryUser[]) => DirectoryUser[],
  ): Promise<DirectoryUser[]> {
    return this.lock.run(DIRECTORY_KEY, async () => {
      const turn = storageTurn(adapter, DIRECTORY_KEY);
      const before = await this.users.get(turn, []);
      const after = change(before);
      if (after !== before) {
        await this.users.set(turn, after);
        await this.state.saveChanges(turn);
      }
      return after;
    });
  }
}

/** Returns the list with `user` newest, or the same list when nothing worth a write changed. */
function touch(
  users: DirectoryUser[],
  user: Omit<DirectoryUser, 'seenAt'>,
  now: Date,
): DirectoryUser[] {
  const known = users.find((each) => each.aadObjectId === user.aadObjectId);
  const fresh =
    known !== undefined &&
    known.teamsUserId === user.teamsUserId &&
    now.getTime() - Date.parse(known.seenAt) < TOUCH_INTERVAL_MS;
  if (fresh) return users;

  const others = users.filter((each) => each.aadObjectId !== user.aadObjectId);
  const updated = [...others, { ...user, seenAt: now.toISOString() }];
  return updated.slice(Math.max(0, updated.length - MAX_DIRECTORY_USERS));
}
