/**
 * The incident buttons of the report card: the timeline, the Markdown incident report and the
 * check of every user in the campaign scope. Each reads the stored report from the ledger and
 * the Graph data behind it from the incident cache, never anything but the report id from the
 * card.
 */
import { buildCampaignCard } from '../cards/campaignCard';
import { buildIncidentReportCard } from '../cards/incidentReportCard';
import { buildErrorCard, buildProgressCard } from '../cards/messageCard';
import { buildTimelineCard } from '../cards/timelineCard';
import { newReader } from '../services/app';
import { scopeCampaign } from '../services/incident/campaign';
import { scopeUsers, summarizeCampaign } from '../services/incident/campaignSummary';
import { checkMany } from '../services/incident/checkMany';
import { loadRequests, renderIncidentReport } from '../services/incident/incidentReport';
import { buildTimeline, type TimelineEntry } from '../services/incident/timeline';
import type { StoredReport } from '../services/ledger/types';
import { currentReportCard } from './approvalCards';
import type { CardPress } from './approvalFlow';
import type { BotDeps } from './botDeps';
import type { IncidentData } from './incidentCache';
import { cardAttachment } from './replier';

/** Users of a campaign checked at the same time. */
export const SCOPE_CHECK_CONCURRENCY = 4;

type Loaded =
  | { ok: true; stored: StoredReport; incident: IncidentData & { ok: true } }
  | { ok: false; card: object };

/** Checks the presser, then reads the stored report and the Graph data behind it. */
async function loadIncident(
  press: CardPress,
  reportId: string,
  what: string,
  deps: BotDeps,
): Promise<Loaded> {
  const { correlationId, log } = press;
  const allowed = await deps.responders.check(press.actor.aadObjectId, what, log);
  if (!allowed.ok)
    return { ok: false, card: buildErrorCard({ message: allowed.message, correlationId }) };

  const stored = await deps.services.ledger.getReport(reportId);
  if (!stored) {
    log.info({ reportId, what }, 'incident button rejected: unknown report');
    const message = `Report ${reportId} is not in the ledger. Run the check again to get a new report.`;
    return { ok: false, card: buildErrorCard({ message, correlationId }) };
  }
  const incident = await deps.incidents.dataFor(stored, log);
  if (!incident.ok) {
    log.info({ reportId, code: incident.error.code }, 'incident data not read');
    const requestId = incident.error.details.requestId;
    const graphRequestId = typeof requestId === 'string' ? requestId : undefined;
    const card = buildErrorCard({
      message: incident.error.userMessage,
      correlationId,
      graphRequestId,
    });
    return { ok: false, card };
  }
  return { ok: true, stored, incident };
}

async function timelineOf(
  stored: StoredReport,
  incident: IncidentData & { ok: true },
  deps: BotDeps,
): Promise<TimelineEntry[]> {
  const audit = await deps.services.ledger.listAudit({ subjectId: stored.report.user.id });
  return buildTimeline(incident.data, stored.report, audit);
}

/**
 * Shows one page of the timeline. From the report card (no page), the timeline is a new
 * message and the report card stays; from the timeline, the requested page replaces it.
 */
export async function showTimeline(
  press: CardPress,
  reportId: string,
  page: number | undefined,
  deps: BotDeps,
): Promise<object> {
  const loaded = await loadIncident(press, reportId, 'read the timeline', deps);
  if (!loaded.ok) return loaded.card;
  const { stored, incident } = loaded;
  const entries = await timelineOf(stored, incident, deps);
  const heading = `Timeline of ${stored.report.user.userPrincipalName}`;
  const card = buildTimelineCard(entries, { page: page ?? 1, reportId, heading });
  press.log.info({ reportId, entries: entries.length, page }, 'timeline shown');
  if (page !== undefined) return card;

  await press.context.sendActivity({ attachments: [cardAttachment(card)] });
  return currentReportCard(stored, deps);
}

/** Posts the Markdown incident report as a new message; the report card stays as it is. */
export async function showIncidentReport(
  press: CardPress,
  reportId: string,
  deps: BotDeps,
): Promise<object> {
  const loaded = await loadIncident(press, reportId, 'read the incident report', deps);
  if (!loaded.ok) return loaded.card;
  const { stored, incident } = loaded;
  const report = stored.report;
  const input = {
    report,
    timeline: await timelineOf(stored, incident, deps),
    requests: await loadRequests(deps.services.ledger, report.user.id, report.since),
    generatedAt: deps.services.now().toISOString(),
  };
  const markdown = renderIncidentReport(input, 'md');
  const card = buildIncidentReportCard({
    userPrincipalName: report.user.userPrincipalName,
    since: report.since,
    markdown,
  });
  await press.context.sendActivity({ attachments: [cardAttachment(card)] });
  press.log.info({ reportId, characters: markdown.length }, 'incident report shown');
  return currentReportCard(stored, deps);
}

/**
 * Checks every user the campaign reached, in the background, and posts one summary card. The
 * scope is rebuilt from the stored report and Graph, never taken from the card.
 */
export async function checkCampaignScope(
  press: CardPress,
  reportId: string,
  deps: BotDeps,
): Promise<object> {
  const loaded = await loadIncident(press, reportId, 'check the campaign scope', deps);
  if (!loaded.ok) return loaded.card;
  const { stored, incident } = loaded;
  const { correlationId, log } = press;
  const { services } = deps;
  const reader = newReader(services, log);
  const scope = await scopeCampaign(reader, stored.report, incident.data);
  const users = scopeUsers(scope);
  deps.incidents.setScopeSize(reportId, users.length);
  const subject = stored.report.user.userPrincipalName;
  if (users.length === 0) {
    const message = `Nobody else in the tenant received mail from ${subject} or signed in from the attacker's addresses in this window, so there is no one more to check.`;
    return buildErrorCard({ message, correlationId });
  }

  const replier = deps.replierFor(press.context);
  const since = new Date(stored.report.since);
  log.info({ reportId, users: users.length }, 'campaign check started');
  deps.background.run(
    'campaign check',
    async () => {
      // A reader of its own, so that the deadline of the invoke's reads does not cut the checks.
      const checks = await checkMany(newReader(services, log), users, since, services.now(), {
        concurrency: SCOPE_CHECK_CONCURRENCY,
      });
      await replier.sendCard(buildCampaignCard(summarizeCampaign(scope, checks)));
      log.info({ reportId, users: users.length }, 'campaign check finished');
    },
    { correlationId },
  );
  return buildProgressCard({
    upn: `${users.length} ${users.length === 1 ? 'user' : 'users'} reached from ${subject}`,
    since: stored.report.since,
    status: 'The summary card follows when every check is done.',
  });
}

/**
 * Works out the campaign scope of a report just posted and, when anyone else was reached,
 * updates the report card so that it offers "Check these N users".
 */
export async function offerCampaignScope(
  stored: StoredReport,
  deps: BotDeps,
  update: (card: object) => Promise<void>,
  log: CardPress['log'],
): Promise<void> {
  const incident = await deps.incidents.dataFor(stored, log);
  if (!incident.ok) {
    log.info({ reportId: stored.id, code: incident.error.code }, 'campaign scope not read');
    return;
  }
  const scope = await scopeCampaign(newReader(deps.services, log), stored.report, incident.data);
  const userCount = scopeUsers(scope).length;
  deps.incidents.setScopeSize(stored.id, userCount);
  log.info({ reportId: stored.id, userCount }, 'campaign scope read');
  if (userCount > 0) await update(await currentReportCard(stored, deps));
}
