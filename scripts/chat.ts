/**
 * `npm run chat`: starts the bot in local mode on the demo tenant and the local chat page.
 * The first line on stdout is the page's URL; log lines go to stderr.
 *
 *   npm run chat [-- --port 3979]
 */
import pino from 'pino';
import { startLocalBot } from '../chat/localBot';
import { withDemoGroups } from '../chat/personas';
import { startChatServer } from '../chat/server';
import { FirebreakError } from '../services/errors';

const DEFAULT_CHAT_PORT = 3979;

function readPort(args: readonly string[]): number {
  const index = args.indexOf('--port');
  if (index === -1) return DEFAULT_CHAT_PORT;
  const value = args[index + 1] ?? '';
  const port = Number(value);
  if (!/^[0-9]{1,5}$/.test(value) || port > 65535) {
    throw new Error(
      `--port is invalid ("${value}"); pass a port number such as ${DEFAULT_CHAT_PORT}, or 0 for a free one`,
    );
  }
  return port;
}

async function main(): Promise<void> {
  const chatPort = readPort(process.argv.slice(2));
  const bot = await startLocalBot({
    env: withDemoGroups(process.env),
    logDestination: pino.destination(2),
  });
  const chat = await startChatServer({ messagesUrl: bot.messagesUrl, port: chatPort });
  process.stdout.write(`${chat.url}\n`);
  bot.services.log.info({ url: chat.url, bot: bot.messagesUrl }, 'local chat started');

  const stop = async (signal: string) => {
    bot.services.log.info({ signal }, 'stopping');
    await chat.close();
    await bot.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  const message =
    error instanceof FirebreakError
      ? error.userMessage
      : error instanceof Error
        ? error.message
        : String(error);
  process.stderr.write(`local chat failed to start: ${message}\n`);
  process.exit(1);
});
