/**
 * The incident report in Markdown, JSON and CSV, rendered from a real check of the demo tenant
 * and a request recorded in a real SQLite ledger, plus attacker-chosen names.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding, Report } from '../../../services/domain';
import { csvCell } from '../../../services/incident/csvReport';
import { gatherIncident } from '../../../services/incident/gather';
import {
  loadRequests,
  renderIncidentReport,
  type IncidentReportInput,
} from '../../../services/incident/incidentReport';
import { escapeMarkdownText } from '../../../services/incident/markdownReport';
import { buildTimeline } from '../../../services/incident/timeline';
import { SqliteLedger } from '../../../services/ledger/sqliteLedger';
import { ALEX, SINCE, UNTIL, openTenant } from './tenant';

const LINK_NAME = '[Review urgently](https://example.invalid)';
const FORMULA_NAME = '=HYPERLINK("https://example.invalid","open")';

function attackerFinding(report: Report): Finding {
  return {
    kind: 'inbox-rule.suspicious',
    severity: 'high',
    title: FORMULA_NAME,
    at: report.until,
    evidence: { ruleName: `${LINK_NAME} | **bold**`, note: 'line one\nline two, "quoted"' },
    actions: [],
  };
}

/** Records an approved, verified revoke-sessions request for the report's user. */
async function ledgerRequests(report: Report) {
  const ledger = new SqliteLedger({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'fb-report-')) });
  try {
    const action = report.actions.find((a) => a.kind === 'revoke-sessions');
    assert.ok(action, 'the report offers revoke-sessions');
    const reportId = await ledger.saveReport({ report });
    const request = await ledger.createRequest({
      actionId: action.id,
      reportId,
      action,
      subject: report.user,
      requestedBy: { aadObjectId: 'riley', name: 'Riley Chen' },
      requestedAt: '2026-12-03T12:05:00.000Z',
      expiresAt: '2026-12-03T13:05:00.000Z',
    });
    await ledger.transition(request.id, ['pending'], 'running', {
      decidedBy: { aadObjectId: 'jordan', name: 'Jordan Patel' },
      decidedAt: '2026-12-03T12:07:00.000Z',
    });
    await ledger.transition(request.id, ['running'], 'succeeded', {
      result: 'Sessions revoked',
      verified: true,
      finishedAt: '2026-12-03T12:07:05.000Z',
    });
    return await loadRequests(ledger, report.user.id, report.since);
  } finally {
    await ledger.close();
  }
}

describe('incident report of Alex on contoso-phish', function () {
  this.timeout(60_000);
  let input: IncidentReportInput;

  before(async () => {
    const session = await openTenant('contoso-phish');
    try {
      const gathered = await gatherIncident(session.reader, {
        user: ALEX,
        since: SINCE,
        now: UNTIL,
      });
      assert.ok(gathered.ok, gathered.ok ? '' : gathered.error.message);
      const report = {
        ...gathered.report,
        findings: [...gathered.report.findings, attackerFinding(gathered.report)],
      };
      input = {
        report,
        timeline: buildTimeline(gathered.data, report),
        requests: await ledgerRequests(gathered.report),
        generatedAt: '2026-12-03T12:10:00.000Z',
      };
    } finally {
      await session.close();
    }
  });

  it('markdown has every section', () => {
    const markdown = renderIncidentReport(input, 'md');
    for (const heading of [
      '## Summary',
      '## Timeline',
      '## Findings',
      '## Actions',
      '## Coverage',
    ]) {
      assert.ok(markdown.includes(heading), heading);
    }
  });

  it('markdown names requester, approver and verification', () => {
    const line = renderIncidentReport(input, 'md')
      .split('\n')
      .find((l) => l.startsWith('| Revoke sessions'));
    assert.ok(line);
    assert.match(line, /Riley Chen/);
    assert.match(line, /Jordan Patel/);
    assert.match(line, /\| succeeded \| yes \|/);
  });

  it('markdown escapes attacker text', () => {
    const markdown = renderIncidentReport(input, 'md');
    assert.equal(markdown.includes(LINK_NAME), false);
    assert.ok(markdown.includes('\\[Review urgently\\]\\(https\\://example\\.invalid\\)'));
    assert.ok(markdown.includes('\\| \\*\\*bold\\*\\*'));
  });

  it('markdown keeps table rows on one line', () => {
    const rows = renderIncidentReport(input, 'md')
      .split('\n')
      .filter((line) => line.startsWith('|'));
    for (const row of rows) assert.ok(row.endsWith('|'), row);
  });

  it('csv has one row per finding', () => {
    const csv = renderIncidentReport(input, 'csv');
    const records = csv.split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter((record) => record !== '');
    assert.equal(records.length, input.report.findings.length + 1);
  });

  it('csv neutralises a formula title', () => {
    const csv = renderIncidentReport(input, 'csv');
    assert.ok(csv.includes(`"'=HYPERLINK(""https://example.invalid"",""open"")"`));
  });

  it('csv quotes line breaks and quotes', () => {
    const csv = renderIncidentReport(input, 'csv');
    assert.ok(csv.includes('line one\nline two, ""quoted""'));
  });

  it('json carries timeline and actions', () => {
    const json = JSON.parse(renderIncidentReport(input, 'json')) as {
      timeline: unknown[];
      actions: { requestedBy: string; decidedBy: string; verified: boolean }[];
    };
    assert.equal(json.timeline.length, input.timeline.length);
    assert.deepEqual(
      json.actions.map((a) => [a.requestedBy, a.decidedBy, a.verified]),
      [['Riley Chen', 'Jordan Patel', true]],
    );
  });
});

describe('csvCell and escapeMarkdownText', () => {
  for (const start of ['=', '+', '-', '@', '\t']) {
    it(`cell starting with ${JSON.stringify(start)} gets an apostrophe`, () => {
      assert.equal(csvCell(`${start}1`).replace(/^"/, '').startsWith("'"), true);
    });
  }

  it('plain cell stays as it is', () => {
    assert.equal(csvCell('Alex Doe'), 'Alex Doe');
  });

  it('markdown flattens line breaks', () => {
    assert.equal(escapeMarkdownText('a\n# b'), 'a \\# b');
  });

  it('markdown escapes html', () => {
    assert.equal(escapeMarkdownText('<img src=x>'), '\\<img src=x\\>');
  });
});
