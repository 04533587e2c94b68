/**
 * Sign-in checks: successful sign-ins from an IP or country the baseline never saw, risky
 * sign-ins, and sign-ins through legacy protocols that bypass modern authentication.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { Severity } from '../../domain';
import type { InvestigationData } from '../data';
import { userActions } from './actions';
import { normaliseIp } from './addresses';
import type { Check, FindingDraft } from './types';
import { distinct, folded, rows, sameId, text } from './values';
import { earliest, isInBaseline, isInWindow, latest } from './window';

type SignInRow = Graph.SignIn & { signInEventTypes?: string[] };

/** Client apps Entra ID reports for protocols without modern authentication. */
const LEGACY_CLIENTS = new Set(
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

export const signInCheck: Check = {
  section: 'sign-ins',
  needs: ['signIns'],
  run(data) {
    const signIns = rows(data.signIns, 'signIns').filter((row) => isSubject(row, data.user));
    const inWindow = signIns.filter((row) => isInWindow(row.createdDateTime, data.window));
    const baseline = signIns.filter((row) => isInBaseline(row.createdDateTime, data.window));
    return [
      ...unfamiliarFindings(data, inWindow, baseline),
      ...inWindow.filter(isRisky).map((row) => riskyFinding(data, row)),
      ...legacyFindings(data, inWindow),
    ];
  },
};

// The collector filters on the user already; a row for someone else must still never fire.
function isSubject(row: SignInRow, user: Graph.User): boolean {
  if (text(row.userId) !== null) return sameId(row.userId, user.id);
  if (text(row.userPrincipalName) !== null) {
    return sameId(row.userPrincipalName, user.userPrincipalName);
  }
  return true;
}

function isSuccess(row: SignInRow): boolean {
  return row.status?.errorCode === 0;
}

function eventTypes(row: SignInRow): string[] {
  const types = Array.isArray(row.signInEventTypes) ? distinct(row.signInEventTypes) : [];
  if (types.length > 0) return types;
  return [row.isInteractive === false ? 'nonInteractiveUser' : 'interactiveUser'];
}

function groupBy(signIns: SignInRow[], key: (row: SignInRow) => string): SignInRow[][] {
  const groups = new Map<string, SignInRow[]>();
  for (const row of signIns) {
    const name = key(row);
    const group = groups.get(name);
    if (group === undefined) groups.set(name, [row]);
    else group.push(row);
  }
  return [...groups.values()];
}

function unfamiliarFindings(
  data: InvestigationData,
  inWindow: SignInRow[],
  baseline: SignInRow[],
): FindingDraft[] {
  const knownIps = new Set(baseline.filter(isSuccess).map((row) => normaliseIp(row.ipAddress)));
  const knownCountries = new Set(
    baseline.filter(isSuccess).map((row) => folded(row.location?.countryOrRegion)),
  );
  const findings: FindingDraft[] = [];
  for (const group of groupBy(inWindow, (row) => normaliseIp(row.ipAddress) ?? '')) {
    const successes = group.filter(isSuccess);
    if (successes.length === 0) continue;
    const ip = normaliseIp(successes[0].ipAddress);
    const countries = distinct(successes.map((row) => row.location?.countryOrRegion));
    const newCountries = countries.filter((country) => !knownCountries.has(country.toLowerCase()));
    const isNewIp = ip !== null && !knownIps.has(ip);
    if (!isNewIp && newCountries.length === 0) continue;
    findings.push(
      unfamiliarFinding(data, successes, group.length - successes.length, {
        ip,
        countries,
        isNewIp,
        isNewCountry: newCountries.length > 0,
      }),
    );
  }
  return findings;
}

interface Novelty {
  ip: string | null;
  countries: string[];
  isNewIp: boolean;
  isNewCountry: boolean;
}

function unfamiliarFinding(
  data: InvestigationData,
  successes: SignInRow[],
  failedCount: number,
  novelty: Novelty,
): FindingDraft {
  const times = successes.map((row) => row.createdDateTime);
  const country = novelty.countries[0] ?? null;
  const city = distinct(successes.map((row) => row.location?.city))[0] ?? null;
  const place = [country, city].filter((part) => part !== null).join(', ');
  const origin = novelty.ip ?? 'an unknown IP';
  return {
    kind: 'signin.unfamiliar',
    severity: novelty.isNewCountry ? 'high' : 'medium',
    title: `Successful sign-in from unfamiliar ${origin}${place === '' ? '' : ` (${place})`}`,
    at: earliest(times) ?? data.window.until.toISOString(),
    attack: 'T1078.004',
    evidence: {
      ip: novelty.ip,
      country,
      countries: novelty.countries,
      city,
      newIp: novelty.isNewIp,
      newCountry: novelty.isNewCountry,
      firstSeen: earliest(times),
      lastSeen: latest(times),
      count: successes.length,
      failedCount,
      apps: distinct(successes.map((row) => row.appDisplayName)),
      clients: distinct(successes.map((row) => row.clientAppUsed)),
      eventTypes: distinct(successes.flatMap(eventTypes)),
      operatingSystems: distinct(successes.map((row) => row.deviceDetail?.operatingSystem)),
      browsers: distinct(successes.map((row) => row.deviceDetail?.browser)),
      signInId: text(successes[0].id),
    },
    actions: userActions(data.user, [
      'revoke-sessions',
      'disable-user',
      'reset-password',
      'confirm-compromised',
    ]),
  };
}

function isRisky(row: SignInRow): boolean {
  return (
    ELEVATED_RISK.has(folded(row.riskLevelDuringSignIn)) ||
    ELEVATED_RISK.has(folded(row.riskLevelAggregated)) ||
    RISKY_STATES.has(folded(row.riskState))
  );
}

function riskyFinding(data: InvestigationData, row: SignInRow): FindingDraft {
  const levels = [folded(row.riskLevelDuringSignIn), folded(row.riskLevelAggregated)];
  const severity: Severity = levels.includes('high') ? 'high' : 'medium';
  const ip = normaliseIp(row.ipAddress);
  const risk = levels.includes('high') ? 'high' : levels.includes('medium') ? 'medium' : null;
  const reason = risk === null ? `risk state ${text(row.riskState)}` : `${risk} risk`;
  return {
    kind: 'signin.risky',
    severity,
    title: `Risky sign-in from ${ip ?? 'an unknown IP'} (${reason})`,
    at: earliest([row.createdDateTime]) ?? data.window.until.toISOString(),
    attack: 'T1078.004',
    evidence: {
      signInId: text(row.id),
      ip,
      country: text(row.location?.countryOrRegion),
      city: text(row.location?.city),
      riskLevelDuringSignIn: text(row.riskLevelDuringSignIn),
      riskLevelAggregated: text(row.riskLevelAggregated),
      riskState: text(row.riskState),
      riskEventTypes: distinct([...(row.riskEventTypes_v2 ?? []), ...(row.riskEventTypes ?? [])]),
      app: text(row.appDisplayName),
      client: text(row.clientAppUsed),
      succeeded: isSuccess(row),
      errorCode: row.status?.errorCode ?? null,
      eventTypes: eventTypes(row),
    },
    actions: userActions(data.user, ['revoke-sessions', 'confirm-compromised']),
  };
}

function legacyFindings(data: InvestigationData, inWindow: SignInRow[]): FindingDraft[] {
  const legacy = inWindow.filter((row) => LEGACY_CLIENTS.has(folded(row.clientAppUsed)));
  const groups = groupBy(legacy, (row) =>
    [folded(row.clientAppUsed), normaliseIp(row.ipAddress) ?? '', isSuccess(row)].join('|'),
  );
  return groups.map((group) => {
    const first = group[0];
    const succeeded = isSuccess(first);
    const client = text(first.clientAppUsed);
    const ip = normaliseIp(first.ipAddress);
    const times = group.map((row) => row.createdDateTime);
    const outcome = succeeded ? 'Successful' : 'Failed';
    return {
      kind: 'signin.legacy-protocol',
      severity: succeeded ? 'medium' : 'low',
      title: `${outcome} legacy-protocol sign-in (${client}) from ${ip ?? 'an unknown IP'}`,
      at: earliest(times) ?? data.window.until.toISOString(),
      attack: 'T1078.004',
      evidence: {
        client,
        ip,
        succeeded,
        count: group.length,
        firstSeen: earliest(times),
        lastSeen: latest(times),
        country: text(first.location?.countryOrRegion),
        city: text(first.location?.city),
        apps: distinct(group.map((row) => row.appDisplayName)),
        failureReasons: distinct(group.map((row) => row.status?.failureReason)),
        signInId: text(first.id),
      },
      actions: userActions(data.user, ['revoke-sessions']),
    };
  });
}
