/**
 * The baseline a responder's one-off script would be: the same Graph reads as Firebreak's check,
 * sent one at a time with plain `fetch`, no `$batch` and no concurrency, following every next link
 * up to the same row cap, and waiting out `Retry-After` on 429 so that it finishes at all. The
 * URLs come from the same builders as Firebreak's, so the two read the same rows.
 */
import { Agent, fetch } from 'undici';
import { dateTime, literal, segment, withQuery } from '../services/graph/odata';
import { DEFAULT_ROW_CAP, SIGNIN_ROW_CAP } from '../services/investigation/collect';
import { BASELINE_DAYS } from '../services/investigation/investigate';
import { USER_SELECT } from '../services/users/resolveUser';

export interface BaselineRequest {
  /** UPN of the user to check. */
  user: string;
  since: Date;
  now: Date;
}

export interface BaselineOutcome {
  /** Rows read per read, by the same ids Firebreak uses. */
  rows: Record<string, number>;
  /** Requests that got 429 and were sent again after `Retry-After`. */
  throttled: number;
}

interface DirectoryObject {
  id?: string;
  '@odata.type'?: string;
}

interface AuditRow {
  targetResources?: { id?: string; type?: string }[];
}

const SIGNIN_SELECT =
  'id,createdDateTime,userId,userPrincipalName,appId,appDisplayName,ipAddress,clientAppUsed,' +
  'status,location,deviceDetail,riskLevelDuringSignIn,riskLevelAggregated,riskState,' +
  'riskEventTypes_v2,conditionalAccessStatus,isInteractive,resourceDisplayName,signInEventTypes';
const MESSAGE_SELECT = 'id,subject,sentDateTime,toRecipients,ccRecipients,bccRecipients';
const MAX_ATTEMPTS = 10;

/** Sends GET requests to one Graph base URL, one at a time, retrying 429 and 503. */
class PlainGraph {
  throttled = 0;
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    ca: string,
  ) {
    this.agent = new Agent({ connect: { ca } });
  }

  async get<T>(url: string, version = 'v1.0'): Promise<T> {
    const found = await this.find<T>(url, version, false);
    return found as T;
  }

  /** Like `get`, but a 404 returns undefined when `allowNotFound` is set. */
  async find<T>(url: string, version = 'v1.0', allowNotFound = true): Promise<T | undefined> {
    const absolute = url.startsWith('https://') ? url : `${this.baseUrl}/${version}/${url}`;
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(absolute, {
        headers: { Authorization: 'Bearer local-tenant' },
        dispatcher: this.agent,
      });
      const retryable = response.status === 429 || response.status === 503;
      if (response.ok) return (await response.json()) as T;
      if (response.status === 404 && allowNotFound) {
        await response.body?.cancel();
        return undefined;
      }
      const body = await response.text();
      if (!retryable || attempt >= MAX_ATTEMPTS) {
        throw new Error(
          `Baseline GET ${absolute} failed with ${response.status} after ${attempt} ` +
            `attempt(s): ${body.slice(0, 200)}. Check the emulator's fault plan.`,
        );
      }
      this.throttled += response.status === 429 ? 1 : 0;
      const seconds = Number(response.headers.get('retry-after') ?? '1');
      await new Promise((resolve) => setTimeout(resolve, Math.ceil(seconds * 1000)));
    }
  }

  /** Follows next links until the collection ends or `cap` rows were read. */
  async getAll<T>(url: string, version = 'v1.0', cap = Number.POSITIVE_INFINITY): Promise<T[]> {
    const rows: T[] = [];
    let next: string | undefined = url;
    while (next !== undefined && rows.length < cap) {
      const page: { value?: T[]; '@odata.nextLink'?: string } = await this.get(next, version);
      rows.push(...(page.value ?? []).slice(0, cap - rows.length));
      next = page['@odata.nextLink'];
    }
    return rows;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Runs the baseline check against `baseUrl` and returns how many rows each read returned. */
export async function runBaselineCheck(
  target: { baseUrl: string; ca: string },
  request: BaselineRequest,
  cap = DEFAULT_ROW_CAP,
): Promise<BaselineOutcome> {
  const graph = new PlainGraph(target.baseUrl, target.ca);
  try {
    const rows = await readAll(graph, request, cap);
    return { rows, throttled: graph.throttled };
  } finally {
    await graph.close();
  }
}

async function readAll(
  graph: PlainGraph,
  request: BaselineRequest,
  cap: number,
): Promise<Record<string, number>> {
  const user = await graph.get<DirectoryObject>(
    withQuery(`users/${segment(request.user)}`, { $select: USER_SELECT }),
  );
  const userId = user.id ?? '';
  const id = segment(userId);
  const who = literal(userId);
  const from = dateTime(new Date(request.since.getTime() - BASELINE_DAYS * 86_400_000));
  const since = dateTime(request.since);
  const rows: Record<string, number> = {};
  const count = async <T>(
    key: string,
    url: string,
    version = 'v1.0',
    rowCap = cap,
  ): Promise<T[]> => {
    const items = await graph.getAll<T>(url, version, rowCap);
    rows[key] = items.length;
    return items;
  };

  await count('organization', withQuery('organization', { $select: 'id,verifiedDomains' }));
  const signInFilter =
    `userId eq ${who} and createdDateTime ge ${from} and ` +
    "(signInEventTypes/any(t: t eq 'interactiveUser') or " +
    "signInEventTypes/any(t: t eq 'nonInteractiveUser'))";
  await count(
    'signIns',
    withQuery('auditLogs/signIns', { $filter: signInFilter, $select: SIGNIN_SELECT, $top: 1000 }),
    'beta',
    SIGNIN_ROW_CAP,
  );
  const byUser = `activityDateTime ge ${since} and initiatedBy/user/id eq ${who}`;
  const ofUser = `activityDateTime ge ${since} and targetResources/any(t: t/id eq ${who})`;
  const audits = [
    ...(await count<AuditRow>(
      'auditsByUser',
      withQuery('auditLogs/directoryAudits', { $filter: byUser, $top: 1000 }),
    )),
    ...(await count<AuditRow>(
      'auditsOfUser',
      withQuery('auditLogs/directoryAudits', { $filter: ofUser, $top: 1000 }),
    )),
  ];
  const risk = `userId eq ${who} and activityDateTime ge ${since}`;
  await count('riskDetections', withQuery('identityProtection/riskDetections', { $filter: risk }));
  await count('authMethods', `users/${id}/authentication/methods`);
  await count('inboxRules', `users/${id}/mailFolders/inbox/messageRules`);
  const sentQuery = { $filter: `sentDateTime ge ${from}`, $select: MESSAGE_SELECT, $top: 1000 };
  await count('sentMessages', withQuery(`users/${id}/mailFolders/sentItems/messages`, sentQuery));
  const owned = await count<DirectoryObject>('ownedObjects', `users/${id}/ownedObjects`);
  await count('grants', withQuery('oauth2PermissionGrants', { $filter: `principalId eq ${who}` }));
  await count('appRoleAssignments', `users/${id}/appRoleAssignments`);
  await count('devices', `users/${id}/registeredDevices`);
  await count('memberOf', `users/${id}/memberOf`);

  rows.federatedCredentials = await readFederatedCredentials(graph, owned);
  rows.touchedObjects = await readTouchedObjects(graph, audits, owned);
  return rows;
}

async function readFederatedCredentials(
  graph: PlainGraph,
  owned: DirectoryObject[],
): Promise<number> {
  let total = 0;
  for (const object of owned) {
    if (object.id === undefined || object['@odata.type'] !== '#microsoft.graph.application') {
      continue;
    }
    const url = `applications/${segment(object.id)}/federatedIdentityCredentials`;
    total += (await graph.getAll(url)).length;
  }
  return total;
}

/** Reads the apps and service principals the audit log names and the user does not own. */
async function readTouchedObjects(
  graph: PlainGraph,
  audits: AuditRow[],
  owned: DirectoryObject[],
): Promise<number> {
  const seen = new Set(owned.map((object) => object.id));
  let total = 0;
  for (const target of audits.flatMap((audit) => audit.targetResources ?? [])) {
    const type = (target.type ?? '').toLowerCase();
    if (target.id === undefined || seen.has(target.id)) continue;
    if (type !== 'application' && type !== 'serviceprincipal') continue;
    seen.add(target.id);
    const collection = type === 'application' ? 'applications' : 'servicePrincipals';
    // A deleted object returns 404, which Firebreak skips as well.
    const object = await graph.find(`${collection}/${segment(target.id)}`);
    total += object === undefined ? 0 : 1;
  }
  return total;
}
