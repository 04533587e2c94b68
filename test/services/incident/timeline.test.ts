/**
 * The incident timeline built from a real check of each bundled tenant, with remediation steps
 * from a real SQLite ledger, and its paged card.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildTimelineCard, timelinePageCount } from '../../../cards/timelineCard';
import { validateCard } from '../../../cards/validate';
import type { Report } from '../../../services/domain';
import { gatherIncident } from '../../../services/incident/gather';
import { buildTimeline, type TimelineEntry } from '../../../services/incident/timeline';
import type { InvestigationData } from '../../../services/investigation/data';
import { SqliteLedger } from '../../../services/ledger/sqliteLedger';
import type { AuditEntry } from '../../../services/ledger/types';
import { ALEX, PRIYA, SINCE, UNTIL, openTenant } from './tenant';

interface Gathered {
  data: InvestigationData;
  report: Report;
}

async function gather(
  tenant: 'contoso-phish' | 'contoso-campaign',
  user: string,
): Promise<Gathered> {
  const session = await openTenant(tenant);
  try {
    const gathered = await gatherIncident(session.reader, { user, since: SINCE, now: UNTIL });
    assert.ok(gathered.ok, gathered.ok ? '' : gathered.error.message);
    return { data: gathered.data, report: gathered.report };
  } finally {
    await session.close();
  }
}

/** Records a revoke-sessions request for the report's user, approved and verified. */
async function remediationTrail(report: Report): Promise<AuditEntry[]> {
  const ledger = new SqliteLedger({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'fb-timeline-')) });
  try {
    const subject = { id: report.user.id, userPrincipalName: report.user.userPrincipalName };
    const target = {
      kind: 'revoke-sessions' as const,
      type: 'user' as const,
      id: report.user.id,
      displayName: report.user.displayName,
    };
    const common = { target, subject, correlationId: 'corr-1', requestId: 'request-1' };
    await ledger.appendAudit({
      ...common,
      at: '2026-12-03T12:05:00.000Z',
      actor: { aadObjectId: 'riley', name: 'Riley Chen' },
      action: 'requested',
      result: 'requested',
    });
    await ledger.appendAudit({
      ...common,
      at: '2026-12-03T12:07:00.000Z',
      actor: { aadObjectId: 'jordan', name: 'Jordan Patel' },
      action: 'approved',
      result: 'approved',
    });
    await ledger.appendAudit({
      ...common,
      at: '2026-11-01T00:00:00.000Z',
      actor: { aadObjectId: 'old', name: 'Old Entry' },
      action: 'succeeded',
      result: 'before the window',
    });
    return await ledger.listAudit({ subjectId: report.user.id });
  } finally {
    await ledger.close();
  }
}

function isChronological(entries: TimelineEntry[]): boolean {
  const known = entries.filter((entry) => entry.timeKnown);
  return known.every((entry, index) => index === 0 || known[index - 1].at <= entry.at);
}

describe('timeline of Alex on contoso-phish', function () {
  this.timeout(60_000);
  let timeline: TimelineEntry[];
  let report: Report;

  before(async () => {
    const gathered = await gather('contoso-phish', ALEX);
    report = gathered.report;
    timeline = buildTimeline(gathered.data, gathered.report, await remediationTrail(report));
  });

  it('is in time order', () => {
    assert.ok(isChronological(timeline));
  });

  it('puts events without a time last', () => {
    const firstUnknown = timeline.findIndex((entry) => !entry.timeKnown);
    assert.ok(firstUnknown > 0);
    assert.ok(timeline.slice(firstUnknown).every((entry) => !entry.timeKnown));
  });

  it('groups the attacker sign-ins into one line', () => {
    const groups = timeline.filter((e) => e.source === 'sign-in' && e.facts.ip === '203.0.113.45');
    assert.equal(groups.length, 1);
    assert.equal(groups[0].severity, 'high');
    assert.equal(groups[0].at, '2026-12-02T09:11:52.000Z');
  });

  it('leaves office sign-ins without severity', () => {
    const office = timeline.find((e) => e.source === 'sign-in' && e.facts.ip === '198.51.100.24');
    assert.ok(office);
    assert.equal(office.severity, undefined);
  });

  it('marks the MFA registration audit high', () => {
    const audit = timeline.find(
      (e) => e.source === 'audit' && e.title === 'User registered security info',
    );
    assert.equal(audit?.severity, 'high');
    assert.ok(audit?.findings.some((title) => /Authenticator/.test(title)));
  });

  it('lists inbox rules with unknown time', () => {
    const rules = timeline.filter((e) => e.facts.kind === 'inbox-rule.suspicious');
    assert.equal(rules.length, 2);
    assert.ok(rules.every((rule) => !rule.timeKnown));
  });

  it('lists the mail burst', () => {
    assert.ok(
      timeline.some(
        (e) => e.facts.kind === 'mail.sent-burst' && e.at === '2026-12-02T10:27:09.000Z',
      ),
    );
  });

  it('lists risk detections', () => {
    assert.equal(timeline.filter((e) => e.source === 'risk-detection').length, 3);
  });

  it('shows every finding somewhere', () => {
    const titles = new Set(timeline.flatMap((entry) => entry.findings));
    for (const finding of report.findings) assert.ok(titles.has(finding.title), finding.title);
  });

  it('adds remediation steps from the window', () => {
    const steps = timeline.filter((e) => e.source === 'remediation').map((e) => e.title);
    assert.deepEqual(steps, [
      'Requested: revoke-sessions on Alex Doe',
      'Approved: revoke-sessions on Alex Doe',
    ]);
  });

  it('card pages validate and link both ways', () => {
    const pages = timelinePageCount(timeline.length, 10);
    assert.ok(pages >= 3, `pages: ${pages}`);
    const card = buildTimelineCard(timeline, { page: 2, pageSize: 10, reportId: 'r-1' });
    assert.deepEqual(validateCard(card), []);
    const actions = card.actions as { verb: string; data: { reportId: string; page: number } }[];
    assert.deepEqual(
      actions.map((action) => [action.verb, action.data]),
      [
        ['firebreak.timeline', { reportId: 'r-1', page: 1 }],
        ['firebreak.timeline', { reportId: 'r-1', page: 3 }],
      ],
    );
  });

  it('card page past the end shows the last page', () => {
    const pages = timelinePageCount(timeline.length, 10);
    const card = buildTimelineCard(timeline, { page: 99, pageSize: 10, reportId: 'r-1' });
    assert.match(JSON.stringify(card), new RegExp(`Page ${pages} of ${pages}`));
    const actions = card.actions as { title: string }[];
    assert.deepEqual(
      actions.map((action) => action.title),
      ['Earlier'],
    );
  });

  it('card escapes attacker text', () => {
    const entry: TimelineEntry = {
      at: '2026-12-02T10:00:00.000Z',
      timeKnown: true,
      source: 'finding',
      title: '[Review urgently](https://example.invalid)',
      findings: [],
      facts: { ruleName: '**Microsoft Security**' },
    };
    const body = JSON.stringify(buildTimelineCard([entry], { page: 1, reportId: 'r-1' }));
    assert.ok(body.includes('\\\\[Review urgently\\\\]'));
    assert.ok(body.includes('\\\\*\\\\*Microsoft Security\\\\*\\\\*'));
  });

  it('card of an empty timeline validates', () => {
    const card = buildTimelineCard([], { page: 1, reportId: 'r-1' });
    assert.deepEqual(validateCard(card), []);
    assert.match(JSON.stringify(card), /No events in the window/);
  });
});

describe('timeline of Priya on contoso-campaign', function () {
  this.timeout(60_000);
  let timeline: TimelineEntry[];

  before(async () => {
    const gathered = await gather('contoso-campaign', PRIYA);
    timeline = buildTimeline(gathered.data, gathered.report);
  });

  it('groups her attacker sign-ins at the first one', () => {
    const group = timeline.find((e) => e.source === 'sign-in' && e.facts.ip === '203.0.113.45');
    assert.equal(group?.at, '2026-12-02T11:58:33.000Z');
    assert.equal(group?.facts.count, 10);
    assert.equal(group?.severity, 'high');
  });

  it('lists her hiding rule', () => {
    assert.ok(
      timeline.some((e) => e.facts.kind === 'inbox-rule.suspicious' && e.facts.ruleName === '..'),
    );
  });

  it('has no remediation steps without a ledger', () => {
    assert.equal(timeline.filter((e) => e.source === 'remediation').length, 0);
  });
});
