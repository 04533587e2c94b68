/**
 * Generates a large tenant snapshot for load tests: a service account hit by a password spray,
 * with as many sign-ins, audit events and owned apps as requested. The CLI streams the snapshot
 * to a file one row at a time, so memory stays flat however many rows are asked for.
 *
 *   npx tsx emulator/tenants/generateLarge.ts --sign-ins 50000 --out /tmp/large.json
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { PASSWORD_METHOD } from './builders/accounts';
import { GRAPH_SP } from './builders/apps';
import { largeAudits, largeOwnedApps } from './builders/largeApps';
import { type LargeTenantOptions, largeSignIns, SERVICE_ACCOUNT } from './builders/largeEvents';
import { userObject } from './builders/directory';
import { JORDAN, RILEY, TENANT_ID } from './builders/people';
import { SnapshotBuilder } from './builders/snapshot';

export type { LargeTenantOptions } from './builders/largeEvents';

/** A snapshot in the emulator's format: Graph paths to collections or objects. */
export type LargeTenantSnapshot = { $referenceTime: string } & Record<string, unknown>;

/** One top-level key of the snapshot: a single value, or a collection produced lazily. */
type Section = { path: string; value: unknown } | { path: string; items: () => Iterable<object> };

function sections(options: LargeTenantOptions): Section[] {
  const small = new SnapshotBuilder(options.referenceTime);
  small.add('organization', {
    id: TENANT_ID,
    displayName: 'Contoso',
    verifiedDomains: [
      { name: 'contoso.com', isDefault: true, isInitial: false, type: 'Managed' },
      { name: 'contoso.onmicrosoft.com', isDefault: false, isInitial: true, type: 'Managed' },
    ],
  });
  const people = [SERVICE_ACCOUNT, RILEY, JORDAN];
  small.add('users', ...people.map((person) => userObject(person, person.createdDateTime)));
  small.add('servicePrincipals', {
    id: GRAPH_SP.servicePrincipalId,
    appId: GRAPH_SP.appId,
    displayName: GRAPH_SP.displayName,
  });
  // The service account has a password only, which is why the spray could succeed.
  small.add(`users/${SERVICE_ACCOUNT.id}/authentication/methods`, PASSWORD_METHOD);
  const fixed = Object.entries(small.toJSON()).map(([path, value]) => ({ path, value }));

  const owned = `users/${SERVICE_ACCOUNT.id}/ownedObjects`;
  return [
    ...fixed,
    { path: 'auditLogs/signIns', items: () => largeSignIns(options) },
    { path: 'auditLogs/directoryAudits', items: () => largeAudits(options) },
    { path: owned, items: () => largeOwnedApps(options) },
    { path: 'applications', items: () => withoutType(largeOwnedApps(options)) },
  ];
}

function* withoutType(items: Iterable<Record<string, unknown>>): Generator<object> {
  for (const item of items) {
    const rest = { ...item };
    delete rest['@odata.type'];
    yield rest;
  }
}

/** Builds the whole snapshot in memory, which suits tests and small sizes. */
export function generateLargeTenant(options: LargeTenantOptions): LargeTenantSnapshot {
  validate(options);
  const snapshot: LargeTenantSnapshot = { $referenceTime: options.referenceTime };
  for (const section of sections(options)) {
    snapshot[section.path] = 'items' in section ? [...section.items()] : section.value;
  }
  return snapshot;
}

/** Streams the snapshot to `path` as JSON, one collection row per line. */
export async function writeLargeTenant(options: LargeTenantOptions, path: string): Promise<void> {
  validate(options);
  const stream = createWriteStream(path, { encoding: 'utf8' });
  const write = async (text: string): Promise<void> => {
    if (!stream.write(text)) await once(stream, 'drain');
  };
  const parts = sections(options);
  await write('{\n');
  for (const [index, section] of parts.entries()) {
    const separator = index === parts.length - 1 ? '\n' : ',\n';
    if (!('items' in section)) {
      await write(`${JSON.stringify(section.path)}: ${JSON.stringify(section.value)}${separator}`);
      continue;
    }
    await write(`${JSON.stringify(section.path)}: [`);
    let first = true;
    for (const item of section.items()) {
      await write(`${first ? '\n' : ',\n'}${JSON.stringify(item)}`);
      first = false;
    }
    await write(`\n]${separator}`);
  }
  await write('}\n');
  stream.end();
  await once(stream, 'finish');
}

function validate(options: LargeTenantOptions): void {
  for (const name of ['signIns', 'audits', 'ownedApps'] as const) {
    const value = options[name];
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Error(`Invalid ${name}: ${String(value)}. Give a whole number of 0 or more.`);
    }
  }
  if (Number.isNaN(Date.parse(options.referenceTime))) {
    throw new Error(
      `Invalid referenceTime: ${options.referenceTime}. ` +
        'Give an ISO 8601 time such as 2026-12-03T12:00:00Z.',
    );
  }
}

function count(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) {
    throw new Error(`Invalid --${flag}: ${text}. Give a whole number of 0 or more.`);
  }
  return Number(text);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'sign-ins': { type: 'string' },
      audits: { type: 'string' },
      'owned-apps': { type: 'string' },
      'reference-time': { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (values.out === undefined) {
    throw new Error('Missing --out FILE: the path the snapshot is written to.');
  }
  const options: LargeTenantOptions = {
    signIns: count('sign-ins', values['sign-ins'], 50000),
    audits: count('audits', values.audits, 5000),
    ownedApps: count('owned-apps', values['owned-apps'], 200),
    referenceTime: values['reference-time'] ?? '2026-12-03T12:00:00Z',
    seed: count('seed', values.seed, 1),
  };
  await writeLargeTenant(options, values.out);
  process.stdout.write(`wrote ${values.out}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
