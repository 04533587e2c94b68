import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Locator, Page } from 'playwright-core';
import { startLocalBot, type LocalBot } from '../../chat/localBot';
import { withDemoGroups } from '../../chat/personas';
import { startChatServer, type ChatServer } from '../../chat/server';
import {
  CHROMIUM_MISSING_REASON,
  chromiumInstalled,
  launchChromium,
  outputDir,
  type Chromium,
} from './browser';

const COMMAND = 'check alex.doe@contoso.com since 2 days ago';
const available = chromiumInstalled();
const suite = available ? describe : describe.skip;
const title = available
  ? 'local chat in Chromium'
  : `local chat in Chromium (${CHROMIUM_MISSING_REASON})`;

function botCard(page: Page, text: string | RegExp): Locator {
  return page.locator('article.from-bot', { has: page.locator('.ac-adaptiveCard'), hasText: text });
}

suite(title, function () {
  this.timeout(120_000);
  let bot: LocalBot;
  let chat: ChatServer;
  let browser: Chromium;
  let page: Page;
  const screenshots = outputDir('chat');

  before(async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-chat-'));
    const env = withDemoGroups({ PORT: '0', FIREBREAK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    bot = await startLocalBot({ env, logDestination: new PassThrough().resume() });
    chat = await startChatServer({ messagesUrl: bot.messagesUrl, port: 0 });
    browser = await launchChromium();
    page = await browser.context.newPage();
    await page.goto(chat.url);
    await page.locator('body[data-connected="true"]').waitFor();
  });
  after(async () => {
    await browser?.close();
    await chat?.close();
    await bot?.close();
  });

  // The bot lists in a card's refresh.userIds only users who have written to it, so the
  // approver writes first, as in a real chat; otherwise Teams would show Jordan no Approve button.
  it('help typed as Jordan shows the help card', async () => {
    await page.selectOption('#persona', 'jordan');
    await page.fill('#text', 'help');
    await page.press('#text', 'Enter');
    await botCard(page, 'check <user> since <time>').waitFor();
    assert.equal(await page.locator('article.from-user', { hasText: 'Jordan Patel' }).count(), 1);
  });

  it('check typed as Riley shows the report card', async () => {
    await page.selectOption('#persona', 'riley');
    await page.fill('#text', COMMAND);
    await page.press('#text', 'Enter');
    const report = botCard(page, 'Alex Doe').filter({
      has: page.getByRole('button', { name: /Revoke/ }),
    });
    await report.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(screenshots, '1-report-card.png'), fullPage: true });

    assert.equal(await page.locator('article.from-user', { hasText: COMMAND }).count(), 1);
    assert.match(await report.innerText(), /203\.0\.113\.45/);
    assert.doesNotMatch(await report.innerText(), /\\\./, 'Markdown escapes are not shown');
  });

  it('request by Riley posts an approval card', async () => {
    const report = botCard(page, 'Alex Doe').filter({
      has: page.getByRole('button', { name: /Revoke/ }),
    });
    await report.getByRole('button', { name: /Revoke/ }).click();
    const approval = botCard(page, 'Approval request');
    await approval.filter({ hasText: 'you cannot approve your own' }).waitFor();
    await botCard(page, 'Waiting for approval, requested by Riley Chen').first().waitFor();
    await page.screenshot({ path: path.join(screenshots, '2-requested.png'), fullPage: true });

    assert.match(await approval.innerText(), /Revoke sessions/);
    assert.match(await approval.innerText(), /Requested by\s+Riley Chen/);
    assert.equal(await approval.getByRole('button', { name: 'Approve' }).count(), 0);
  });

  it('approval by Jordan shows the verified result', async () => {
    await page.selectOption('#persona', 'jordan');
    const approval = botCard(page, 'Approval request').filter({
      has: page.getByRole('button', { name: 'Approve' }),
    });
    await approval.getByRole('button', { name: 'Approve' }).click();

    const doneApproval = botCard(page, 'Approval request').filter({ hasText: /verified in Graph/ });
    await doneApproval.waitFor({ timeout: 30_000 });
    const doneReport = botCard(page, 'Alex Doe').filter({ hasText: /Requested actions/ });
    await doneReport.filter({ hasText: /verified in Graph/ }).waitFor();
    await page.screenshot({ path: path.join(screenshots, '3-approved.png'), fullPage: true });

    assert.match(await doneApproval.innerText(), /Decided by\s+Jordan Patel/);
    assert.equal(await doneApproval.getByRole('button', { name: 'Approve' }).count(), 0);
    const revokes = bot.emulator?.requests.filter(
      (r) => r.method === 'POST' && r.path.endsWith('revokeSignInSessions'),
    );
    assert.equal(revokes?.length, 1);
  });

  it('refusal is shown only to the user who pressed', async () => {
    await page.selectOption('#persona', 'morgan');
    const report = botCard(page, 'Alex Doe').filter({
      has: page.getByRole('button', { name: /Disable/ }),
    });
    await report
      .getByRole('button', { name: /Disable/ })
      .first()
      .click();
    const refusal = page.locator('article.from-bot', { hasText: /Correlation id/ });
    await refusal.waitFor();
    await page.screenshot({
      path: path.join(screenshots, '4-refused-for-morgan.png'),
      fullPage: true,
    });
    assert.equal(await refusal.count(), 1);

    await page.selectOption('#persona', 'riley');
    assert.equal(await page.locator('article.from-bot', { hasText: /Correlation id/ }).count(), 0);
    assert.equal((await report.getByRole('button', { name: /Disable/ }).count()) > 0, true);
  });
});
