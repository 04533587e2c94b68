#!/usr/bin/env node
/**
 * `npm run package`: writes the Teams app package dist/firebreak-teams.zip from manifest/,
 * filling its placeholders from the environment and .env.
 * Exit status: 0 written, 2 a setting is missing or invalid, 1 any other failure.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildPackage } from './appPackage/buildPackage';
import { PackageSettingError, readEnvFile, resolveSettings } from './appPackage/settings';

const PROJECT_ROOT = path.resolve(__dirname, '..');

const USAGE = `Usage: npm run package -- [--env-file FILE] [--out FILE]

  --env-file FILE  variables to read before the environment (default .env, skipped if absent)
  --out FILE       where to write the zip (default dist/firebreak-teams.zip)

Required: MicrosoftAppId, BOT_DOMAIN, DEVELOPER_WEBSITE_URL, PRIVACY_URL, TERMS_OF_USE_URL.
Optional: TEAMS_APP_ID (default MicrosoftAppId), APP_VERSION (default package.json version).`;

export interface PackageIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export async function runPackage(argv: string[], io: PackageIo): Promise<number> {
  let options: { 'env-file'?: string; out?: string; help?: boolean };
  try {
    options = parseArgs({
      args: argv,
      options: {
        'env-file': { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    io.stderr(`package: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (options.help === true) {
    io.stdout(USAGE);
    return 0;
  }

  try {
    const envFile = options['env-file'] ?? path.join(PROJECT_ROOT, '.env');
    const fileValues = readEnvFile(envFile, options['env-file'] !== undefined);
    const settings = resolveSettings(fileValues, io.env, readPackageVersion());
    const outFile = path.resolve(
      options.out ?? path.join(PROJECT_ROOT, 'dist/firebreak-teams.zip'),
    );

    const result = await buildPackage({
      manifestDir: path.join(PROJECT_ROOT, 'manifest'),
      outFile,
      settings,
    });
    io.stdout(
      `Wrote ${result.outFile} (${result.entries.join(', ')}) for bot ` +
        `${result.manifest.bots?.[0]?.botId ?? '(none)'}, app version ${result.manifest.version}.`,
    );
    return 0;
  } catch (error) {
    io.stderr(`package: ${error instanceof Error ? error.message : String(error)}`);
    return error instanceof PackageSettingError ? 2 : 1;
  }
}

function readPackageVersion(): string {
  const text = readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8');
  const { version } = JSON.parse(text) as { version?: unknown };
  if (typeof version !== 'string') {
    throw new Error('package.json has no "version" string; add one or set APP_VERSION.');
  }
  return version;
}

if (require.main === module) {
  runPackage(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(`${text}\n`),
    stderr: (text) => process.stderr.write(`${text}\n`),
    env: process.env,
  }).then(
    (status) => {
      process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`package: ${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
