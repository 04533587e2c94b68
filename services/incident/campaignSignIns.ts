/**
 * Reads every user's sign-ins from the attacker's IP addresses in the window. Graph filters
 * sign-ins on `ipAddress` tenant-wide, so one query per address finds other accounts that the
 * same phishing proxy signed in to.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { ReportUser } from '../domain';
import { describeFailure } from '../graph/failure';
import { dateTime, literal, withQuery } from '../graph/odata';
import type { GraphReader, ReadRequest } from '../graph/reader';
import { normaliseIp } from '../investigation/checks/addresses';
import { earliest, latest } from '../investigation/checks/window';
import type { InvestigationWindow } from '../investigation/data';

/** Sign-in rows read per attacker address at most; a cut is stated in the scope's notes. */
export const SIGN_IN_CAP = 5_000;

export interface AttackerSignIns {
  ips: string[];
  succeeded: number;
  failed: number;
  /** ISO 8601 in UTC, or null when there was no sign-in. */
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface AttackerSignInResult {
  byUser: { user: ReportUser; signIns: AttackerSignIns }[];
  failures: string[];
  notes: string[];
}

type SignInRow = Graph.SignIn & { signInEventTypes?: string[] };

/** Groups the window's sign-ins from `ips` by user, successes and failures counted apart. */
export async function attackerSignIns(
  reader: GraphReader,
  ips: readonly string[],
  window: InvestigationWindow,
): Promise<AttackerSignInResult> {
  const requests: ReadRequest[] = ips.map((ip) => ({
    id: ip,
    // Beta lists non-interactive sign-ins too, where a stolen refresh token shows.
    version: 'beta',
    collection: true,
    cap: SIGN_IN_CAP,
    url: withQuery('auditLogs/signIns', {
      $filter:
        `(${spellings(ip)}) and createdDateTime ge ${dateTime(window.since)} and ` +
        `createdDateTime le ${dateTime(window.until)} and ` +
        "(signInEventTypes/any(t: t eq 'interactiveUser') or " +
        "signInEventTypes/any(t: t eq 'nonInteractiveUser'))",
      $top: 1000,
    }),
  }));
  const results = await reader.readMany(requests);

  const rows: SignInRow[] = [];
  const failures: string[] = [];
  const notes: string[] = [];
  for (const ip of ips) {
    const result = results.get(ip);
    if (result === undefined || !result.ok) {
      const reason =
        result === undefined
          ? 'not read'
          : describeFailure(result.failure, 'sign-in logs', 'AuditLog.Read.All');
      failures.push(`sign-ins from ${ip}: ${reason}`);
      continue;
    }
    const value = result.value as { items: SignInRow[]; truncatedAt?: number };
    rows.push(...value.items);
    if (value.truncatedAt !== undefined) {
      notes.push(`Only the first ${value.truncatedAt} sign-ins from ${ip} were read.`);
    }
  }
  return { byUser: groupByUser(rows), failures, notes };
}

/**
 * Graph compares `ipAddress` as written, and an IPv6 address can appear in upper or lower
 * case, so both spellings are asked for.
 */
function spellings(ip: string): string {
  const forms = [...new Set([ip, ip.toUpperCase()])];
  return forms.map((form) => `ipAddress eq ${literal(form)}`).join(' or ');
}

function groupByUser(rows: SignInRow[]): AttackerSignInResult['byUser'] {
  const groups = new Map<string, SignInRow[]>();
  for (const row of rows) {
    const key = (row.userId ?? row.userPrincipalName ?? '').toLowerCase();
    if (key === '') continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [row]);
    else group.push(row);
  }
  return [...groups.values()].map((group) => {
    const first = group[0];
    const times = group.map((row) => row.createdDateTime);
    const failed = group.filter((row) => row.status?.errorCode !== 0).length;
    const ips = new Set(group.map((row) => normaliseIp(row.ipAddress) ?? ''));
    ips.delete('');
    return {
      user: {
        id: first.userId ?? '',
        userPrincipalName: first.userPrincipalName ?? '',
        displayName: first.userDisplayName ?? first.userPrincipalName ?? '',
      },
      signIns: {
        ips: [...ips],
        succeeded: group.length - failed,
        failed,
        firstSeen: earliest(times),
        lastSeen: latest(times),
      },
    };
  });
}
