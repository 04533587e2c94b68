import type { TurnContext } from 'botbuilder';
import type { FirebreakServices } from '../services/app';
import type { BackgroundWork } from '../services/background';
import type { ConversationMemory } from './conversationMemory';
import type { Replier } from './replier';
import type { TeamsUserDirectory } from './teamsDirectory';

/** What the host hands to the bot. */
export interface HostDeps {
  services: FirebreakServices;
  background: BackgroundWork;
  /** A replier that can still post after this turn has ended. */
  replierFor(context: TurnContext): Replier;
}

/** What the conversation steps use: the host's parts and the bot's own state. */
export interface BotDeps extends HostDeps {
  memory: ConversationMemory;
  directory: TeamsUserDirectory;
}
