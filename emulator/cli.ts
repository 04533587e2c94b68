import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from './index';

const USAGE = `Usage: npm run emulator -- [--tenant FILE] [--port N] [--faults FILE] [--no-budget] [--no-rebase]
  --tenant FILE  tenant snapshot JSON (default: emulator/tenants/contoso-phish.json)
  --port N       TCP port on 127.0.0.1 (default: 0, a free port)
  --faults FILE  fault plan JSON (latency, error statuses, hangs)
  --no-budget    turn off the 5-requests-per-10-seconds reports budget
  --no-rebase    serve snapshot date-times as stored instead of shifting them to now`;

interface CliOptions {
  tenant: string;
  port: number;
  faults?: string;
  reportBudget: boolean;
  rebase: boolean;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function parseArguments(args: string[]): CliOptions {
  const options: CliOptions = {
    tenant: join(__dirname, 'tenants', 'contoso-phish.json'),
    port: 0,
    reportBudget: true,
    rebase: true,
  };
  for (let index = 0; index < args.length; index += 1) {
    const name = args[index];
    const value = (): string => {
      const next = args[index + 1];
      if (next === undefined || next.startsWith('--')) fail(`${name} needs a value.`);
      index += 1;
      return next;
    };
    if (name === '--tenant') options.tenant = value();
    else if (name === '--faults') options.faults = value();
    else if (name === '--port') {
      const text = value();
      const port = Number(text);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        fail(`--port must be a whole number from 0 to 65535, got '${text}'.`);
      }
      options.port = port;
    } else if (name === '--no-budget') options.reportBudget = false;
    else if (name === '--no-rebase') options.rebase = false;
    else if (name === '--help' || name === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else fail(`Unknown option '${name}'.`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  const emulator = await startEmulator(options);
  const directory = mkdtempSync(join(tmpdir(), 'firebreak-emulator-'));
  const caPath = join(directory, 'ca.pem');
  writeFileSync(caPath, emulator.ca);
  // Scripts read the first line as the base URL and the second as the CA path.
  process.stdout.write(`${emulator.url}\n${caPath}\n`);
  process.stderr.write(`Serving ${options.tenant}; stop with Ctrl+C.\n`);

  const stop = (): void => {
    emulator
      .close()
      .then(() => {
        rmSync(directory, { recursive: true, force: true });
        process.exit(0);
      })
      .catch((error: unknown) => {
        process.stderr.write(`Emulator failed to stop: ${String(error)}\n`);
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
