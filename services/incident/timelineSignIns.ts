/**
 * Sign-ins of the window grouped by IP address for the timeline. One line per address keeps a
 * refresh token used every hour from burying the other events.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { normaliseIp } from '../investigation/checks/addresses';
import { distinct } from '../investigation/checks/values';
import { earliest, isInWindow, latest } from '../investigation/checks/window';
import type { InvestigationData } from '../investigation/data';
import type { TimelineEntry } from './timeline';

type SignInRow = Graph.SignIn & { signInEventTypes?: string[] };

/** Returns one entry per IP address, at that address's first sign-in in the window. */
export function signInGroups(data: InvestigationData): TimelineEntry[] {
  if (!data.signIns.ok) return [];
  const groups = new Map<string, SignInRow[]>();
  for (const row of data.signIns.items) {
    if (!isInWindow(row.createdDateTime, data.window)) continue;
    const ip = normaliseIp(row.ipAddress) ?? '';
    const group = groups.get(ip);
    if (group === undefined) groups.set(ip, [row]);
    else group.push(row);
  }
  return [...groups].map(([ip, rows]) => groupEntry(ip, rows, data));
}

function groupEntry(ip: string, rows: SignInRow[], data: InvestigationData): TimelineEntry {
  const times = rows.map((row) => row.createdDateTime);
  const failed = rows.filter((row) => row.status?.errorCode !== 0).length;
  const countries = distinct(rows.map((row) => row.location?.countryOrRegion));
  const origin = ip === '' ? 'an unknown IP' : ip;
  const place = countries.length > 0 ? ` (${countries.join(', ')})` : '';
  const noun = rows.length === 1 ? 'sign-in' : 'sign-ins';
  return {
    at: earliest(times) ?? data.window.until.toISOString(),
    timeKnown: true,
    source: 'sign-in',
    title: `${rows.length} ${noun} from ${origin}${place}`,
    findings: [],
    facts: {
      ip: ip === '' ? null : ip,
      count: rows.length,
      succeeded: rows.length - failed,
      failed,
      firstSeen: earliest(times),
      lastSeen: latest(times),
      countries,
      apps: distinct(rows.map((row) => row.appDisplayName)),
      clients: distinct(rows.map((row) => row.clientAppUsed)),
      nonInteractive: rows.filter(isNonInteractive).length,
    },
  };
}

function isNonInteractive(row: SignInRow): boolean {
  if (Array.isArray(row.signInEventTypes)) {
    return row.signInEventTypes.includes('nonInteractiveUser');
  }
  return row.isInteractive === false;
}
