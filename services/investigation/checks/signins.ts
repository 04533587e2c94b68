/**
 * Sign-in checks: successful sign-ins from an IP or country the baseline never saw, risky
 * sign-ins, and sign-ins through legacy protocols that bypass modern authentication.
 */
import type { Severity } from '../../domain';
import type { InvestigationData } from '../data';
import {
  digestOf,
  isRisky,
  isSuccess,
  LEGACY_CLIENTS,
  type LegacyFailures,
  type SignInDigest,
  type SignInRow,
  topKeys,
} from '../signInDigest';
import { userActions } from './actions';
import { normaliseIp } from './addresses';
import type { Check, FindingDraft } from './types';
import { distinct, folded, text } from './values';
import { earliest, isInBaseline, isInWindow, latest } from './window';

/** IPs named in a finding that summarises failures from many addresses. */
const IPS_NAMED = 10;

export const signInCheck: Check = {
  section: 'sign-ins',
  needs: ['signIns'],
  run(data) {
    // The digest keeps successful and risky rows whole and keeps failures as counts.
    const digest = digestOf(data.signIns, data.user, data.window);
    const inWindow = digest.kept.filter((row) => isInWindow(row.createdDateTime, data.window));
    const baseline = digest.kept.filter((row) => isInBaseline(row.createdDateTime, data.window));
    const successes = inWindow.filter(isSuccess);
    return [
      ...unfamiliarFindings(data, digest, successes, baseline),
      ...inWindow.filter(isRisky).map((row) => riskyFinding(data, row)),
      ...legacySuccessFindings(data, successes),
      ...[...digest.legacyFailures.values()].map((group) => legacyFailureFinding(data, group)),
    ];
  },
};

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
  digest: SignInDigest,
  successesInWindow: SignInRow[],
  baseline: SignInRow[],
): FindingDraft[] {
  const knownIps = new Set(baseline.filter(isSuccess).map((row) => normaliseIp(row.ipAddress)));
  const knownCountries = new Set(
    baseline.filter(isSuccess).map((row) => folded(row.location?.countryOrRegion)),
  );
  const findings: FindingDraft[] = [];
  for (const successes of groupBy(successesInWindow, (row) => normaliseIp(row.ipAddress) ?? '')) {
    const ip = normaliseIp(successes[0].ipAddress);
    const countries = distinct(successes.map((row) => row.location?.countryOrRegion));
    const newCountries = countries.filter((country) => !knownCountries.has(country.toLowerCase()));
    const isNewIp = ip !== null && !knownIps.has(ip);
    if (!isNewIp && newCountries.length === 0) continue;
    findings.push(
      unfamiliarFinding(data, successes, digest.failuresFrom(ip), {
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

function legacySuccessFindings(data: InvestigationData, successes: SignInRow[]): FindingDraft[] {
  const legacy = successes.filter((row) => LEGACY_CLIENTS.has(folded(row.clientAppUsed)));
  const groups = groupBy(legacy, (row) =>
    [folded(row.clientAppUsed), normaliseIp(row.ipAddress) ?? ''].join('|'),
  );
  return groups.map((group) => {
    const first = group[0];
    const client = text(first.clientAppUsed);
    const ip = normaliseIp(first.ipAddress);
    const times = group.map((row) => row.createdDateTime);
    return {
      kind: 'signin.legacy-protocol',
      severity: 'medium',
      title: `Successful legacy-protocol sign-in (${client}) from ${ip ?? 'an unknown IP'}`,
      at: earliest(times) ?? data.window.until.toISOString(),
      attack: 'T1078.004',
      evidence: {
        client,
        ip,
        succeeded: true,
        count: group.length,
        firstSeen: earliest(times),
        lastSeen: latest(times),
        country: text(first.location?.countryOrRegion),
        city: text(first.location?.city),
        apps: distinct(group.map((row) => row.appDisplayName)),
        failureReasons: [],
        signInId: text(first.id),
      },
      actions: userActions(data.user, ['revoke-sessions']),
    };
  });
}

/**
 * Summarises the failed sign-ins through one legacy client in one finding, however many IPs
 * they came from, so a password spray from thousands of addresses names its busiest sources.
 */
function legacyFailureFinding(data: InvestigationData, group: LegacyFailures): FindingDraft {
  const ips = topKeys(group.ips, IPS_NAMED).filter((ip) => ip !== '');
  const ipCount = group.ips.size;
  const lowerBound = group.untrackedRows > 0;
  const ip = ipCount === 1 && !lowerBound ? (ips[0] ?? null) : null;
  const source =
    ipCount <= 1 && !lowerBound
      ? (ip ?? 'an unknown IP')
      : `${lowerBound ? 'more than ' : ''}${ipCount} IPs`;
  const plural = group.count === 1 ? '' : 's';
  return {
    kind: 'signin.legacy-protocol',
    severity: 'low',
    title: `${group.count} failed legacy-protocol sign-in${plural} (${group.client}) from ${source}`,
    at: group.firstSeen ?? data.window.until.toISOString(),
    attack: 'T1078.004',
    evidence: {
      client: group.client,
      ip,
      ips,
      ipCount,
      ipCountIsLowerBound: lowerBound,
      succeeded: false,
      count: group.count,
      firstSeen: group.firstSeen,
      lastSeen: group.lastSeen,
      country: text(group.earliest.location?.countryOrRegion),
      city: text(group.earliest.location?.city),
      apps: [...group.apps].sort(),
      failureReasons: [...group.failureReasons].sort(),
      signInId: text(group.earliest.id),
    },
    actions: userActions(data.user, ['revoke-sessions']),
  };
}
