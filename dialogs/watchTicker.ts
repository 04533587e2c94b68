/**
 * The timer behind `watch`: every tick it posts "watch ended" for watches past their end, then
 * rechecks the watches that are due and posts their new findings to the conversation that
 * started them. The schedule lives in SQLite, so a restarted host picks up where it stopped.
 */
import type { BotAdapter, ConversationReference, TurnContext } from 'botbuilder';
import { buildErrorCard } from '../cards/messageCard';
import { buildReportCard } from '../cards/reportCard';
import { readOnlyNote } from '../services/approvals/readOnly';
import { formatUtc, plural } from '../cards/format';
import type { FirebreakServices } from '../services/app';
import type { Report } from '../services/domain';
import type { RecheckResult, WatchService } from '../services/incident/watchService';
import type { WatchJob } from '../services/incident/watchStore';
import { cardAttachment } from './replier';

export interface WatchTickerOptions {
  services: FirebreakServices;
  watches: WatchService;
  adapter: BotAdapter;
  intervalMs: number;
}

export interface WatchTicker {
  /** Runs one tick now; the timer calls it too. Ticks never overlap. */
  tick(): Promise<void>;
  /** Stops the timer and waits for a running tick. */
  stop(): Promise<void>;
}

export function startWatchTicker(options: WatchTickerOptions): WatchTicker {
  const { services, watches } = options;
  const log = services.log.child({ component: 'watch' });
  let running: Promise<void> | undefined;

  const post = async (job: WatchJob, send: (turn: TurnContext) => Promise<void>) => {
    const reference = job.conversation as Partial<ConversationReference>;
    await options.adapter.continueConversationAsync(services.config.bot.appId, reference, send);
  };

  const deliver = async (result: RecheckResult): Promise<void> => {
    const job = result.job;
    const upn = job.userPrincipalName;
    if (!result.ok) {
      log.warn({ userId: job.userId, code: result.error.code }, 'watch recheck failed');
      const message = `The watch of ${upn} could not recheck: ${result.error.userMessage} It tries again at the next interval.`;
      const card = buildErrorCard({ message, correlationId: `watch-${job.userId}` });
      await post(
        job,
        async (turn) => void (await turn.sendActivity({ attachments: [cardAttachment(card)] })),
      );
      return;
    }
    log.info({ userId: job.userId, newFindings: result.findings.length }, 'watch rechecked');
    if (result.findings.length === 0) return;

    // Only the remediations of the new findings, so the card offers nothing already seen.
    const actionIds = new Set(result.findings.flatMap((finding) => finding.actions));
    const report: Report = {
      ...result.report,
      findings: result.findings,
      actions: result.report.actions.filter((action) => actionIds.has(action.id)),
      notes: [
        `Watch of ${upn}: ${plural(result.findings.length, 'new finding')} since the last check.`,
        ...result.report.notes,
      ],
    };
    const conversation = job.conversation;
    const reportId = await services.ledger.saveReport({ report, conversation });
    await post(job, async (turn) => {
      const note = readOnlyNote(services.config.readOnly);
      const card = buildReportCard(report, { reportId, readOnlyNote: note });
      const sent = await turn.sendActivity({ attachments: [cardAttachment(card)] });
      if (sent?.id) await services.ledger.setReportCard(reportId, sent.id);
    });
  };

  const runTick = async (): Promise<void> => {
    const now = services.now();
    for (const job of watches.ended(now)) {
      log.info({ userId: job.userId }, 'watch ended');
      await post(job, async (turn) => {
        await turn.sendActivity(
          `The watch of ${job.userPrincipalName} ended at ${formatUtc(job.until)}.`,
        );
      });
    }
    for (const job of watches.due(now)) {
      await deliver(await watches.recheck(job));
    }
  };

  const tick = async (): Promise<void> => {
    if (running) return running;
    running = runTick()
      .catch((error: unknown) => log.error({ err: error }, 'watch tick failed'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const timer = setInterval(() => void tick(), options.intervalMs);
  timer.unref();
  return {
    tick,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
