import type { TurnContext } from 'botbuilder';
import type { FirebreakServices } from '../services/app';
import type { BackgroundWork } from '../services/background';
import type { WatchService } from '../services/incident/watchService';
import type { ConversationMemory } from './conversationMemory';
import type { IncidentCache } from './incidentCache';
import type { Replier } from './replier';
import type { ResponderGate } from './responderGate';
import type { TeamsUserDirectory } from './teamsDirectory';

/** What the host hands to the bot. */
export interface HostDeps {
  services: FirebreakServices;
  background: BackgroundWork;
  /** A replier that can still post after this turn has ended. */
  replierFor(context: TurnContext): Replier;
  /** The durable schedule of `watch` commands; the host's timer rechecks from it. */
  watches: WatchService;
  /** Graph data behind stored reports, for the timeline, the incident report and the scope. */
  incidents: IncidentCache;
  /** Who may read Graph through the bot (FIREBREAK_RESPONDER_GROUP). */
  responders: ResponderGate;
}

/** What the conversation steps use: the host's parts and the bot's own state. */
export interface BotDeps extends HostDeps {
  memory: ConversationMemory;
  directory: TeamsUserDirectory;
}

/** What rebuilding a report card needs: the ledger, and the campaign scope sizes. */
export type ReportCardSource = Pick<HostDeps, 'services' | 'incidents'>;
