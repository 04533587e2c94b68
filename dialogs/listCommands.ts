/**
 * The `pending` and `audit <user>` commands: read the ledger and reply with a list card.
 */
import type { TurnContext } from 'botbuilder';
import { randomUUID } from 'node:crypto';
import { buildAuditListCard, buildPendingListCard, type AuditListEntry } from '../cards/listCards';
import { buildErrorCard } from '../cards/messageCard';
import { newReader } from '../services/app';
import type { ApprovalRequest } from '../services/domain';
import type { AuditAction, AuditEntry } from '../services/ledger/types';
import { resolveUser } from '../services/users/resolveUser';
import type { BotDeps } from './botDeps';
import { cardAttachment } from './replier';

/** Audit entries read for one user; the card shows the newest of them. */
const AUDIT_ENTRIES_READ = 100;

const AUDIT_EVENTS: Record<AuditAction, string> = {
  requested: 'Requested',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
  refused: 'Refused',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

async function sendCard(context: TurnContext, card: object): Promise<void> {
  await context.sendActivity({ attachments: [cardAttachment(card)] });
}

/**
 * Lists the open requests that concern the sender: those they may approve, decided by the
 * approval service from Entra ID, and those they requested.
 */
export async function showPending(context: TurnContext, deps: BotDeps): Promise<void> {
  const from = context.activity.from;
  const aadObjectId = from?.aadObjectId;
  if (!aadObjectId) {
    await context.sendActivity(
      'Firebreak could not tell who you are (no Entra ID user on the message). Send "pending" from Teams while signed in.',
    );
    return;
  }
  const actor = { aadObjectId, name: from.name ?? aadObjectId };
  const now = deps.services.now().getTime();
  const open = await deps.services.ledger.listRequests({ status: ['pending'] });
  const live = open.filter((request) => Date.parse(request.expiresAt) > now);

  const concerning = await Promise.all(
    live.map(async (request): Promise<ApprovalRequest[]> => {
      if (request.requestedBy.aadObjectId.toLowerCase() === aadObjectId.toLowerCase())
        return [request];
      const view = await deps.services.approvals.view(actor, request.id);
      return view?.viewer === 'approver' ? [request] : [];
    }),
  );
  deps.services.log.info(
    { open: live.length, shown: concerning.flat().length },
    'pending list shown',
  );
  await sendCard(context, buildPendingListCard(concerning.flat()));
}

/** Lists the newest audit entries about the user the sender typed. */
export async function showAudit(
  context: TurnContext,
  who: string | undefined,
  deps: BotDeps,
): Promise<void> {
  if (!who) {
    await context.sendActivity(
      'Type whose audit trail to show, for example: audit alex.doe@contoso.com',
    );
    return;
  }
  const correlationId = randomUUID();
  const log = deps.services.log.child({
    correlationId,
    conversationId: context.activity.conversation?.id,
  });
  const resolution = await resolveUser(newReader(deps.services, log), who);
  if (!resolution.ok) {
    const message =
      resolution.reason === 'ambiguous'
        ? `"${who}" matches several users. Type the sign-in address, for example: audit alex.doe@contoso.com`
        : resolution.message;
    log.info({ reason: resolution.reason }, 'audit list not shown');
    await sendCard(context, buildErrorCard({ message, correlationId }));
    return;
  }

  const user = resolution.user;
  const subjectId = user.id ?? '';
  const entries = await deps.services.ledger.listAudit({ subjectId, limit: AUDIT_ENTRIES_READ });
  await sendCard(
    context,
    buildAuditListCard(user.userPrincipalName ?? who, entries.map(auditLine)),
  );
}

function auditLine(entry: AuditEntry): AuditListEntry {
  const target = entry.target.displayName || entry.target.id;
  return {
    at: entry.at,
    actor: entry.actor.name,
    event: `${AUDIT_EVENTS[entry.action]}: ${entry.target.kind} of ${target}`,
    detail: entry.result,
  };
}
