/**
 * The Bot Connector side of the chat server. The bot sends its replies to the activity's
 * `serviceUrl`, which is the chat server, so these routes take the place of the Teams connector
 * service: new activities are added to the transcript and updates replace them.
 */
import { randomUUID } from 'node:crypto';
import type { Attachment, Transcript } from './transcript';

export interface ConnectorResult {
  status: number;
  body: Record<string, unknown>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/;

interface SentActivity {
  type?: unknown;
  text?: unknown;
  attachments?: unknown;
  from?: { name?: unknown };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readAttachments(value: unknown): Attachment[] {
  if (!Array.isArray(value)) return [];
  return value.filter(isRecord).map((attachment) => ({
    contentType: typeof attachment.contentType === 'string' ? attachment.contentType : '',
    content: attachment.content,
  }));
}

function connectorError(status: number, message: string): ConnectorResult {
  return { status, body: { error: { code: 'BadArgument', message } } };
}

/** Returns whether `path` is a connector route this module handles. */
export function isConnectorPath(path: string): boolean {
  return path.startsWith('/v3/');
}

/**
 * Handles one connector request from the bot: `POST .../activities` (send), `POST
 * .../activities/{id}` (reply) and `PUT .../activities/{id}` (update).
 */
export function handleConnectorRequest(
  method: string,
  path: string,
  body: unknown,
  conversationId: string,
  transcript: Transcript,
): ConnectorResult {
  const match = ACTIVITY_PATH.exec(path.split('?')[0]);
  if (!match) return connectorError(404, `no connector route for ${method} ${path}`);
  const conversation = decodeURIComponent(match[1]);
  if (conversation !== conversationId) {
    return connectorError(
      404,
      `conversation "${conversation}" is unknown; expected "${conversationId}"`,
    );
  }
  if (!isRecord(body)) return connectorError(400, 'the request body is not a JSON activity');

  const activity = body as SentActivity;
  const activityId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  const text = typeof activity.text === 'string' ? activity.text : '';
  const attachments = readAttachments(activity.attachments);
  const fromName =
    typeof activity.from?.name === 'string' && activity.from.name
      ? activity.from.name
      : 'Firebreak';

  if (method === 'PUT' && activityId !== undefined) {
    const updated = transcript.update(activityId, text, attachments);
    if (!updated)
      return connectorError(404, `activity "${activityId}" is unknown, so it cannot be updated`);
    return { status: 200, body: { id: activityId } };
  }
  if (method !== 'POST') return connectorError(405, `${method} is not supported on ${path}`);

  if (activity.type === 'typing') {
    transcript.typing(fromName);
    return { status: 200, body: { id: `typing-${randomUUID()}` } };
  }
  // Events and other non-message activities have nothing to show in the chat.
  if (activity.type !== undefined && activity.type !== 'message') {
    return { status: 200, body: { id: `other-${randomUUID()}` } };
  }
  const id = `bot-${randomUUID()}`;
  transcript.add({
    id,
    from: 'bot',
    fromName,
    text,
    attachments,
    timestamp: new Date().toISOString(),
  });
  return { status: 200, body: { id } };
}
