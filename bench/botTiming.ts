/**
 * Times a check typed in chat, end to end through the real bot: an activity is posted to
 * `/api/messages` and the replies are timed as they reach a stand-in Bot Connector. The bot reads
 * the local tenant with the latency and the identity-report budget on.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBotHost } from '../bots/botHost';
import { startEmulator } from '../emulator';
import { composeServices } from '../services/compose';
import { loadConfig } from '../services/config';
import { createGraphClient } from '../services/graph/client';
import { silentLogger } from '../services/log';
import {
  messageActivity,
  postActivity,
  type SentActivity,
  startFakeConnector,
} from '../test/support/connector';
import type { Scenario } from './singleCheck';

export interface ChatTiming {
  /** Time to the typing indicator, the first activity the bot sends. */
  typingMs: number;
  /** Time to the "Checking ..." progress card, the acknowledgement the responder reads. */
  acknowledgementMs: number;
  /** Time to the report card; undefined when it is not awaited. */
  reportCardMs?: number;
}

const REPORT_CARD_TIMEOUT_MS = 120_000;

function isAdaptiveCard(activity: SentActivity, marker: string): boolean {
  return JSON.stringify(activity.body.attachments ?? []).includes(marker);
}

/**
 * Sends `checks` commands one after another in a freshly started bot. The first is timed to its
 * report card; the later ones, sent to a process that has already served a turn, are timed to
 * their acknowledgement only, because their report cards wait for the first check's budget.
 */
export async function measureChat(scenario: Scenario, checks: number): Promise<ChatTiming[]> {
  const emulator = await startEmulator({
    tenant: scenario.tenant,
    faults: { latencyMs: scenario.latencyMs },
    reportBudget: true,
  });
  const connector = await startFakeConnector();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-bench-'));
  const config = loadConfig({ PORT: '0', FIREBREAK_DATA_DIR: dataDir });
  const graph = createGraphClient({ baseUrl: emulator.url, ca: emulator.ca });
  const services = composeServices(config, silentLogger, graph);
  const host = await startBotHost(services);
  const days = Math.round(scenario.windowMs / 86_400_000);
  try {
    const timings: ChatTiming[] = [];
    for (let index = 0; index < checks; index++) {
      const conversationId = `bench-${index}`;
      const inConversation = (activity: SentActivity): boolean =>
        activity.conversationId === conversationId;
      const text = `check ${scenario.user} since ${days} days ago`;
      const started = performance.now();
      const elapsed = (): number => performance.now() - started;
      const typing = connector
        .waitFor((a) => inConversation(a) && a.body.type === 'typing')
        .then(elapsed);
      const acknowledgement = connector
        .waitFor((a) => inConversation(a) && isAdaptiveCard(a, 'Checking'))
        .then(elapsed);
      const report = connector
        .waitFor(
          (a) => inConversation(a) && isAdaptiveCard(a, 'firebreak.request'),
          REPORT_CARD_TIMEOUT_MS,
        )
        .then(elapsed);
      const answer = await postActivity(
        host.server.url,
        messageActivity(connector.url, text, { conversationId }),
      );
      if (answer.status !== 200) {
        throw new Error(
          `The bot returned ${answer.status} to "${text}": ${answer.body.slice(0, 200)}.`,
        );
      }
      const [typingMs, acknowledgementMs, reportCardMs] = await Promise.all([
        typing,
        acknowledgement,
        report,
      ]);
      timings.push({
        typingMs,
        acknowledgementMs,
        reportCardMs: index === 0 ? reportCardMs : undefined,
      });
    }
    return timings;
  } finally {
    await host.close();
    await services.ledger.close();
    await graph.close();
    await connector.close();
    await emulator.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
