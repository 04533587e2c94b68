import restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from '../services/log';

export interface ServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  log: Logger;
  port: number;
  /** Local mode (no app id): the adapter checks no tokens, so only loopback may reach it. */
  localMode: boolean;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Starts restify with `POST /api/messages` and `GET /healthz`. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const server = restify.createServer({ name: 'firebreak' });
  server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));

  server.post('/api/messages', async (req, res) => {
    await options.adapter.process(req, res, (context) => options.bot.run(context));
  });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    return next();
  });

  const host = options.localMode ? '127.0.0.1' : '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const address = server.address();
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`;
  options.log.info({ url, localMode: options.localMode }, 'bot listening');
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
