/**
 * A stand-in for the Bot Framework Connector service, which has no local real counterpart: it
 * records the activities the bot sends to `serviceUrl` and answers like the connector does.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentActivity {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  /** Id the connector returned: a new one for each POST, as Teams does, the path's for a PUT. */
  id: string;
  body: Record<string, unknown>;
}

export interface FakeConnector {
  url: string;
  sent: SentActivity[];
  /** Resolves when `predicate` holds for some sent activity, or rejects after `timeoutMs`. */
  waitFor(predicate: (activity: SentActivity) => boolean, timeoutMs?: number): Promise<SentActivity>;
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const sent: SentActivity[] = [];
  const waiters: { predicate: (a: SentActivity) => boolean; resolve: (a: SentActivity) => void }[] = [];
  let counter = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      const text = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? '';
      const activityId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
      const activity: SentActivity = {
        method,
        path: req.url ?? '',
        conversationId: decodeURIComponent(match?.[1] ?? ''),
        activityId,
        id: method === 'PUT' && activityId ? activityId : `sent-${++counter}`,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
      sent.push(activity);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(activity)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(activity);
        }
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: activity.id }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    waitFor(predicate, timeoutMs = 15_000) {
      const found = sent.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching activity within ${timeoutMs} ms; sent: ${sent.length}`)), timeoutMs);
        waiters.push({
          predicate,
          resolve: (activity) => {
            clearTimeout(timer);
            resolve(activity);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Builds a Teams-like message activity from `from` to the bot. */
export function messageActivity(serviceUrl: string, text: string, options: { fromId?: string; fromName?: string; conversationId?: string; timeZone?: string; conversationType?: string } = {}): Record<string, unknown> {
  return {
    type: 'message',
    id: `activity-${Math.random().toString(16).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    text,
    localTimezone: options.timeZone ?? 'UTC',
    locale: 'en-US',
    from: { id: `29:${options.fromId ?? 'riley'}`, name: options.fromName ?? 'Riley Chen', aadObjectId: options.fromId },
    recipient: { id: '28:firebreak', name: 'Firebreak' },
    conversation: { id: options.conversationId ?? 'conversation-1', conversationType: options.conversationType ?? 'personal', tenantId: 'contoso-tenant' },
    timestamp: new Date().toISOString(),
  };
}

/** POSTs an activity to the bot's endpoint and returns the HTTP status and body. */
export async function postActivity(botUrl: string, activity: Record<string, unknown>): Promise<{ status: number; body: string }> {
  const response = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
  });
  return { status: response.status, body: await response.text() };
}
