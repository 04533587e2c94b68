/**
 * The only module that reads `process.env`. It validates every setting once, at start-up, and
 * names the missing or invalid variable so the operator can fix it.
 */
import path from 'node:path';
import Ajv from 'ajv';
import { FirebreakError } from './errors';

export type GraphMode =
  | { kind: 'emulator'; tenantPath: string; faultsPath?: string }
  | { kind: 'url'; baseUrl: string; caPath?: string; credential?: AzureCredentialSettings }
  | { kind: 'azure'; credential: AzureCredentialSettings };

export type AzureCredentialSettings =
  | { kind: 'secret'; tenantId: string; clientId: string; clientSecret: string }
  | { kind: 'certificate'; tenantId: string; clientId: string; certificatePath: string }
  | { kind: 'managed-identity'; clientId?: string };

export interface Config {
  port: number;
  /** Address the bot listens on; local mode accepts loopback addresses only. */
  bindHost: string;
  /** Bot registration; an empty app id means local mode (no token check, loopback only). */
  bot: { appId: string; appPassword: string; appType: string; appTenantId: string };
  graph: GraphMode;
  dataDir: string;
  /** Key Vault for new secrets; unset, they go to files under `dataDir`. */
  keyVaultUrl?: string;
  defaultTimeZone: string;
  responderGroupId?: string;
  approverGroupId?: string;
  approvalTtlSeconds: number;
  allowedTenants: string[];
  /** Teams channel or conversation ids the bot answers in; empty means every conversation. */
  allowedChannels: string[];
  /** Checks one user may start per minute (FIREBREAK_CHECKS_PER_MINUTE). */
  checksPerMinute: number;
  /** Checks this process runs at once (FIREBREAK_MAX_CONCURRENT_CHECKS). */
  maxConcurrentChecks: number;
  logLevel: string;
  /** Where the ledger, the work queue and conversation state live (FIREBREAK_STORAGE). */
  storage: StorageSettings;
  /** FIREBREAK_READ_ONLY: only read permissions are granted, so remediation is never offered. */
  readOnly: boolean;
  /** Seconds between looks at the watch schedule for rechecks due (FIREBREAK_WATCH_TICK). */
  watchTickSeconds: number;
}

export type StorageSettings =
  | { kind: 'sqlite'; leaseSeconds: number }
  | {
      kind: 'azure';
      /** AZURE_STORAGE_CONNECTION_STRING, or unset when `accountUrl` is used. */
      connectionString?: string;
      /** FIREBREAK_STORAGE_ACCOUNT_URL, reached with the app's Azure identity. */
      accountUrl?: string;
      /** Prefix of the table, queue and container names (FIREBREAK_STORAGE_PREFIX). */
      prefix: string;
      leaseSeconds: number;
    };

export const DEMO_TENANT = path.join(__dirname, '..', 'emulator', 'tenants', 'contoso-phish.json');

const GUID = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const ENV_SCHEMA = {
  type: 'object',
  properties: {
    PORT: { type: 'string', pattern: '^[0-9]{1,5}$' },
    MicrosoftAppId: { type: 'string' },
    MicrosoftAppPassword: { type: 'string' },
    MicrosoftAppType: { enum: ['', 'MultiTenant', 'SingleTenant', 'UserAssignedMSI'] },
    MicrosoftAppTenantId: { type: 'string' },
    AZURE_TENANT_ID: { type: 'string' },
    AZURE_CLIENT_ID: { type: 'string' },
    AZURE_CLIENT_SECRET: { type: 'string' },
    AZURE_CLIENT_CERTIFICATE_PATH: { type: 'string' },
    FIREBREAK_MANAGED_IDENTITY: { enum: ['', 'true', 'false'] },
    FIREBREAK_GRAPH_URL: { type: 'string', pattern: '^$|^https://[^/]+/?$' },
    FIREBREAK_GRAPH_CA: { type: 'string' },
    FIREBREAK_TENANT: { type: 'string' },
    FIREBREAK_FAULTS: { type: 'string' },
    FIREBREAK_DATA_DIR: { type: 'string' },
    FIREBREAK_TIMEZONE: { type: 'string' },
    FIREBREAK_RESPONDER_GROUP: { type: 'string', pattern: `^$|${GUID}` },
    FIREBREAK_APPROVER_GROUP: { type: 'string', pattern: `^$|${GUID}` },
    FIREBREAK_APPROVAL_TTL: { type: 'string', pattern: '^$|^[0-9]+(s|m|h)?$' },
    FIREBREAK_ALLOWED_TENANTS: { type: 'string' },
    FIREBREAK_ALLOWED_CHANNELS: { type: 'string' },
    FIREBREAK_BIND_HOST: { type: 'string' },
    FIREBREAK_CHECKS_PER_MINUTE: { type: 'string', pattern: '^$|^[1-9][0-9]{0,5}$' },
    FIREBREAK_MAX_CONCURRENT_CHECKS: { type: 'string', pattern: '^$|^[1-9][0-9]{0,4}$' },
    FIREBREAK_KEY_VAULT_URL: { type: 'string', pattern: '^$|^https://[^/]+/?$' },
    FIREBREAK_STORAGE: { enum: ['', 'sqlite', 'azure'] },
    AZURE_STORAGE_CONNECTION_STRING: { type: 'string' },
    FIREBREAK_STORAGE_ACCOUNT_URL: {
      type: 'string',
      pattern: '^$|^https://[a-z0-9]+\\.blob\\.[^/]+/?$',
    },
    FIREBREAK_STORAGE_PREFIX: { type: 'string', pattern: '^$|^[a-z][a-z0-9]{2,19}$' },
    FIREBREAK_WORK_LEASE: { type: 'string', pattern: '^$|^[0-9]+(s|m|h)?$' },
    FIREBREAK_READ_ONLY: { enum: ['', 'true', 'false'] },
    FIREBREAK_WATCH_TICK: { type: 'string', pattern: '^$|^[0-9]+(s|m|h)?$' },
    LOG_LEVEL: { enum: ['', 'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] },
  },
} as const;

const HINTS: Record<string, string> = {
  PORT: 'a port number such as 3978',
  FIREBREAK_GRAPH_URL: 'scheme, host and port only, e.g. https://127.0.0.1:8443 (the client adds /v1.0)',
  FIREBREAK_RESPONDER_GROUP: 'a group object id (GUID)',
  FIREBREAK_APPROVER_GROUP: 'a group object id (GUID)',
  FIREBREAK_APPROVAL_TTL: 'seconds, or a number with s, m or h, e.g. 1h',
  MicrosoftAppType: 'MultiTenant, SingleTenant or UserAssignedMSI',
  FIREBREAK_STORAGE: 'sqlite (one instance) or azure (Table, Queue and Blob storage)',
  FIREBREAK_STORAGE_ACCOUNT_URL: 'the blob endpoint, e.g. https://firebreakdata.blob.core.windows.net',
  FIREBREAK_STORAGE_PREFIX: '3 to 20 lower-case letters and digits, starting with a letter',
  FIREBREAK_WORK_LEASE: 'seconds, or a number with s, m or h, e.g. 60s',
  FIREBREAK_WATCH_TICK: 'seconds, or a number with s, m or h, e.g. 60s',
};

/** Reads and validates the configuration; throws `config.invalid` naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const validate = new Ajv({ allErrors: true }).compile(ENV_SCHEMA);
  if (!validate(env)) {
    const problems = (validate.errors ?? []).map((e) => {
      const name = e.instancePath.replace(/^\//, '');
      return `${name} is invalid (${JSON.stringify(env[name])}); expected ${HINTS[name] ?? e.message}`;
    });
    throw configError(problems.join('; '));
  }

  const text = (name: string): string => (env[name] ?? '').trim();
  const appId = text('MicrosoftAppId');
  return {
    port: Number(text('PORT') || '3978'),
    bindHost: readBindHost(text('FIREBREAK_BIND_HOST'), appId === ''),
    bot: {
      appId,
      appPassword: text('MicrosoftAppPassword'),
      appType: text('MicrosoftAppType') || 'MultiTenant',
      appTenantId: text('MicrosoftAppTenantId'),
    },
    graph: readGraphMode(text),
    dataDir: path.resolve(text('FIREBREAK_DATA_DIR') || '.data'),
    keyVaultUrl: text('FIREBREAK_KEY_VAULT_URL') || undefined,
    defaultTimeZone: readTimeZone(text('FIREBREAK_TIMEZONE') || 'UTC'),
    responderGroupId: text('FIREBREAK_RESPONDER_GROUP') || undefined,
    approverGroupId: text('FIREBREAK_APPROVER_GROUP') || undefined,
    approvalTtlSeconds: readDuration(text('FIREBREAK_APPROVAL_TTL') || '1h'),
    allowedTenants: text('FIREBREAK_ALLOWED_TENANTS')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
    allowedChannels: text('FIREBREAK_ALLOWED_CHANNELS')
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
    checksPerMinute: Number(text('FIREBREAK_CHECKS_PER_MINUTE') || '6'),
    maxConcurrentChecks: Number(text('FIREBREAK_MAX_CONCURRENT_CHECKS') || '10'),
    logLevel: text('LOG_LEVEL') || 'info',
    storage: readStorage(text),
    readOnly: text('FIREBREAK_READ_ONLY') === 'true',
    watchTickSeconds: readWatchTick(text('FIREBREAK_WATCH_TICK') || '60s'),
  };
}

function readWatchTick(value: string): number {
  const seconds = readDuration(value);
  if (seconds < 1) throw configError('FIREBREAK_WATCH_TICK is 0; expected at least 1s');
  return seconds;
}

function readStorage(text: (name: string) => string): StorageSettings {
  const leaseSeconds = readDuration(text('FIREBREAK_WORK_LEASE') || '60s');
  if (leaseSeconds < 1) throw configError('FIREBREAK_WORK_LEASE is 0; expected at least 1s');
  if (text('FIREBREAK_STORAGE') !== 'azure') return { kind: 'sqlite', leaseSeconds };

  const connectionString = text('AZURE_STORAGE_CONNECTION_STRING') || undefined;
  const accountUrl = text('FIREBREAK_STORAGE_ACCOUNT_URL').replace(/\/$/, '') || undefined;
  if (connectionString === undefined && accountUrl === undefined) {
    throw configError(
      'FIREBREAK_STORAGE is azure but neither AZURE_STORAGE_CONNECTION_STRING nor FIREBREAK_STORAGE_ACCOUNT_URL is set; set one of them',
    );
  }
  const prefix = text('FIREBREAK_STORAGE_PREFIX') || 'firebreak';
  return { kind: 'azure', connectionString, accountUrl, prefix, leaseSeconds };
}

function readGraphMode(text: (name: string) => string): GraphMode {
  const credential = readCredential(text);
  const url = text('FIREBREAK_GRAPH_URL');
  if (url) {
    return {
      kind: 'url',
      baseUrl: url.replace(/\/$/, ''),
      caPath: text('FIREBREAK_GRAPH_CA') || undefined,
      credential,
    };
  }
  if (credential) return { kind: 'azure', credential };
  return {
    kind: 'emulator',
    tenantPath: path.resolve(text('FIREBREAK_TENANT') || DEMO_TENANT),
    faultsPath: text('FIREBREAK_FAULTS') ? path.resolve(text('FIREBREAK_FAULTS')) : undefined,
  };
}

function readCredential(text: (name: string) => string): AzureCredentialSettings | undefined {
  const tenantId = text('AZURE_TENANT_ID');
  const clientId = text('AZURE_CLIENT_ID');
  const secret = text('AZURE_CLIENT_SECRET');
  const certificatePath = text('AZURE_CLIENT_CERTIFICATE_PATH');
  if (text('FIREBREAK_MANAGED_IDENTITY') === 'true') {
    return { kind: 'managed-identity', clientId: clientId || undefined };
  }
  if (!secret && !certificatePath) return undefined;
  if (!tenantId || !clientId) {
    throw configError(
      'AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH is set but AZURE_TENANT_ID or AZURE_CLIENT_ID is missing; set both',
    );
  }
  if (certificatePath) return { kind: 'certificate', tenantId, clientId, certificatePath };
  return { kind: 'secret', tenantId, clientId, clientSecret: secret };
}

/**
 * Reads the listening address. With no app id the adapter checks no tokens, so anyone who can
 * reach the port can act as any Teams user: local mode therefore accepts loopback only.
 */
function readBindHost(host: string, localMode: boolean): string {
  if (host === '') return localMode ? '127.0.0.1' : '0.0.0.0';
  if (localMode && !isLoopback(host)) {
    throw configError(
      `FIREBREAK_BIND_HOST is ${JSON.stringify(host)} but MicrosoftAppId is empty (local mode, ` +
        'no token check); bind 127.0.0.1 or ::1, or set MicrosoftAppId and MicrosoftAppPassword',
    );
  }
  return host;
}

/** True for `localhost`, 127.0.0.0/8 and ::1, the addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  return /^127\.(?:[0-9]{1,3}\.){2}[0-9]{1,3}$/.test(bare);
}

function readTimeZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw configError(`FIREBREAK_TIMEZONE is invalid (${JSON.stringify(zone)}); expected an IANA zone such as Europe/Berlin`);
  }
}

/** Parses `3600`, `90s`, `30m` or `1h` into seconds. */
export function readDuration(value: string): number {
  const match = /^([0-9]+)(s|m|h)?$/.exec(value);
  if (!match) throw configError(`duration ${JSON.stringify(value)} is invalid; expected e.g. 3600, 30m or 1h`);
  const unit = { s: 1, m: 60, h: 3600 }[match[2] ?? 's'] ?? 1;
  return Number(match[1]) * unit;
}

function configError(problem: string): FirebreakError {
  return new FirebreakError('config.invalid', `configuration invalid: ${problem}`, `Configuration invalid: ${problem}.`);
}
