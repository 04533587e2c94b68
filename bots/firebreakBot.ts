/**
 * Receives Teams activities and routes them: messages by parsed command, card actions by verb.
 * It never chooses a handler by searching the text or by card titles.
 */
import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type ConversationState,
  type TurnContext,
  type StatePropertyAccessor,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import { buildHelpCard } from '../cards/messageCard';
import type { FirebreakServices } from '../services/app';
import { CHECK_DIALOG, CheckDialog } from '../dialogs/checkDialog';
import type { CheckDeps } from '../dialogs/checkRunner';
import { parseCommand, stripMentions } from '../dialogs/parseCommand';
import { cardAttachment } from '../dialogs/replier';
import { handleCardAction } from './cardActions';

export class FirebreakBot extends TeamsActivityHandler {
  private readonly dialogState: StatePropertyAccessor<DialogState>;
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    private readonly services: FirebreakServices,
    private readonly deps: CheckDeps,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>('dialogState');
    this.dialogs = new DialogSet(this.dialogState);
    this.dialogs.add(new CheckDialog(deps));

    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await this.conversationState.saveChanges(context);
      await next();
    });
  }

  /** Card buttons arrive here as invokes, never through the dialog, so a waiting prompt cannot swallow them. */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return handleCardAction(context, invokeValue, this.deps);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = stripMentions(context.activity.text ?? '', botMentionNames(context));
    const command = parseCommand(text);
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
    switch (command.name) {
      case 'check':
        await dialogContext.beginDialog(CHECK_DIALOG, { who: command.who, since: command.since });
        return;
      case 'help':
      case 'unknown':
      default:
        this.services.log.debug({ command: command.name }, 'help shown');
        await context.sendActivity({ attachments: [cardAttachment(buildHelpCard())] });
        return;
    }
  }
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
