/**
 * Whole checks against the demo tenant with Graph's failures injected: the report is complete
 * where retries succeed, and names an unavailable section with its reason where they cannot.
 */
import assert from 'node:assert/strict';
import { FAULT_EXAMPLES, type FaultPlan } from '../../emulator';
import type { Report, Section } from '../../services/domain';
import type { RetryPolicy } from '../../services/graph/transport';
import {
  investigate,
  type InvestigateOptions,
  type PartialReport,
} from '../../services/investigation/investigate';
import { PHISH_TENANT, startTestTenant, type TestTenant } from '../services/graph/support';

const DAY_MS = 86_400_000;
const FAST_RETRY: Partial<RetryPolicy> = { baseDelayMs: 20, maxDelayMs: 2_000, maxAttempts: 3 };

interface Checked {
  report: Report;
  tenant: TestTenant;
}

async function check(
  faults: FaultPlan,
  options: InvestigateOptions = {},
  retry: Partial<RetryPolicy> = FAST_RETRY,
): Promise<Checked> {
  // Budget pacing has its own test; here it would only add waits.
  const tenant = await startTestTenant(
    { tenant: PHISH_TENANT, faults, reportBudget: false },
    { retry },
  );
  const now = new Date();
  const outcome = await investigate(
    tenant.reader,
    { user: 'alex.doe@contoso.com', since: new Date(now.getTime() - 2 * DAY_MS), now },
    options,
  );
  assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
  return { report: outcome.report, tenant };
}

function section(report: Report, name: string): Section {
  const found = report.sections.find((s) => s.name === name);
  assert.ok(found, `no section ${name} in ${report.sections.map((s) => s.name).join(', ')}`);
  return found;
}

function unavailable(report: Report): string[] {
  return report.sections.filter((s) => s.status === 'unavailable').map((s) => s.name);
}

describe('checks under Graph faults', function () {
  this.timeout(60_000);
  let current: Checked | undefined;
  afterEach(async () => {
    await current?.tenant.close();
    current = undefined;
  });

  it('batch items throttled and unavailable are retried alone', async () => {
    current = await check(FAULT_EXAMPLES.batchItemsFailing);
    const { report, tenant } = current;
    assert.deepEqual(unavailable(report), []);
    assert.ok(report.findings.some((f) => f.kind === 'app.created'));
    assert.ok(report.findings.some((f) => f.kind === 'inbox-rule.suspicious'));
    const owned = tenant.emulator.requests.filter((r) => r.path.endsWith('ownedObjects'));
    assert.deepEqual(
      owned.map((r) => [r.inBatch, r.status]),
      [
        [true, 429],
        [false, 200],
      ],
    );
    const rules = tenant.emulator.requests.filter((r) => r.path.endsWith('messageRules'));
    assert.deepEqual(
      rules.map((r) => [r.inBatch, r.status]),
      [
        [true, 503],
        [false, 200],
      ],
    );
  });

  it('audit log 403 names the missing permission', async () => {
    current = await check(FAULT_EXAMPLES.auditsWithoutPermission);
    const { report } = current;
    const applications = section(report, 'applications');
    assert.equal(applications.status, 'unavailable');
    assert.match(applications.reason ?? '', /AuditLog\.Read\.All/);
    assert.match(applications.reason ?? '', /Authorization_RequestDenied/);
    assert.equal(section(report, 'sign-ins').status, 'checked');
  });

  it('sign-ins 403 without P1 says a licence is needed', async () => {
    current = await check(FAULT_EXAMPLES.signInsWithoutPremiumLicence);
    const signIns = section(current.report, 'sign-ins');
    assert.equal(signIns.status, 'unavailable');
    assert.match(signIns.reason ?? '', /sign-in logs need an Entra ID P1 licence/);
    assert.ok(!current.report.findings.some((f) => f.kind.startsWith('signin.')));
  });

  it('start beyond retention gives the retention reason', async () => {
    current = await check(FAULT_EXAMPLES.signInsBeyondRetention);
    const signIns = section(current.report, 'sign-ins');
    assert.equal(signIns.status, 'unavailable');
    assert.match(signIns.reason ?? '', /400 BadRequest/);
    assert.match(signIns.reason ?? '', /30 days with Entra ID P1/);
    assert.match(signIns.reason ?? '', /later start/);
  });

  it('retries that run out leave the section unavailable', async () => {
    current = await check({
      rules: [{ path: 'users/*/mailFolders/inbox/messageRules', status: 429, retryAfter: '0.01' }],
    });
    const rules = section(current.report, 'inbox rules');
    assert.equal(rules.status, 'unavailable');
    assert.match(rules.reason ?? '', /throttling inbox rules reads \(429\)/);
    assert.ok(!current.report.findings.some((f) => f.kind === 'inbox-rule.suspicious'));
    assert.match(current.report.verdict, /unavailable|could not/i);
  });

  it('risk detections hang once and still arrive', async () => {
    current = await check(
      FAULT_EXAMPLES.riskDetectionsHang,
      {},
      {
        ...FAST_RETRY,
        attemptTimeoutMs: 500,
      },
    );
    assert.deepEqual(unavailable(current.report), []);
    assert.ok(current.report.findings.some((f) => f.kind === 'risk.detection'));
  });

  it('deadline that passes makes reads unavailable', async () => {
    current = await check(
      { rules: [{ path: 'auditLogs/signIns', hang: true }] },
      { deadlineMs: 800 },
      { ...FAST_RETRY, attemptTimeoutMs: 5_000 },
    );
    const signIns = section(current.report, 'sign-ins');
    assert.equal(signIns.status, 'unavailable');
    assert.match(signIns.reason ?? '', /ran out of time/);
  });

  it('mixed plan: complete where retries succeed, reasons elsewhere', async () => {
    current = await check(
      {
        rules: [
          { path: 'auditLogs/signIns', status: 503, times: 1 },
          {
            path: 'users/*/authentication/methods',
            status: 429,
            retryAfter: '0.2',
            times: 1,
          },
          { path: 'users/*/mailFolders/inbox/messageRules', status: 503, times: 2 },
          { path: 'identityProtection/riskDetections', hang: true, times: 1 },
          { path: 'users/*/mailFolders/sentItems/messages', status: 503 },
          {
            path: 'auditLogs/directoryAudits',
            status: 403,
            code: 'Authorization_RequestDenied',
          },
        ],
      },
      {},
      { ...FAST_RETRY, attemptTimeoutMs: 500 },
    );
    const { report } = current;
    for (const name of ['sign-ins', 'risk detections', 'inbox rules']) {
      assert.equal(
        section(report, name).status,
        'checked',
        `${name}: ${section(report, name).reason}`,
      );
    }
    const sent = section(report, 'sent mail');
    assert.equal(sent.status, 'unavailable');
    assert.match(sent.reason ?? '', /503/);
    const applications = section(report, 'applications');
    assert.equal(applications.status, 'unavailable');
    assert.match(applications.reason ?? '', /AuditLog\.Read\.All/);
    for (const s of report.sections.filter((s) => s.status === 'unavailable')) {
      assert.ok((s.reason ?? '').length > 20, `${s.name} has no reason`);
    }
    assert.ok(report.findings.some((f) => f.kind === 'signin.unfamiliar'));
    assert.ok(report.findings.some((f) => f.kind === 'inbox-rule.suspicious'));
    assert.ok(report.findings.some((f) => f.kind === 'risk.detection'));
    // The methods were read on the retry; the section still needs the audit log for its times.
    const methods = current.tenant.emulator.requests.filter((r) =>
      r.path.endsWith('authentication/methods'),
    );
    assert.deepEqual(
      methods.map((r) => r.status),
      [429, 200],
    );
    assert.match(section(report, 'authentication methods').reason ?? '', /AuditLog\.Read\.All/);
  });
});

describe('early report and progress', function () {
  this.timeout(60_000);
  let current: Checked | undefined;
  afterEach(async () => {
    await current?.tenant.close();
    current = undefined;
  });

  it('partial report arrives before sign-in paging ends', async () => {
    const partials: PartialReport[] = [];
    const progress: string[] = [];
    current = await check(
      // A slow sign-in read replaces many pages.
      { rules: [{ path: 'auditLogs/signIns', status: 503, times: 2 }] },
      {
        onPartialReport: (partial) => {
          partials.push(partial);
          progress.push('partial');
        },
        onProgress: (_stage, detail) => progress.push(detail),
      },
      { ...FAST_RETRY, baseDelayMs: 300 },
    );
    assert.equal(partials.length, 1);
    const [partial] = partials;
    assert.deepEqual(partial.pendingSections, ['sign-ins']);
    assert.ok(!partial.report.sections.some((s) => s.name === 'sign-ins'));
    assert.ok(partial.report.findings.some((f) => f.kind === 'inbox-rule.suspicious'));
    assert.ok(!partial.report.findings.some((f) => f.kind.startsWith('signin.')));
    assert.ok(progress.indexOf('partial') < progress.indexOf('sign-ins: done'));
    assert.ok(current.report.findings.some((f) => f.kind === 'signin.unfamiliar'));
  });

  it('progress names sections as they finish', async () => {
    const progress: string[] = [];
    current = await check({}, { onProgress: (_stage, detail) => progress.push(detail) });
    assert.ok(progress.includes('directory audit log: done'), progress.join(' | '));
    assert.ok(progress.includes('inbox rules: done'));
    assert.ok(progress.some((line) => /^sign-ins: [\d,]+ read$/.test(line)));
    assert.equal(progress.at(-1), current.report.user.userPrincipalName);
  });
});
