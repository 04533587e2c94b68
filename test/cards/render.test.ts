import assert from 'node:assert/strict';
import { copyFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { buildApprovalCard, type ApprovalViewer } from '../../cards/approvalCard';
import { buildAuditListCard, buildPendingListCard } from '../../cards/listCards';
import {
  buildChooseUserCard,
  buildErrorCard,
  buildHelpCard,
  buildProgressCard,
} from '../../cards/messageCard';
import { buildReportCard } from '../../cards/reportCard';
import { startEmulator } from '../../emulator';
import type { ApprovalRequest, ApprovalStatus, Report } from '../../services/domain';
import { createGraphClient } from '../../services/graph/client';
import { RequestBudget } from '../../services/graph/budget';
import { GraphReader } from '../../services/graph/reader';
import { investigate } from '../../services/investigation/investigate';
import { silentLogger } from '../../services/log';
import {
  CHROMIUM_MISSING_REASON,
  chromiumInstalled,
  launchChromium,
  outputDir,
  type Chromium,
} from '../chat/browser';
import { expectedButtonTitles, prepareCardPage, renderCard } from '../chat/cardPage';
import { ALEX, makeReport, makeRemediation, makeRequest } from './fixtures';

const ROOT = path.join(__dirname, '..', '..');
const WIDTHS = [360, 1280];
const available = chromiumInstalled();
const suite = available ? describe : describe.skip;
const title = available
  ? 'cards rendered in Chromium'
  : `cards rendered in Chromium (${CHROMIUM_MISSING_REASON})`;

/** Reads the demo tenant's report on Alex over HTTPS, as the bot would. */
async function demoReport(): Promise<Report> {
  const emulator = await startEmulator({
    tenant: path.join(ROOT, 'emulator', 'tenants', 'contoso-phish.json'),
    rebase: false,
  });
  const connection = createGraphClient(
    { baseUrl: emulator.url, ca: emulator.ca },
    { budget: new RequestBudget({ requests: 1000, perMs: 1000 }) },
  );
  try {
    const outcome = await investigate(new GraphReader(connection.client, silentLogger), {
      user: ALEX.userPrincipalName,
      since: new Date('2026-12-02T09:00:00Z'),
      now: new Date('2026-12-03T12:00:00Z'),
    });
    if (!outcome.ok) throw new Error(`the demo check failed: ${outcome.error.message}`);
    return outcome.report;
  } finally {
    await connection.close();
    await emulator.close();
  }
}

function requestIn(status: ApprovalStatus, extra: Partial<ApprovalRequest> = {}): ApprovalRequest {
  const decided =
    status === 'pending' || status === 'expired'
      ? {}
      : {
          decidedBy: { aadObjectId: 'aad-jordan', name: 'Jordan Patel' },
          decidedAt: '2026-03-02T12:09:00Z',
        };
  const finished =
    status === 'succeeded' || status === 'failed' ? { finishedAt: '2026-03-02T12:09:30Z' } : {};
  return makeRequest({ status, ...decided, ...finished, ...extra });
}

function approvalCards(): Record<string, object> {
  const views: ApprovalViewer[] = ['approver', 'requester', 'other'];
  const cards: Record<string, object> = {};
  for (const viewer of views)
    cards[`approval-pending-${viewer}`] = buildApprovalCard(requestIn('pending'), { viewer });
  cards['approval-pending-refresh'] = buildApprovalCard(requestIn('pending'), {
    viewer: 'other',
    refreshUserIds: ['29:riley', '29:jordan'],
  });
  cards['approval-running'] = buildApprovalCard(requestIn('running'), { viewer: 'other' });
  cards['approval-succeeded'] = buildApprovalCard(
    requestIn('succeeded', { result: 'Account disabled; accountEnabled is false', verified: true }),
    { viewer: 'other' },
  );
  cards['approval-unverified'] = buildApprovalCard(
    requestIn('succeeded', { result: 'Account disabled', verified: false }),
    { viewer: 'other' },
  );
  cards['approval-failed'] = buildApprovalCard(
    requestIn('failed', {
      result:
        'Graph answered 403 Authorization_RequestDenied (request id 0f4c2a9e-5b1d-4c57-9a0e-1a2b3c4d5e6f)',
    }),
    { viewer: 'other' },
  );
  cards['approval-rejected'] = buildApprovalCard(
    requestIn('rejected', {
      rejectReason: 'Expected sign-in: the user confirmed the trip to Amsterdam',
    }),
    { viewer: 'other' },
  );
  cards['approval-expired'] = buildApprovalCard(requestIn('expired'), { viewer: 'other' });
  return cards;
}

function reportWithStates(): object {
  const actions = Array.from({ length: 9 }, (_, index) =>
    makeRemediation(index, {
      label: `Delete inbox rule ${index} that forwards to archive-sync-${index}@mailbox-sync.example`,
    }),
  );
  const report = makeReport({ actions });
  const states: Record<string, ApprovalRequest> = {
    [actions[0].id]: requestIn('pending', { actionId: actions[0].id, action: actions[0] }),
    [actions[1].id]: requestIn('succeeded', {
      actionId: actions[1].id,
      action: actions[1],
      result: 'Rule deleted',
      verified: true,
    }),
  };
  return buildReportCard(report, { reportId: 'rep-0001', actionStates: states });
}

function otherCards(): Record<string, object> {
  const candidates = Array.from({ length: 12 }, (_, index) => ({
    userId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    displayName: `Alex Example ${index}`,
    userPrincipalName: `alex.example.with.a.long.name.${index}@contoso.onmicrosoft.com`,
    jobTitle: index % 2 === 0 ? 'Account Executive, Enterprise Sales' : null,
  }));
  const requests = [
    requestIn('pending'),
    requestIn('pending', { id: 'req-0002', requestedAt: '2026-03-02T12:30:00Z' }),
  ];
  const entries = [
    { at: '2026-03-02T12:05:00Z', actor: 'Riley Chen', event: 'Requested: Revoke sessions' },
    { at: '2026-03-02T12:09:00Z', actor: 'Jordan Patel', event: 'Approved: Revoke sessions' },
    {
      at: '2026-03-02T12:09:30Z',
      actor: 'Firebreak',
      event: 'Succeeded: Revoke sessions',
      detail: 'signInSessionsValidFromDateTime is 2026-03-02T12:09:29Z; verified in Graph',
    },
  ];
  return {
    help: buildHelpCard(),
    error: buildErrorCard({
      message:
        'Graph refused to read sign-ins (403 Authentication_RequestFromNonPremiumTenantOrB2CTenant). Ask an admin for an Entra ID P1 licence.',
      correlationId: '5b0e7f0c-3a8e-4f57-bb1c-0d9c0a7a1e11',
      graphRequestId: '0f4c2a9e-5b1d-4c57-9a0e-1a2b3c4d5e6f',
    }),
    progress: buildProgressCard({
      upn: ALEX.userPrincipalName,
      since: '2026-03-02T08:00:00Z',
      sinceDescription: 'Monday 2 March 09:00 Europe/Berlin',
    }),
    'choose-user': buildChooseUserCard('alex', candidates),
    'pending-list': buildPendingListCard(requests),
    'pending-list-empty': buildPendingListCard([]),
    'audit-list': buildAuditListCard(ALEX.userPrincipalName, entries),
  };
}

suite(title, function () {
  this.timeout(120_000);
  const screenshots = outputDir('cards');
  const cards: Record<string, object> = {};
  let browser: Chromium;
  let page: Page;

  before(async () => {
    cards['report-demo'] = buildReportCard(await demoReport(), { reportId: 'rep-demo' });
    cards['report-states'] = reportWithStates();
    Object.assign(cards, approvalCards(), otherCards());
    browser = await launchChromium();
    page = await browser.context.newPage();
    await prepareCardPage(page);
  });
  after(async () => {
    await browser?.close();
  });

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      before(async () => {
        await page.setViewportSize({ width, height: 900 });
      });

      it('every card fits its width and shows every button', async () => {
        const truncated: Record<string, string[]> = {};
        for (const [name, card] of Object.entries(cards)) {
          const rendered = await renderCard(page, card);
          if (rendered.truncatedTitles.length > 0) truncated[name] = rendered.truncatedTitles;
          await page
            .locator('#host')
            .screenshot({ path: path.join(screenshots, `${name}-${width}.png`) });

          assert.ok(
            rendered.scrollWidth <= rendered.clientWidth,
            `${name} at ${width} px overflows: scrollWidth ${rendered.scrollWidth} > clientWidth ${rendered.clientWidth}`,
          );
          assert.deepEqual(
            [...rendered.buttonTitles].sort(),
            expectedButtonTitles(card).sort(),
            `${name} at ${width} px: rendered buttons differ from the card's actions`,
          );
        }
        writeFileSync(
          path.join(screenshots, `truncated-buttons-${width}.json`),
          JSON.stringify(truncated, null, 2),
        );
        assert.deepEqual(truncated, {}, `button titles cut off at ${width} px`);
      });
    });
  }

  it('report card at 1280 px is copied for the docs', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await renderCard(page, cards['report-demo']);
    const file = path.join(screenshots, 'report-card-docs.png');
    // Only the top of the card, so that the picture stays small enough to commit.
    const box = await page.locator('#host').boundingBox();
    assert.ok(box, 'the rendered card has a bounding box');
    await page.screenshot({
      path: file,
      clip: { x: 0, y: 0, width: Math.min(box.width, 900), height: Math.min(box.height, 1100) },
    });
    const docs = path.join(ROOT, 'docs', 'images', 'report-card.png');
    copyFileSync(file, docs);
    assert.ok(
      statSync(docs).size < 300 * 1024,
      `docs/images/report-card.png is ${statSync(docs).size} bytes`,
    );
  });
});
