/**
 * The card buttons that are not approvals: the choice between users that match a name, and
 * the full list of a report's findings.
 */
import { buildFindingsPageCard } from '../cards/listCards';
import { buildErrorCard } from '../cards/messageCard';
import { currentReportCard } from './approvalCards';
import type { CardPress } from './approvalFlow';
import type { BotDeps } from './botDeps';
import { startCheck } from './checkRunner';
import { cardAttachment } from './replier';

/**
 * Runs the check for the chosen user with the window of the command that asked. The window
 * comes from the conversation state, never from the card.
 */
export async function chooseUser(press: CardPress, userId: string, deps: BotDeps): Promise<object> {
  const { context, correlationId, log } = press;
  const cardActivityId = context.activity.replyToId;
  const choice = await deps.memory.takeChoice(context, cardActivityId);
  if (!choice) {
    log.info({ cardActivityId }, 'choice rejected: no open choice for this card');
    const message =
      'This choice was already made or is too old. Type the check again, for example: check alex.doe@contoso.com since yesterday 9am';
    return buildErrorCard({ message, correlationId });
  }
  const chosen = choice.candidates.find(
    (candidate) => candidate.userId.toLowerCase() === userId.toLowerCase(),
  );
  if (!chosen) {
    log.warn({ userId }, 'choice rejected: user not offered on the card');
    const message = `User ${userId} was not one of the choices on this card. Type the check again with the user's sign-in address.`;
    return buildErrorCard({ message, correlationId });
  }
  // The object id is what Firebreak checks, because it names one user whatever the UPN.
  const job = {
    who: chosen.userId,
    label: chosen.userPrincipalName,
    since: new Date(choice.since),
    sinceDescription: choice.sinceDescription,
  };
  log.info({ query: choice.query, userId }, 'user chosen');
  return startCheck(context, job, deps, { correlationId, log, ackActivityId: cardActivityId });
}

/**
 * Posts every finding of a stored report as a paged list. From the report card, the list is a
 * new message and the report card stays; from the list, the next page replaces the list.
 */
export async function showAllFindings(
  press: CardPress,
  reportId: string,
  page: number | undefined,
  deps: BotDeps,
): Promise<object> {
  const { context, correlationId, log } = press;
  const stored = await deps.services.ledger.getReport(reportId);
  if (!stored) {
    log.info({ reportId }, 'full findings rejected: unknown report');
    const message = `Report ${reportId} is not in the ledger. Run the check again to get a new report.`;
    return buildErrorCard({ message, correlationId });
  }
  if (page !== undefined) return buildFindingsPageCard(stored.report, reportId, page);

  const firstPage = buildFindingsPageCard(stored.report, reportId, 1);
  await context.sendActivity({ attachments: [cardAttachment(firstPage)] });
  return currentReportCard(stored, deps);
}
