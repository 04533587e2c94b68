/**
 * Folds sign-in rows into what the sign-in check needs, page by page, so that a user with tens of
 * thousands of sign-ins is checked in bounded memory. Successful sign-ins (window and baseline)
 * and risky sign-ins in the window are kept whole, because findings quote them. Failed sign-ins
 * in the window become counts by IP, country, client app and failure reason. Failed sign-ins in
 * the baseline are dropped, because only successes make a place usual.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { normaliseIp } from './checks/addresses';
import { folded, sameId, text } from './checks/values';
import { isInBaseline, isInWindow, isoTime } from './checks/window';
import type { Collected, InvestigationWindow } from './data';

export type SignInRow = Graph.SignIn & { signInEventTypes?: string[] };

/** Distinct IPs counted one by one; rows from further IPs are counted without their address. */
export const MAX_TRACKED_IPS = 20_000;
/** Distinct IPs counted per legacy client, enough to name the busiest sources. */
export const MAX_TRACKED_IPS_PER_CLIENT = 1_000;

/** Client apps Entra ID reports for protocols without modern authentication. */
export const LEGACY_CLIENTS = new Set(
  [
    'Authenticated SMTP',
    'AutoDiscover',
    'Exchange ActiveSync',
    'Exchange Online PowerShell',
    'Exchange Web Services',
    'IMAP4',
    'MAPI Over HTTP',
    'Offline Address Book',
    'Other clients',
    'Outlook Anywhere (RPC over HTTP)',
    'POP3',
    'Reporting Web Services',
    'Universal Outlook',
  ].map((client) => client.toLowerCase()),
);

const ELEVATED_RISK = new Set(['medium', 'high']);
const RISKY_STATES = new Set(['atrisk', 'confirmedcompromised']);

/** Failed sign-ins in the window through one legacy client. */
export interface LegacyFailures {
  /** Client name as Graph spelled it in the earliest row. */
  client: string;
  count: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** The earliest row, kept for its id and location. */
  earliest: SignInRow;
  /** Failures per IP for the first `MAX_TRACKED_IPS_PER_CLIENT` distinct IPs. */
  ips: Map<string, number>;
  /** Failures from IPs seen after the per-client limit was reached. */
  untrackedRows: number;
  apps: Set<string>;
  failureReasons: Set<string>;
}

export class SignInDigest {
  /** Successful sign-ins of window and baseline, and risky sign-ins of the window, whole. */
  readonly kept: SignInRow[] = [];
  rowsRead = 0;
  failedInWindow = 0;
  readonly failuresByIp = new Map<string, number>();
  /** Failed rows in the window whose IP was not counted because `MAX_TRACKED_IPS` was reached. */
  untrackedFailures = 0;
  readonly failuresByCountry = new Map<string, number>();
  readonly failuresByClient = new Map<string, number>();
  readonly failuresByReason = new Map<string, number>();
  readonly legacyFailures = new Map<string, LegacyFailures>();

  constructor(
    private readonly user: Graph.User,
    private readonly window: InvestigationWindow,
  ) {}

  /** Folds one page of rows in; rows for other users or outside the dates are skipped. */
  add(rows: readonly SignInRow[]): void {
    for (const row of rows) {
      this.rowsRead += 1;
      // The collector filters on the user already; a row for someone else must still never fire.
      if (!isSubject(row, this.user)) continue;
      const inWindow = isInWindow(row.createdDateTime, this.window);
      if (isSuccess(row)) {
        if (inWindow || isInBaseline(row.createdDateTime, this.window)) this.kept.push(row);
        continue;
      }
      if (!inWindow) continue;
      if (isRisky(row)) this.kept.push(row);
      this.countFailure(row);
    }
  }

  /** Failed sign-ins in the window from `ip` (normalised), or 0 when none were counted. */
  failuresFrom(ip: string | null): number {
    return this.failuresByIp.get(ip ?? '') ?? 0;
  }

  private countFailure(row: SignInRow): void {
    this.failedInWindow += 1;
    const ip = normaliseIp(row.ipAddress) ?? '';
    if (this.failuresByIp.has(ip) || this.failuresByIp.size < MAX_TRACKED_IPS) {
      increment(this.failuresByIp, ip);
    } else {
      this.untrackedFailures += 1;
    }
    increment(this.failuresByCountry, text(row.location?.countryOrRegion) ?? 'unknown');
    increment(this.failuresByClient, text(row.clientAppUsed) ?? 'unknown');
    const reason = text(row.status?.failureReason) ?? `error ${row.status?.errorCode ?? 'unknown'}`;
    increment(this.failuresByReason, reason);
    if (LEGACY_CLIENTS.has(folded(row.clientAppUsed))) this.countLegacyFailure(row, ip);
  }

  private countLegacyFailure(row: SignInRow, ip: string): void {
    const key = folded(row.clientAppUsed);
    const at = isoTime(row.createdDateTime);
    let group = this.legacyFailures.get(key);
    if (group === undefined) {
      group = {
        client: text(row.clientAppUsed) ?? key,
        count: 0,
        firstSeen: at,
        lastSeen: at,
        earliest: row,
        ips: new Map(),
        untrackedRows: 0,
        apps: new Set(),
        failureReasons: new Set(),
      };
      this.legacyFailures.set(key, group);
    }
    group.count += 1;
    if (at !== null && (group.firstSeen === null || at < group.firstSeen)) {
      group.firstSeen = at;
      group.earliest = row;
    }
    if (at !== null && (group.lastSeen === null || at > group.lastSeen)) group.lastSeen = at;
    if (group.ips.has(ip) || group.ips.size < MAX_TRACKED_IPS_PER_CLIENT) increment(group.ips, ip);
    else group.untrackedRows += 1;
    const app = text(row.appDisplayName);
    if (app !== null) group.apps.add(app);
    const reason = text(row.status?.failureReason);
    if (reason !== null) group.failureReasons.add(reason);
  }
}

/** Digests attached by the collector to the sign-ins it streamed, so no row list is needed. */
const attached = new WeakMap<object, SignInDigest>();

/** Records that `signIns` contains only the digest's kept rows, and the digest counts the rest. */
export function attachDigest(signIns: Collected<SignInRow>, digest: SignInDigest): void {
  attached.set(signIns, digest);
}

/** Returns the digest streamed for these sign-ins, or folds the rows in now (tests, fixtures). */
export function digestOf(
  signIns: Collected<SignInRow>,
  user: Graph.User,
  window: InvestigationWindow,
): SignInDigest {
  const found = attached.get(signIns);
  if (found !== undefined) return found;
  const digest = new SignInDigest(user, window);
  if (signIns.ok) digest.add(signIns.items);
  return digest;
}

export function isSuccess(row: SignInRow): boolean {
  return row.status?.errorCode === 0;
}

export function isRisky(row: SignInRow): boolean {
  return (
    ELEVATED_RISK.has(folded(row.riskLevelDuringSignIn)) ||
    ELEVATED_RISK.has(folded(row.riskLevelAggregated)) ||
    RISKY_STATES.has(folded(row.riskState))
  );
}

function isSubject(row: SignInRow, user: Graph.User): boolean {
  if (text(row.userId) !== null) return sameId(row.userId, user.id);
  if (text(row.userPrincipalName) !== null) {
    return sameId(row.userPrincipalName, user.userPrincipalName);
  }
  return true;
}

function increment(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Returns the `limit` keys with the highest counts, highest first, ties by key. */
export function topKeys(counts: Map<string, number>, limit: number): string[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([key]) => key);
}
