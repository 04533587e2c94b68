/**
 * The `watch <user> for 24h [every 30m]` and `unwatch <user>` commands. A watch rechecks the
 * user on the durable schedule in the ledger's database. It posts only findings that were not
 * there when the watch started, and the host's timer runs the rechecks.
 */
import { TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { buildErrorCard } from '../cards/messageCard';
import { newReader } from '../services/app';
import { parseWatchPeriod } from '../services/incident/watchDuration';
import type { WatchConversation } from '../services/incident/watchStore';
import { investigate } from '../services/investigation/investigate';
import type { Logger } from '../services/log';
import { resolveUser } from '../services/users/resolveUser';
import type { BotDeps } from './botDeps';
import { cardAttachment } from './replier';

const WATCH_EXAMPLE = 'watch alex.doe@contoso.com for 24h every 30m';

async function reply(context: TurnContext, message: string, correlationId: string): Promise<void> {
  const card = buildErrorCard({ message, correlationId });
  await context.sendActivity({ attachments: [cardAttachment(card)] });
}

/** Resolves the typed user to one object id, or replies with why not. */
async function resolveWatched(
  context: TurnContext,
  who: string,
  deps: BotDeps,
  log: Logger,
  correlationId: string,
): Promise<{ id: string; userPrincipalName: string } | undefined> {
  const resolution = await resolveUser(newReader(deps.services, log), who);
  if (resolution.ok && resolution.user.id) {
    const upn = resolution.user.userPrincipalName ?? resolution.user.id;
    return { id: resolution.user.id, userPrincipalName: upn };
  }
  const message =
    !resolution.ok && resolution.reason !== 'ambiguous'
      ? resolution.message
      : `"${who}" matches several users. Type the sign-in address, for example: ${WATCH_EXAMPLE}`;
  log.info({ who }, 'watch user not resolved');
  await reply(context, message, correlationId);
  return undefined;
}

/**
 * Starts a watch. The findings present now are read first and count as known, so the first
 * recheck posts only what appeared after the watch began.
 */
export async function startWatch(
  context: TurnContext,
  who: string | undefined,
  periodText: string | undefined,
  deps: BotDeps,
): Promise<void> {
  const correlationId = randomUUID();
  const log = deps.services.log.child({
    correlationId,
    conversationId: context.activity.conversation?.id,
  });
  if (!who || !periodText) {
    await reply(
      context,
      `Type whom to watch and for how long, for example: ${WATCH_EXAMPLE}`,
      correlationId,
    );
    return;
  }
  const allowed = await deps.responders.check(
    context.activity.from?.aadObjectId,
    'watch users',
    log,
  );
  if (!allowed.ok) return reply(context, allowed.message, correlationId);

  const now = deps.services.now();
  const period = parseWatchPeriod(periodText, now);
  if (!period.ok) return reply(context, period.message, correlationId);
  const user = await resolveWatched(context, who, deps, log, correlationId);
  if (!user) return;

  await context.sendActivity(
    `Watching ${user.userPrincipalName} ${period.understood}. Findings present now are read first and not repeated; new ones are posted here.`,
  );
  const reference = TurnContext.getConversationReference(context.activity);
  const conversation = reference as WatchConversation;
  const replier = deps.replierFor(context);
  deps.background.run(
    'watch start',
    async () => {
      const baseline = await investigate(newReader(deps.services, log), {
        user: user.id,
        since: new Date(now.getTime() - period.everyMs),
        now,
      });
      if (!baseline.ok) {
        log.warn({ code: baseline.error.code }, 'watch not started: baseline check failed');
        const message = `The watch of ${user.userPrincipalName} did not start: ${baseline.error.userMessage}`;
        await replier.sendCard(buildErrorCard({ message, correlationId }));
        return;
      }
      // NOTE: the schedule starts when the baseline is read, so an event dated in the seconds
      // the baseline took is read by neither.
      deps.watches.watch(user.id, conversation, {
        every: period.everyMs,
        until: period.until,
        userPrincipalName: user.userPrincipalName,
        known: baseline.report.findings,
      });
      log.info({ userId: user.id, until: period.until.toISOString() }, 'watch started');
    },
    { correlationId },
  );
}

/** Stops the watch of the user in this conversation. */
export async function stopWatch(
  context: TurnContext,
  who: string | undefined,
  deps: BotDeps,
): Promise<void> {
  const correlationId = randomUUID();
  const log = deps.services.log.child({
    correlationId,
    conversationId: context.activity.conversation?.id,
  });
  if (!who) {
    await reply(
      context,
      'Type whose watch to stop, for example: unwatch alex.doe@contoso.com',
      correlationId,
    );
    return;
  }
  const user = await resolveWatched(context, who, deps, log, correlationId);
  if (!user) return;
  const conversationId = context.activity.conversation?.id ?? '';
  const stopped = deps.watches.unwatch(user.id, conversationId);
  log.info({ userId: user.id, stopped }, 'unwatch');
  await context.sendActivity(
    stopped
      ? `Stopped watching ${user.userPrincipalName}.`
      : `${user.userPrincipalName} is not watched in this conversation; nothing to stop.`,
  );
}
