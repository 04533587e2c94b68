/**
 * Receives Teams activities and routes them: messages by parsed command, card actions by verb.
 * It never chooses a handler by searching the text or by card titles. Each turn runs under its
 * conversation's lock and saves the conversation state once at its end.
 */
import {
  TeamsActivityHandler,
  type BotAdapter,
  type ConversationState,
  type InvokeResponse,
  type StatePropertyAccessor,
  type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { buildHelpCard } from '../cards/messageCard';
import type { FirebreakServices } from '../services/app';
import type { Logger } from '../services/log';
import type { BotDeps, HostDeps } from '../dialogs/botDeps';
import { CHECK_DIALOG, CheckDialog } from '../dialogs/checkDialog';
import { ConversationMemory } from '../dialogs/conversationMemory';
import { KeyedLock } from '../dialogs/keyedLock';
import { showAudit, showPending } from '../dialogs/listCommands';
import { parseCommand, stripMentions, type Command } from '../dialogs/parseCommand';
import { cardAttachment } from '../dialogs/replier';
import { updateSettledCards } from '../dialogs/settledCards';
import { TeamsUserDirectory } from '../dialogs/teamsDirectory';
import { startWatch, stopWatch } from '../dialogs/watchCommands';
import type { ApprovalRequest } from '../services/domain';
import { handleCardAction } from './cardActions';

/** Longest message text read as a command; longer text gets a reply and runs nothing. */
export const MAX_MESSAGE_LENGTH = 2_000;

export class FirebreakBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;
  private readonly deps: BotDeps;

  constructor(
    conversationState: ConversationState,
    private readonly services: FirebreakServices,
    hostDeps: HostDeps,
  ) {
    super();
    const lock = new KeyedLock();
    this.deps = {
      ...hostDeps,
      memory: new ConversationMemory(conversationState, lock, services.config.bot.appId),
      directory: new TeamsUserDirectory(conversationState, lock, services.log, () =>
        services.now(),
      ),
    };
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(new CheckDialog(this.deps));

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  /**
   * Updates the report and approval cards of a request the remediation worker settled. The
   * worker calls this after the fact, outside any turn.
   */
  async updateSettledCards(request: ApprovalRequest, adapter: BotAdapter): Promise<void> {
    await updateSettledCards(request, this.deps, adapter);
  }

  override async run(context: TurnContext): Promise<void> {
    await this.deps.memory.runTurn(context, async () => {
      await this.deps.directory.remember(context);
      await super.run(context);
    });
  }

  /**
   * Card buttons arrive here as invokes, never through the dialog, so a waiting prompt cannot
   * swallow them. The base class would respond to a malformed `adaptiveCard/action` with 400, which
   * Teams shows as an error, so this bot reads and checks the value itself.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const response = await handleCardAction(context, context.activity.value, this.deps);
    return { status: response.statusCode, body: response };
  }

  /** Replies with the refusal and returns false when the sender may not run the command. */
  private async mayReadGraph(
    context: TurnContext,
    command: Command,
    log: Logger,
  ): Promise<boolean> {
    const what = GATED[command.name];
    if (what === undefined) return true;
    const aadObjectId = context.activity.from?.aadObjectId;
    const decision = await this.deps.responders.check(aadObjectId, what, log);
    if (decision.ok) return true;
    await context.sendActivity(decision.message);
    return false;
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const log = this.services.log.child({
      conversationId: activity.conversation?.id,
      activityId: activity.id,
    });
    // Teams delivers a message again when the bot responded slowly, and the copy must not run twice.
    if (activity.id && !(await this.deps.memory.markDelivered(context, activity.id))) {
      log.info({}, 'repeated message delivery ignored');
      return;
    }
    const raw = activity.text ?? '';
    if (raw.length > MAX_MESSAGE_LENGTH) {
      log.info({ length: raw.length }, 'message rejected: too long');
      await context.sendActivity(
        `That message has ${raw.length} characters; Firebreak reads commands of up to ${MAX_MESSAGE_LENGTH}. ` +
          'Send a shorter command, for example: check alex.doe@contoso.com since yesterday 9am',
      );
      return;
    }

    const command = readCommand(raw, botMentionNames(context));
    const dialogContext = await this.dialogs.createContext(context);
    if (command.name === 'cancel') {
      const hadDialog = dialogContext.activeDialog !== undefined;
      await dialogContext.cancelAllDialogs();
      await context.sendActivity(hadDialog ? 'Cancelled.' : 'Nothing to cancel.');
      return;
    }

    // Text that is not a command answers the prompt that is waiting, if any.
    if (command.name === 'unknown' && dialogContext.activeDialog) {
      const result = await dialogContext.continueDialog();
      if (result.status !== DialogTurnStatus.empty) return;
    }

    await dialogContext.cancelAllDialogs();
    if (!(await this.mayReadGraph(context, command, log))) return;
    switch (command.name) {
      case 'check':
        await dialogContext.beginDialog(CHECK_DIALOG, { who: command.who, since: command.since });
        return;
      case 'pending':
        await showPending(context, this.deps);
        return;
      case 'audit':
        await showAudit(context, command.who, this.deps);
        return;
      case 'watch':
        await startWatch(context, command.who, command.period, this.deps);
        return;
      case 'unwatch':
        await stopWatch(context, command.who, this.deps);
        return;
      case 'help':
      case 'unknown':
      default:
        log.debug({ command: command.name }, 'help shown');
        await context.sendActivity({ attachments: [cardAttachment(buildHelpCard())] });
        return;
    }
  }
}

/** What each command that reads Graph or the ledger does, for the refusal message. */
const GATED: Partial<Record<Command['name'], string>> = {
  check: 'run checks',
  pending: 'list pending requests',
  audit: 'read the audit trail',
  watch: 'watch users',
  unwatch: 'stop watches',
};

const MENTION = /<at(?:\s[^>]*)?>([\s\S]*?)<\/at>/gi;

/**
 * Parses the command in a message. When words come before the bot's @mention, as in "please
 * @Firebreak check alex", and the whole text is no command, the command is what follows the
 * last mention of the bot.
 */
function readCommand(raw: string, botNames: string[]): Command {
  const command = parseCommand(stripMentions(raw, botNames));
  if (command.name !== 'unknown') return command;

  const names = botNames.map((name) => name.trim().toLowerCase());
  const mentions = [...raw.matchAll(MENTION)].filter((mention) =>
    names.includes(stripMentions(mention[1]).toLowerCase()),
  );
  const last = mentions[mentions.length - 1];
  if (last === undefined) return command;
  const after = parseCommand(stripMentions(raw.slice(last.index + last[0].length), botNames));
  return after.name === 'unknown' ? command : after;
}

/** Names under which this bot is @mentioned in the activity, so that other mentions stay as names. */
function botMentionNames(context: TurnContext): string[] {
  const botId = context.activity.recipient?.id;
  return (context.activity.entities ?? [])
    .filter((entity) => entity.type === 'mention')
    .map((entity) => entity as { mentioned?: { id?: string; name?: string }; text?: string })
    .filter((mention) => mention.mentioned?.id === botId)
    .map((mention) => (mention.text ?? mention.mentioned?.name ?? '').replace(/<\/?at>/g, ''))
    .filter((name) => name !== '');
}
