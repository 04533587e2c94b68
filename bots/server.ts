import restify from 'restify';
import type { ActivityHandler, MiddlewareSet, TurnContext } from 'botbuilder';
import { isLoopback } from '../services/config';
import { FirebreakError } from '../services/errors';
import type { Logger } from '../services/log';
import type { FirebreakAdapter } from './adapter';

/** Largest request body read; restify answers 413 to a larger one before any bot code runs. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface ServerOptions {
  adapter: FirebreakAdapter;
  bot: ActivityHandler;
  /** Middleware run around the bot for inbound activities only, never for proactive turns. */
  guards: MiddlewareSet;
  log: Logger;
  port: number;
  host: string;
  /** Local mode (no app id): the adapter checks no tokens, so only loopback may reach it. */
  localMode: boolean;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts restify with `POST /api/messages` and `GET /healthz`. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { adapter, bot, guards, log } = options;
  if (options.localMode && !isLoopback(options.host)) throw localModeError(options.host);

  const server = restify.createServer({ name: 'firebreak' });
  server.use(restify.plugins.bodyParser({ maxBodySize: MAX_BODY_BYTES, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const authorization = req.header('authorization', '');
    const turn = (context: TurnContext) => guards.run(context, () => bot.run(context));
    try {
      const outcome = await adapter.handleRequest(req.body, authorization, turn);
      res.send(outcome.status, outcome.body);
    } catch (error) {
      // The adapter's turn error handler has already logged and answered; this is a fault in it.
      log.error({ err: error }, 'request failed');
      res.send(500, { error: 'Firebreak failed to handle the request; see its log.' });
    }
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  // A host name such as localhost could resolve elsewhere, so the bound address is checked too.
  if (options.localMode && !isLoopback(address.address)) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
    });
    throw localModeError(address.address);
  }

  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${isWildcard(address.address) ? '127.0.0.1' : shownHost}:${address.port}`;
  log.info({ url, host: address.address, localMode: options.localMode }, 'bot listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

function isWildcard(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

function localModeError(host: string): FirebreakError {
  const problem =
    `the bot would listen on ${host} in local mode (no MicrosoftAppId, so no token check); ` +
    'set FIREBREAK_BIND_HOST to 127.0.0.1, or set MicrosoftAppId and MicrosoftAppPassword';
  return new FirebreakError('config.invalid', problem, `Configuration invalid: ${problem}.`);
}
