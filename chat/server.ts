/**
 * The local chat server on 127.0.0.1: the page and its scripts, the page's API, an event stream
 * of the conversation, and the Bot Connector routes the bot replies to.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { handleConnectorRequest, isConnectorPath } from './connector';
import { pressButton, sendMessage, type PageApiContext, type PageApiResult } from './pageApi';
import { PERSONAS } from './personas';
import { Transcript, type TranscriptEvent } from './transcript';

export interface ChatServerOptions {
  /** The bot's endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  messagesUrl: string;
  /** Port to listen on; 0 picks a free one. */
  port: number;
  conversationId?: string;
}

export interface ChatServer {
  url: string;
  transcript: Transcript;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 512 * 1024;
const PAGE_DIR = path.join(__dirname, 'page');
const ADAPTIVECARDS_DIR = path.join(
  path.dirname(require.resolve('adaptivecards/package.json')),
  'dist',
);

/** Files the page loads, by URL path. Nothing else on disk is served. */
const ASSETS: Record<string, { file: string; type: string }> = {
  '/': { file: path.join(PAGE_DIR, 'index.html'), type: 'text/html; charset=utf-8' },
  '/chat.js': { file: path.join(PAGE_DIR, 'chat.js'), type: 'text/javascript; charset=utf-8' },
  '/cards.js': { file: path.join(PAGE_DIR, 'cards.js'), type: 'text/javascript; charset=utf-8' },
  '/favicon.ico': { file: path.join(PAGE_DIR, 'favicon.svg'), type: 'image/svg+xml' },
  '/chat.css': { file: path.join(PAGE_DIR, 'chat.css'), type: 'text/css; charset=utf-8' },
  '/vendor/adaptivecards.css': {
    file: path.join(ADAPTIVECARDS_DIR, 'adaptivecards.css'),
    type: 'text/css; charset=utf-8',
  },
  '/vendor/adaptivecards.min.js': {
    file: path.join(ADAPTIVECARDS_DIR, 'adaptivecards.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};

function sendJson(res: http.ServerResponse, result: PageApiResult): void {
  res.writeHead(result.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(result.body));
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new RangeError(`request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

/**
 * Accepts only requests addressed to this server by its loopback name, so that a web page
 * elsewhere cannot reach it through DNS rebinding.
 */
function hostAllowed(req: http.IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/**
 * Requires a JSON body on every write, because a cross-site form cannot send one without a CORS
 * preflight, which this server never grants.
 */
function isJson(req: http.IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json');
}

function streamEvents(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  transcript: Transcript,
): void {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
  });
  // A comment line sends the headers at once, so the page sees at once that it is connected.
  res.write(': connected\n\n');
  const write = (event: TranscriptEvent) => res.write(`data: ${JSON.stringify(event)}\n\n`);
  for (const entry of transcript.list()) write({ kind: 'entry', entry });
  const unsubscribe = transcript.subscribe(write);
  req.on('close', unsubscribe);
}

async function serveAsset(
  res: http.ServerResponse,
  asset: { file: string; type: string },
): Promise<void> {
  const content = await readFile(asset.file);
  res.writeHead(200, { 'Content-Type': asset.type, 'Cache-Control': 'no-store' });
  res.end(content);
}

/** Starts the chat server on 127.0.0.1 for the bot at `options.messagesUrl`. */
export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  const transcript = new Transcript();
  const server = http.createServer();
  const open = new Set<http.ServerResponse>();
  let port = 0;
  // The service URL is known once the server listens; requests cannot arrive before that.
  const context: PageApiContext = {
    messagesUrl: options.messagesUrl,
    conversation: {
      id: options.conversationId ?? '19:firebreak-local-chat@thread.v2',
      serviceUrl: '',
    },
    transcript,
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const urlPath = (req.url ?? '/').split('?')[0];
    if (!hostAllowed(req, port)) {
      return sendJson(res, {
        status: 403,
        body: {
          error: `host "${req.headers.host ?? ''}" is not this server; open http://127.0.0.1:${port}/`,
        },
      });
    }
    if (method === 'GET' && ASSETS[urlPath]) return serveAsset(res, ASSETS[urlPath]);
    if (method === 'GET' && urlPath === '/chat/personas')
      return sendJson(res, { status: 200, body: { personas: PERSONAS } });
    if (method === 'GET' && urlPath === '/chat/events') return streamEvents(req, res, transcript);

    if (method !== 'POST' && method !== 'PUT')
      return sendJson(res, { status: 404, body: { error: `nothing at ${method} ${urlPath}` } });
    if (!isJson(req))
      return sendJson(res, { status: 415, body: { error: 'send the body as application/json' } });
    const body = await readBody(req);

    if (isConnectorPath(urlPath)) {
      return sendJson(
        res,
        handleConnectorRequest(method, urlPath, body, context.conversation.id, transcript),
      );
    }
    if (method === 'POST' && urlPath === '/chat/send')
      return sendJson(res, await sendMessage(body, context));
    if (method === 'POST' && urlPath === '/chat/invoke')
      return sendJson(res, await pressButton(body, context));
    return sendJson(res, { status: 404, body: { error: `nothing at ${method} ${urlPath}` } });
  };

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    route(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (res.headersSent) {
        res.end();
        return;
      }
      const status = error instanceof SyntaxError || error instanceof RangeError ? 400 : 500;
      sendJson(res, {
        status,
        body: { error: `${req.method ?? ''} ${req.url ?? ''} failed: ${message}` },
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  context.conversation.serviceUrl = url;

  return {
    url: `${url}/`,
    transcript,
    close: () =>
      new Promise<void>((resolve) => {
        // Event streams stay open until the page goes away, so they are ended here.
        for (const res of open) res.end();
        server.close(() => resolve());
      }),
  };
}
