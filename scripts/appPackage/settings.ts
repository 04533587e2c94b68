/**
 * The values that fill the `${{NAME}}` placeholders of manifest/manifest.json: read from a
 * `.env` file and the environment, given defaults, and checked for the form Teams accepts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export type Settings = Readonly<Record<string, string | undefined>>;

/** Error for placeholder values that are missing or have a form Teams rejects. */
export class PackageSettingError extends Error {
  constructor(
    readonly variables: readonly string[],
    message: string,
  ) {
    super(message);
    this.name = 'PackageSettingError';
  }
}

interface SettingRule {
  /** What the value is and where to find it, printed when it is missing. */
  hint: string;
  /** Returns what is wrong with the value, or undefined when it is valid. */
  check?: (value: string) => string | undefined;
  /** The setting this one copies when unset, so only that one is reported missing. */
  defaultsTo?: string;
}

const GUID = /^[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
// A DNS name of at least two labels, without scheme, port or path, as validDomains expects it.
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/i;
// Teams requires MAJOR.MINOR.PATCH without pre-release or build suffixes.
const APP_VERSION = /^(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)$/;

const RULES: Readonly<Record<string, SettingRule>> = {
  MicrosoftAppId: {
    hint: 'the Microsoft App ID (a GUID) of the Azure Bot registration that runs Firebreak',
    check: (value) => (GUID.test(value) ? undefined : 'is not a GUID'),
  },
  TEAMS_APP_ID: {
    hint: 'a GUID that identifies the Teams app; it defaults to MicrosoftAppId',
    check: (value) => (GUID.test(value) ? undefined : 'is not a GUID'),
    defaultsTo: 'MicrosoftAppId',
  },
  BOT_DOMAIN: {
    hint: 'the host name that serves /api/messages, for example firebreak.contoso.com',
    check: (value) =>
      HOST_NAME.test(value)
        ? undefined
        : 'is not a host name; give it without https://, port or path, e.g. firebreak.contoso.com',
  },
  APP_VERSION: {
    hint: 'the app version as MAJOR.MINOR.PATCH; it defaults to the version in package.json',
    check: (value) => (APP_VERSION.test(value) ? undefined : 'is not MAJOR.MINOR.PATCH'),
  },
  DEVELOPER_WEBSITE_URL: { hint: 'the https URL of the support page', check: checkHttpsUrl },
  PRIVACY_URL: { hint: 'the https URL of the privacy statement', check: checkHttpsUrl },
  TERMS_OF_USE_URL: { hint: 'the https URL of the terms of use', check: checkHttpsUrl },
};

/**
 * Reads a `.env` file with Node's own parser. A missing file gives no values unless it was
 * named on purpose (`required`), because most installs set the variables in the environment.
 */
export function readEnvFile(file: string, required: boolean): Record<string, string> {
  if (!existsSync(file)) {
    if (!required) return {};
    throw new PackageSettingError([], `Env file not found: ${file}. Check the --env-file path.`);
  }
  const parsed = parseEnv(readFileSync(file, 'utf8'));
  return Object.fromEntries(
    Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/**
 * Merges the file's values under the environment's, as dotenv and Node's `--env-file` do, and
 * fills the defaults: TEAMS_APP_ID from MicrosoftAppId, APP_VERSION from package.json.
 */
export function resolveSettings(
  fileValues: Settings,
  environment: Settings,
  packageVersion: string,
): Settings {
  const merged: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(fileValues)) merged[name] = present(value);
  for (const [name, value] of Object.entries(environment)) {
    merged[name] = present(value) ?? merged[name];
  }
  merged.TEAMS_APP_ID = present(merged.TEAMS_APP_ID) ?? present(merged.MicrosoftAppId);
  merged.APP_VERSION = present(merged.APP_VERSION) ?? packageVersion;
  return merged;
}

/**
 * Raises one PackageSettingError for all of `names` that are missing or malformed, so that a
 * single run lists everything to fix.
 */
export function checkSettings(names: readonly string[], settings: Settings): void {
  const ordered = orderByRules(names);
  const unset = ordered.filter((name) => present(settings[name]) === undefined);
  const missing = unset.filter((name) => {
    const source = RULES[name]?.defaultsTo;
    return source === undefined || !unset.includes(source);
  });
  if (missing.length > 0) {
    const lines = missing.map(
      (name) => `  ${name}: ${RULES[name]?.hint ?? 'used in manifest/manifest.json'}`,
    );
    throw new PackageSettingError(
      missing,
      `Missing ${missing.join(', ')} for the Teams app package. Set ${missing.length > 1 ? 'them' : 'it'} ` +
        `in the environment or in .env (see .env.example), then run npm run package again:\n` +
        lines.join('\n'),
    );
  }

  const invalid = ordered.flatMap((name) => {
    const value = settings[name] ?? '';
    const problem = RULES[name]?.check?.(value);
    // A copied default is wrong only because its source is, and the source is reported.
    const source = RULES[name]?.defaultsTo;
    const copied = source !== undefined && names.includes(source) && settings[source] === value;
    if (problem === undefined || copied) return [];
    return [{ name, line: `  ${name}="${value}" ${problem}` }];
  });
  if (invalid.length > 0) {
    throw new PackageSettingError(
      invalid.map((entry) => entry.name),
      `Invalid ${invalid.map((entry) => entry.name).join(', ')} for the Teams app package. ` +
        `Correct the value and run npm run package again:\n` +
        invalid.map((entry) => entry.line).join('\n'),
    );
  }
}

/** Puts the settings with rules first, in the order of RULES, so messages read the same way. */
function orderByRules(names: readonly string[]): string[] {
  const known = Object.keys(RULES).filter((name) => names.includes(name));
  return [...known, ...names.filter((name) => !(name in RULES))];
}

function checkHttpsUrl(value: string): string | undefined {
  return URL.canParse(value) && new URL(value).protocol === 'https:'
    ? undefined
    : 'is not an https:// URL';
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
