/**
 * Runs a check from chat: read the time in the sender's zone, acknowledge at once, then read
 * Graph in the background, show progress on the acknowledgement card, and post the report card
 * when it is ready.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { TurnContext, type BotAdapter, type ConversationReference } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { buildReportCard } from '../cards/reportCard';
import { readOnlyNote } from '../services/approvals/readOnly';
import { buildChooseUserCard, buildErrorCard, buildProgressCard } from '../cards/messageCard';
import { newReader } from '../services/app';
import type { Logger } from '../services/log';
import { investigate, type PartialReport } from '../services/investigation/investigate';
import { parseSince } from '../services/time/parseSince';
import type { BotDeps } from './botDeps';
import { offerCampaignScope } from './incidentTools';
import { ProgressReporter, describeStage } from './progressReporter';
import { cardAttachment, type Replier } from './replier';
import { senderLocale, senderTimeZone } from './turnInfo';

/** A check whose user text and window are known. */
export interface CheckJob {
  /** User text as typed, or the object id chosen on a choice card. */
  who: string;
  /** Name of the user on the acknowledgement; default `who`. */
  label?: string;
  since: Date;
  /** The reading of the typed time, shown on the acknowledgement. */
  sinceDescription: string;
}

function turnLog(context: TurnContext, deps: BotDeps, correlationId: string): Logger {
  const activity = context.activity;
  return deps.services.log.child({
    correlationId,
    tenantId: activity.conversation?.tenantId,
    conversationId: activity.conversation?.id,
    activityId: activity.id,
  });
}

/** Parses the typed time, then starts the check with an acknowledgement message. */
export async function runCheck(
  context: TurnContext,
  who: string,
  sinceText: string,
  deps: BotDeps,
): Promise<void> {
  const correlationId = randomUUID();
  const log = turnLog(context, deps, correlationId);
  const activity = context.activity;
  const timeZone = senderTimeZone(activity, deps.services.config.defaultTimeZone);
  const now = deps.services.now();
  const since = parseSince(sinceText, { now, timeZone, locale: senderLocale(activity) });
  if (!since.ok) {
    log.info({ code: since.code }, 'check rejected: invalid time');
    const card = buildErrorCard({ message: since.message, correlationId });
    await context.sendActivity({ attachments: [cardAttachment(card)] });
    return;
  }

  await context.sendActivity({ type: 'typing' });
  const sinceDescription = [since.understood, ...since.notes].join(' ');
  const job = { who, since: since.since, sinceDescription };
  const progress = buildProgressCard({
    upn: who,
    since: job.since.toISOString(),
    sinceDescription,
  });
  const sent = await context.sendActivity({ attachments: [cardAttachment(progress)] });
  startCheck(context, job, deps, { correlationId, log, ackActivityId: sent?.id });
}

/**
 * Starts a check whose window is already parsed, and returns the acknowledgement card. Progress
 * is shown by updating the message `ackActivityId`, when there is one.
 */
export function startCheck(
  context: TurnContext,
  job: CheckJob,
  deps: BotDeps,
  ids: { correlationId?: string; log?: Logger; ackActivityId?: string } = {},
): object {
  const correlationId = ids.correlationId ?? randomUUID();
  const log = ids.log ?? turnLog(context, deps, correlationId);
  const replier = deps.replierFor(context);
  const conversation = TurnContext.getConversationReference(context.activity);
  const adapter = context.adapter;
  const progressCard = (status?: string): object =>
    buildProgressCard({
      upn: job.label ?? job.who,
      since: job.since.toISOString(),
      sinceDescription: job.sinceDescription,
      status,
    });

  const ackActivityId = ids.ackActivityId;
  const update = async (status: string): Promise<void> => {
    if (ackActivityId) await replier.updateCard(ackActivityId, progressCard(status));
  };
  const progress = new ProgressReporter(update, log);
  const run = { job, log, replier, progress, conversation, adapter, correlationId };

  log.info({ since: job.since.toISOString() }, 'check started');
  deps.background.run(
    'check',
    async () => {
      try {
        await deliverCheck(run, deps);
      } catch (error) {
        log.error({ err: error }, 'check failed');
        const message =
          'The check failed inside Firebreak. Try again; if it persists, give the correlation id to whoever runs the bot.';
        await progress.finish('The check failed.');
        await replier.sendCard(buildErrorCard({ message, correlationId }));
      }
    },
    { correlationId },
  );
  return progressCard();
}

interface CheckRun {
  job: CheckJob;
  log: Logger;
  replier: Replier;
  progress: ProgressReporter;
  conversation: Partial<ConversationReference>;
  adapter: BotAdapter;
  correlationId: string;
}

async function deliverCheck(run: CheckRun, deps: BotDeps): Promise<void> {
  const { job, log, replier, progress, correlationId } = run;
  const { services } = deps;
  const onProgress = (stage: Parameters<typeof describeStage>[0], detail: string): void =>
    progress.report(describeStage(stage, detail));
  const early: { activityId?: Promise<string | undefined> } = {};
  // The early card has no buttons, because its actions reach the ledger with the full report.
  const onPartialReport = (partial: PartialReport): void => {
    const pendingSections = partial.pendingSections;
    const card = buildReportCard(partial.report, { partial: { pendingSections } });
    early.activityId = replier.sendCard(card).catch((error: unknown) => {
      log.warn({ err: error }, 'early report not posted');
      return undefined;
    });
    log.info({ pendingSections }, 'early report posted');
  };
  const request = { user: job.who, since: job.since, now: services.now() };
  const reader = newReader(services, log);
  const outcome = await investigate(reader, request, { onProgress, onPartialReport });
  const earlyActivityId = await early.activityId;

  if (outcome.ok) {
    const report = outcome.report;
    // The ledger keeps the report so that card buttons carry only ids and the server looks up the rest.
    const reportId = await services.ledger.saveReport({ report, conversation: run.conversation });
    const note = readOnlyNote(services.config.readOnly);
    const card = buildReportCard(report, { reportId, readOnlyNote: note });
    let cardActivityId = earlyActivityId;
    if (cardActivityId) await replier.updateCard(cardActivityId, card);
    else cardActivityId = await replier.sendCard(card);
    if (cardActivityId) await services.ledger.setReportCard(reportId, cardActivityId);
    const unavailable = report.sections.filter((s) => s.status === 'unavailable').length;
    log.info({ findings: report.findings.length, unavailable }, 'check finished');
    await progress.finish(`Done: the report on ${report.user.userPrincipalName} is below.`);
    if (cardActivityId) offerScopeLater(reportId, cardActivityId, run, deps);
    return;
  }

  log.info({ code: outcome.error.code, details: outcome.error.details }, 'check stopped');
  const candidates = outcome.candidates ?? [];
  if (candidates.length > 0) {
    await progress.finish('Several users match; choose one on the card below.');
    await postChoice(run, candidates, deps);
    return;
  }
  await progress.finish('The check stopped; the reason is below.');
  const graphRequestId =
    typeof outcome.error.details.requestId === 'string'
      ? outcome.error.details.requestId
      : undefined;
  const errorCard = buildErrorCard({
    message: outcome.error.userMessage,
    correlationId,
    graphRequestId,
  });
  if (earlyActivityId) await replier.updateCard(earlyActivityId, errorCard);
  else await replier.sendCard(errorCard);
}

/** Reads the campaign scope after the report is out, so the report is never held up by it. */
function offerScopeLater(
  reportId: string,
  cardActivityId: string,
  run: CheckRun,
  deps: BotDeps,
): void {
  const { log, replier, correlationId } = run;
  deps.background.run(
    'campaign scope',
    async () => {
      const stored = await deps.services.ledger.getReport(reportId);
      if (!stored) return;
      const update = (card: object) => replier.updateCard(cardActivityId, card);
      await offerCampaignScope(stored, deps, update, log);
    },
    { correlationId },
  );
}

/** Posts the choice card and keeps the check's window with it, for the button that completes it. */
async function postChoice(run: CheckRun, candidates: Graph.User[], deps: BotDeps): Promise<void> {
  const { job } = run;
  const choices = candidates.map((user) => ({
    userId: user.id ?? '',
    displayName: user.displayName ?? '',
    userPrincipalName: user.userPrincipalName ?? '',
    jobTitle: user.jobTitle,
  }));
  const card = buildChooseUserCard(job.who, choices);
  await deps.memory.inConversation(run.adapter, run.conversation, async (turn) => {
    const sent = await turn.sendActivity({ attachments: [cardAttachment(card)] });
    await deps.memory.saveChoice(turn, {
      cardActivityId: sent?.id,
      query: job.who,
      candidates: choices.map(({ userId, userPrincipalName }) => ({ userId, userPrincipalName })),
      since: job.since.toISOString(),
      sinceDescription: job.sinceDescription,
    });
  });
}
