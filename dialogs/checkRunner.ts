/**
 * Runs a check from chat: read the time in the sender's zone, acknowledge at once, then read
 * Graph in the background and post the report card when it is ready.
 */
import { TurnContext, type ConversationReference } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { buildReportCard } from '../cards/reportCard';
import { buildChooseUserCard, buildErrorCard, buildProgressCard } from '../cards/messageCard';
import { newReader, type FirebreakServices } from '../services/app';
import type { BackgroundWork } from '../services/background';
import type { Logger } from '../services/log';
import { investigate } from '../services/investigation/investigate';
import { parseSince } from '../services/time/parseSince';
import { cardAttachment, type Replier } from './replier';
import { senderLocale, senderTimeZone } from './turnInfo';

export interface CheckDeps {
  services: FirebreakServices;
  background: BackgroundWork;
  /** A replier that can still post after this turn has ended. */
  replierFor(context: TurnContext): Replier;
}

export async function runCheck(context: TurnContext, who: string, sinceText: string, deps: CheckDeps): Promise<void> {
  const { services } = deps;
  const activity = context.activity;
  const correlationId = randomUUID();
  const log = services.log.child({
    correlationId,
    tenantId: activity.conversation?.tenantId,
    conversationId: activity.conversation?.id,
    activityId: activity.id,
  });

  const now = services.now();
  const timeZone = senderTimeZone(activity, services.config.defaultTimeZone);
  const since = parseSince(sinceText, { now, timeZone, locale: senderLocale(activity) });
  if (!since.ok) {
    log.info({ code: since.code }, 'check rejected: invalid time');
    const card = buildErrorCard({ message: since.message, correlationId });
    await context.sendActivity({ attachments: [cardAttachment(card)] });
    return;
  }

  await context.sendActivity({ type: 'typing' });
  const progress = buildProgressCard({
    upn: who,
    since: since.since.toISOString(),
    sinceDescription: [since.understood, ...since.notes].join(' '),
  });
  await context.sendActivity({ attachments: [cardAttachment(progress)] });

  const replier = deps.replierFor(context);
  const conversation = TurnContext.getConversationReference(activity);
  log.info({ since: since.since.toISOString() }, 'check started');
  deps.background.run(
    'check',
    async () => {
      try {
        await deliverCheck(replier, log, { who, since: since.since, now, conversation }, services);
      } catch (error) {
        log.error({ err: error }, 'check failed');
        const message = 'The check failed inside Firebreak. Try again; if it persists, give the correlation id to whoever runs the bot.';
        await replier.sendCard(buildErrorCard({ message, correlationId }));
      }
    },
    { correlationId },
  );
}

interface CheckJob {
  who: string;
  since: Date;
  now: Date;
  conversation: Partial<ConversationReference>;
}

async function deliverCheck(replier: Replier, log: Logger, job: CheckJob, services: FirebreakServices): Promise<void> {
  const { who, since, now } = job;
  const correlationId = String(log.bindings().correlationId ?? '');
  const outcome = await investigate(newReader(services, log), { user: who, since, now });
  if (outcome.ok) {
    const report = outcome.report;
    // The ledger keeps the report so that card buttons carry only ids and the server looks up the rest.
    const reportId = await services.ledger.saveReport({ report, conversation: job.conversation });
    const cardActivityId = await replier.sendCard(buildReportCard(report, { reportId }));
    if (cardActivityId) await services.ledger.setReportCard(reportId, cardActivityId);
    const unavailable = report.sections.filter((s) => s.status === 'unavailable').length;
    log.info({ findings: report.findings.length, unavailable }, 'check finished');
    return;
  }

  log.info({ code: outcome.error.code, details: outcome.error.details }, 'check stopped');
  const candidates = outcome.candidates ?? [];
  if (candidates.length > 0) {
    const choices = candidates.map((user) => ({
      userId: user.id ?? '',
      displayName: user.displayName ?? '',
      userPrincipalName: user.userPrincipalName ?? '',
      jobTitle: user.jobTitle,
    }));
    await replier.sendCard(buildChooseUserCard(who, choices));
    return;
  }
  const graphRequestId = typeof outcome.error.details.requestId === 'string' ? outcome.error.details.requestId : undefined;
  await replier.sendCard(buildErrorCard({ message: outcome.error.userMessage, correlationId, graphRequestId }));
}
