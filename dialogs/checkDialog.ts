/**
 * Asks for what a `check` command left out (the user, then the start time), then runs the check.
 * A button pressed on an older card arrives as an invoke, which never reaches this dialog, so a
 * waiting prompt cannot swallow it.
 */
import {
  ComponentDialog,
  TextPrompt,
  WaterfallDialog,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { escapeMarkdown } from '../cards/escape';
import type { BotDeps } from './botDeps';
import { runCheck } from './checkRunner';

export const CHECK_DIALOG = 'check';

const USER_PROMPT = 'checkUserPrompt';
const SINCE_PROMPT = 'checkSincePrompt';

export interface CheckDialogOptions {
  who?: string;
  since?: string;
}

interface CheckValues {
  who?: string;
  since?: string;
}

export class CheckDialog extends ComponentDialog {
  constructor(private readonly deps: BotDeps) {
    super(CHECK_DIALOG);
    this.addDialog(new TextPrompt(USER_PROMPT));
    this.addDialog(new TextPrompt(SINCE_PROMPT));
    this.addDialog(
      new WaterfallDialog('checkSteps', [
        (step) => this.askUser(step),
        (step) => this.askSince(step),
        (step) => this.check(step),
      ]),
    );
    this.initialDialogId = 'checkSteps';
  }

  private async askUser(step: WaterfallStepContext<CheckDialogOptions>) {
    const values = step.values as CheckValues;
    values.since = step.options.since;
    if (step.options.who) return step.next(step.options.who);
    return step.prompt(USER_PROMPT, {
      prompt:
        'Which user should I check? Type a sign-in address, a name or an object id (or "cancel").',
    });
  }

  private async askSince(step: WaterfallStepContext<CheckDialogOptions>) {
    const values = step.values as CheckValues;
    values.who = String(step.result).trim();
    if (values.since) return step.next(values.since);
    return step.prompt(SINCE_PROMPT, {
      // The prompt is a Teams text message, which renders markdown, so typed text is escaped.
      prompt: `Since when should I check ${escapeMarkdown(values.who)}? For example "yesterday 9am", "20 hours ago" or "2026-12-01 14:00".`,
    });
  }

  private async check(step: WaterfallStepContext<CheckDialogOptions>) {
    const values = step.values as CheckValues;
    await runCheck(step.context, values.who ?? '', String(step.result).trim(), this.deps);
    return step.endDialog();
  }
}
