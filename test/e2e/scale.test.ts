/**
 * Big tenants and many responders: a user with 50,000 sign-ins is checked in bounded memory
 * with the spray summarised, and concurrent checks share the identity-report budget.
 */
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildReportCard } from '../../cards/reportCard';
import { cardByteLength, CARD_BYTE_LIMIT } from '../../cards/validate';
import type { TenantSnapshot } from '../../emulator';
import { generateLargeTenant } from '../../emulator/tenants/generateLarge';
import { SERVICE_ACCOUNT, SPRAY_SUCCESS_PLACES } from '../../emulator/tenants/builders/largeEvents';
import type { Report } from '../../services/domain';
import { RequestBudget } from '../../services/graph/budget';
import { defaultReportBudget } from '../../services/graph/client';
import { investigate } from '../../services/investigation/investigate';
import { PHISH_TENANT, startTestTenant, type TestTenant } from '../services/graph/support';

const HOUR_MS = 3_600_000;
const SIGN_INS = 50_000;

/** Returns a full garbage collection, exposed for this measurement only. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('user with 50,000 sign-ins', function () {
  this.timeout(120_000);
  let tenant: TestTenant;
  let report: Report;
  let heapGrowthMb = Number.NaN;

  before(async () => {
    const referenceTime = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const snapshot = generateLargeTenant({
      signIns: SIGN_INS,
      audits: 500,
      ownedApps: 20,
      referenceTime,
    });
    // The budget is paced in its own test; 50 pages at 5 per 10 s would take 100 s here.
    tenant = await startTestTenant({
      tenant: snapshot as TenantSnapshot,
      reportBudget: false,
      rebase: false,
    });
    const gc = exposeGc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const now = new Date(referenceTime);
    const outcome = await investigate(
      tenant.reader,
      {
        user: SERVICE_ACCOUNT.userPrincipalName,
        since: new Date(now.getTime() - 25 * HOUR_MS),
        now,
      },
      {
        onProgress: (_stage, detail) => {
          // Measured when the last page is in: rows kept by the reader would all be live here.
          if (detail === `sign-ins: ${SIGN_INS.toLocaleString('en-US')} read`) {
            gc();
            heapGrowthMb = (process.memoryUsage().heapUsed - before) / 2 ** 20;
          }
        },
      },
    );
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
    report = outcome.report;
  });
  after(async () => {
    await tenant.close();
  });

  it('completes with every section checked', () => {
    const unavailable = report.sections.filter((s) => s.status === 'unavailable');
    assert.deepEqual(unavailable, []);
  });

  it('reads every sign-in with no cap note', () => {
    assert.ok(
      !report.notes.some((note) => note.startsWith('Only the first')),
      report.notes.join('\n'),
    );
  });

  it('keeps heap growth bounded while paging', () => {
    // 50,000 parsed rows take well over 100 MB; the digest keeps about a thousand rows.
    assert.ok(Number.isFinite(heapGrowthMb), 'the last page was never reported');
    assert.ok(heapGrowthMb < 60, `heap grew ${heapGrowthMb.toFixed(1)} MB`);
  });

  it('names each spray success IP as unfamiliar', () => {
    const ips = report.findings
      .filter((f) => f.kind === 'signin.unfamiliar')
      .map((f) => String(f.evidence.ip));
    for (const place of SPRAY_SUCCESS_PLACES) assert.ok(ips.includes(place.ip), place.ip);
  });

  it('summarises spray failures per client', () => {
    const failed = report.findings.filter(
      (f) => f.kind === 'signin.legacy-protocol' && f.evidence.succeeded === false,
    );
    const clients = failed.map((f) => String(f.evidence.client));
    assert.equal(new Set(clients).size, clients.length);
    assert.ok(failed.some((f) => Number(f.evidence.ipCount) >= 1000));
    assert.ok(failed.every((f) => (f.evidence.ips as string[]).length <= 10));
  });

  it('keeps sign-in findings few', () => {
    const signIn = report.findings.filter((f) => f.kind.startsWith('signin.'));
    assert.ok(signIn.length < 30, `${signIn.length} sign-in findings`);
  });

  it('notes the failure counts', () => {
    const note = report.notes.find((n) => n.includes('failed sign-ins in the window'));
    assert.ok(note, report.notes.join('\n'));
    assert.match(note, /Most by country: /);
  });

  it('report card stays under the byte limit', () => {
    const card = buildReportCard(report, { reportId: 'scale-test' });
    const bytes = cardByteLength(card);
    assert.ok(bytes < CARD_BYTE_LIMIT, `${bytes} bytes`);
  });
});

/**
 * Eight checks at once against Graph's real identity-report limit, 5 requests per 10 s. Each
 * check draws 4 requests (sign-ins, two audit queries, authentication methods), so twenty
 * checks need 80 requests, about 160 s. Eight need 32, about 70 s, within the 90 s allowed.
 */
describe('concurrent checks under the report budget', function () {
  this.timeout(120_000);
  const CHECKS = 8;
  let tenant: TestTenant;
  let budget: RequestBudget;

  before(async () => {
    budget = defaultReportBudget();
    tenant = await startTestTenant({ tenant: PHISH_TENANT, reportBudget: true }, { budget });
  });
  after(async () => {
    await tenant.close();
  });

  it('eight checks all complete with no unavailable section', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown): void => void rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const now = new Date();
      const since = new Date(now.getTime() - 48 * HOUR_MS);
      const outcomes = await Promise.all(
        Array.from({ length: CHECKS }, () =>
          investigate(tenant.reader, { user: 'alex.doe@contoso.com', since, now }),
        ),
      );
      for (const outcome of outcomes) {
        assert.ok(outcome.ok, outcome.ok ? '' : outcome.error.message);
        const unavailable = outcome.report.sections.filter((s) => s.status === 'unavailable');
        assert.deepEqual(unavailable, []);
        assert.ok(outcome.report.findings.some((f) => f.kind === 'signin.unfamiliar'));
      }
    } finally {
      process.off('unhandledRejection', onRejection);
    }
    assert.deepEqual(rejections, []);
  });
});
