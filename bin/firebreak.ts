#!/usr/bin/env node
/**
 * Command-line interface: `firebreak check <user> --since <time> [--tenant FILE] [--tz ZONE] [--json]`.
 * Exit status: 0 complete report, 3 report with unavailable sections, 2 invalid input, 1 other failure.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { loadConfig, type Config } from '../services/config';
import { FirebreakError, toFirebreakError } from '../services/errors';
import { createGraphClient } from '../services/graph/client';
import { GraphReader } from '../services/graph/reader';
import { investigate } from '../services/investigation/investigate';
import { createLogger } from '../services/log';
import { parseSince } from '../services/time/parseSince';
import { runAudit } from './commands/audit';
import { runReport } from './commands/report';
import { runTimeline } from './commands/timeline';
import { formatReport } from './formatReport';
import { resolveGraphTarget } from './graphTarget';

const TIME_ERRORS = {
  'time.invalid': 'input.time-invalid',
  'time.future': 'input.time-future',
  'time.too-old': 'input.time-too-old',
} as const;

export const EXIT = { ok: 0, failure: 1, invalidInput: 2, incomplete: 3 } as const;

const USAGE = `Usage:
  firebreak check <user> --since <time> [--tenant FILE] [--tz ZONE] [--json] [--timeline]
  firebreak report <user> --since <time> --format md|json|csv [--tenant FILE] [--tz ZONE]
  firebreak audit [--user UPN|id] [--verify] [--data-dir DIR]

  <user>         UPN, mail address, object id, or the start of a display name
  --since TIME   start of the window, e.g. "yesterday 9am", "20 hours ago", "2026-12-01 14:00"
  --tenant FILE  local tenant snapshot to check instead of Microsoft Graph (JSON)
  --tz ZONE      IANA time zone for times without an offset (default FIREBREAK_TIMEZONE or UTC)
  --json         print only the report as JSON on stdout
  --timeline     print the chronological timeline of the window as well
  --format       incident report format for a ticket: md, json or csv`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return command ? EXIT.ok : EXIT.invalidInput;
  }
  try {
    if (command === 'check' && rest.includes('--timeline')) return await runTimeline(rest, io);
    if (command === 'check') return await runCheck(rest, io);
    if (command === 'report') return await runReport(rest, io);
    if (command === 'audit') return await runAudit(rest, io);
    throw inputError(`unknown command "${command}"`);
  } catch (error) {
    const failure = toFirebreakError(error);
    io.stderr(`firebreak: ${failure.userMessage}`);
    if (failure.code === 'internal') io.stderr(`firebreak: ${failure.message}`);
    return failure.isInputError || failure.code === 'config.invalid' ? EXIT.invalidInput : EXIT.failure;
  }
}

async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(args);
  if (positionals.length !== 1) throw inputError('check takes exactly one user');
  if (!values.since) throw inputError('--since is missing, e.g. --since "yesterday 9am"');

  const env = { ...io.env };
  if (values.tenant) {
    env.FIREBREAK_TENANT = path.resolve(values.tenant);
    delete env.FIREBREAK_GRAPH_URL;
    delete env.AZURE_CLIENT_SECRET;
    delete env.AZURE_CLIENT_CERTIFICATE_PATH;
    delete env.FIREBREAK_MANAGED_IDENTITY;
  }
  const config: Config = loadConfig(env);
  const now = io.now();
  const since = parseSince(values.since, { now, timeZone: values.tz ?? config.defaultTimeZone });
  if (!since.ok) {
    throw new FirebreakError(TIME_ERRORS[since.code], since.message, since.message);
  }
  if (!values.json) for (const note of since.notes) io.stderr(`note: ${note}`);

  const log = createLogger({ level: env.LOG_LEVEL || 'warn', destination: process.stderr });
  const graph = await resolveGraphTarget(config.graph);
  const connection = createGraphClient(graph.target, { log });
  try {
    const reader = new GraphReader(connection.client, log, AbortSignal.timeout(5 * 60_000));
    const outcome = await investigate(reader, { user: positionals[0], since: since.since, now });
    if (!outcome.ok) {
      for (const candidate of outcome.candidates ?? []) {
        io.stderr(`  ${candidate.displayName ?? ''} <${candidate.userPrincipalName ?? ''}> ${candidate.id ?? ''}`);
      }
      throw outcome.error;
    }
    const report = outcome.report;
    io.stdout(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.sections.some((s) => s.status === 'unavailable') ? EXIT.incomplete : EXIT.ok;
  } finally {
    await connection.close();
    await graph.close();
  }
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        since: { type: 'string' },
        tenant: { type: 'string' },
        tz: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw inputError(error instanceof Error ? error.message : String(error));
  }
}

function inputError(problem: string): FirebreakError {
  return new FirebreakError('input.command-invalid', problem, `${problem}.\n${USAGE}`);
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
    now: () => new Date(),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`firebreak: ${String(error)}\n`);
      process.exitCode = EXIT.failure;
    },
  );
}
