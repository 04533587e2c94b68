/**
 * `firebreak report` and `firebreak check --timeline` on the demo tenant, started in-process by
 * the CLI with dates shifted to now, and with a real ledger in a temporary data directory.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runReport } from '../../bin/commands/report';
import { runTimeline } from '../../bin/commands/timeline';
import type { Remediation } from '../../services/domain';
import { SqliteLedger } from '../../services/ledger/sqliteLedger';

const DEMO_TENANT = path.join(__dirname, '..', '..', 'emulator', 'tenants', 'contoso-phish.json');
const ALEX = {
  id: '9bf8fd1a-d652-4f8c-b222-36707a17b811',
  userPrincipalName: 'alex.doe@contoso.com',
  displayName: 'Alex Doe',
};

type Command = typeof runReport;

async function run(command: Command, args: string[], dataDir: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await command(args, {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env: { FIREBREAK_TENANT: DEMO_TENANT, FIREBREAK_DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
    now: () => new Date(),
  });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** Records a rejected disable-user request for Alex, requested and decided a minute ago. */
async function seedLedger(dataDir: string): Promise<void> {
  const ledger = new SqliteLedger({ dataDir });
  try {
    const action: Remediation = {
      id: 'disable-user-1',
      kind: 'disable-user',
      label: 'Disable account',
      target: { type: 'user', id: ALEX.id, displayName: ALEX.displayName },
    };
    const now = new Date();
    const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
    const request = await ledger.createRequest({
      actionId: action.id,
      reportId: 'report-1',
      action,
      subject: ALEX,
      requestedBy: { aadObjectId: 'riley', name: 'Riley Chen' },
      requestedAt: minuteAgo,
      expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    });
    await ledger.transition(request.id, ['pending'], 'rejected', {
      decidedBy: { aadObjectId: 'jordan', name: 'Jordan Patel' },
      decidedAt: now.toISOString(),
      rejectReason: 'Alex is presenting to the board',
    });
    await ledger.appendAudit({
      at: minuteAgo,
      actor: { aadObjectId: 'riley', name: 'Riley Chen' },
      action: 'requested',
      target: { kind: 'disable-user', type: 'user', id: ALEX.id, displayName: ALEX.displayName },
      subject: { id: ALEX.id, userPrincipalName: ALEX.userPrincipalName },
      result: 'requested',
      correlationId: 'corr-cli',
      requestId: request.id,
    });
  } finally {
    await ledger.close();
  }
}

describe('firebreak report', function () {
  this.timeout(60_000);
  let dataDir: string;

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fb-cli-report-'));
    await seedLedger(dataDir);
  });

  it('md includes the ledger request', async () => {
    const result = await run(
      runReport,
      ['alex.doe@contoso.com', '--since', '2 days ago', '--format', 'md'],
      dataDir,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^# Incident report: Alex Doe/);
    assert.match(result.stdout, /\| Disable account \|.*Riley Chen.*Jordan Patel.*\| rejected \|/);
  });

  it('json lists findings and timeline', async () => {
    const result = await run(
      runReport,
      ['alex.doe@contoso.com', '--since', '2 days ago', '--format', 'json'],
      dataDir,
    );
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as {
      findings: unknown[];
      timeline: { source: string }[];
    };
    assert.ok(json.findings.length > 0);
    assert.ok(json.timeline.some((entry) => entry.source === 'remediation'));
  });

  it('csv starts with the header row', async () => {
    const result = await run(
      runReport,
      ['alex.doe@contoso.com', '--since', '2 days ago', '--format', 'csv'],
      dataDir,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.ok(
      result.stdout.startsWith(
        'user,userPrincipalName,severity,kind,at,title,attack,evidence,actions\r\n',
      ),
    );
  });

  it('unknown format exits 2', async () => {
    const result = await run(
      runReport,
      ['alex.doe@contoso.com', '--since', '2 days ago', '--format', 'pdf'],
      dataDir,
    );
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--format "pdf" is invalid/);
  });

  it('missing format exits 2', async () => {
    const result = await run(runReport, ['alex.doe@contoso.com', '--since', '2 days ago'], dataDir);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /--format is missing/);
  });

  it('unknown user exits 2', async () => {
    const result = await run(
      runReport,
      ['nobody@contoso.com', '--since', '2 days ago', '--format', 'md'],
      dataDir,
    );
    assert.equal(result.code, 2);
    assert.match(result.stderr, /No user matches/);
  });
});

describe('firebreak check --timeline', function () {
  this.timeout(60_000);
  const emptyDir = mkdtempSync(path.join(os.tmpdir(), 'fb-cli-timeline-'));

  it('json adds a timeline array', async () => {
    const result = await run(
      runTimeline,
      ['alex.doe@contoso.com', '--since', '2 days ago', '--timeline', '--json'],
      emptyDir,
    );
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout) as { verdict: string; timeline: { source: string }[] };
    assert.match(json.verdict, /^Compromise likely/);
    assert.ok(json.timeline.some((entry) => entry.source === 'sign-in'));
  });

  it('text prints the timeline after the report', async () => {
    const result = await run(
      runTimeline,
      ['alex.doe@contoso.com', '--since', '2 days ago', '--timeline'],
      emptyDir,
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /Verdict: Compromise likely[\s\S]*\nTIMELINE\n/);
    assert.match(result.stdout, /sign-in {2}\d+ sign-ins? from 203\.0\.113\.45 \(NL\) \[high\]/);
  });
});
