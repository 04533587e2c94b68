/** Builds sign-in events in the shape `auditLogs/signIns` returns them. */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { SignInApp } from './apps';
import type { DeviceDetail, Person, Place } from './people';
import type { Random } from './random';

/** A sign-in row. The beta endpoint adds `signInEventTypes`, and v1.0 has `riskEventTypes_v2`. */
export type SignInRecord = Graph.SignIn & {
  id: string;
  createdDateTime: string;
  signInEventTypes?: string[];
  riskEventTypes_v2?: string[];
};

/** User agent of the attacker's browser, also written into audits and risk detections. */
export const ATTACKER_USER_AGENT =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 ' +
  '(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** Failure reasons as Entra ID writes them, for the error codes the demo tenants use. */
export const FAILURE_REASONS: Record<number, string> = {
  0: 'Other.',
  50053:
    "The account is locked, you've tried to sign in too many times with an incorrect user ID " +
    'or password.',
  50074: 'Strong Authentication is required.',
  50126: 'Error validating credentials due to invalid username or password.',
  500121: 'Authentication failed during strong authentication request.',
  53003:
    'Access has been blocked by Conditional Access policies. ' +
    'The access policy does not allow token issuance.',
};

export interface SignInRisk {
  during: 'none' | 'low' | 'medium' | 'high';
  aggregated: 'none' | 'low' | 'medium' | 'high';
  state: 'none' | 'atRisk' | 'confirmedCompromised' | 'remediated';
  eventTypes: string[];
}

const NO_RISK: SignInRisk = { during: 'none', aggregated: 'none', state: 'none', eventTypes: [] };

export interface SignInSpec {
  person: Pick<Person, 'id' | 'displayName' | 'userPrincipalName'>;
  at: string;
  place: Place;
  app: SignInApp;
  /** `clientAppUsed`, e.g. 'Browser', 'Mobile Apps and Desktop clients', 'IMAP4'. */
  client: string;
  device: DeviceDetail;
  interactive?: boolean;
  errorCode?: number;
  risk?: SignInRisk;
  /** Written into `status.additionalDetails`, e.g. how MFA was satisfied. */
  statusDetail?: string | null;
}

export function buildSignIn(random: Random, spec: SignInSpec): SignInRecord {
  const interactive = spec.interactive ?? true;
  const errorCode = spec.errorCode ?? 0;
  const risk = spec.risk ?? NO_RISK;
  const record: SignInRecord = {
    id: random.guid(),
    createdDateTime: spec.at,
    userDisplayName: spec.person.displayName,
    userPrincipalName: spec.person.userPrincipalName,
    userId: spec.person.id,
    appId: spec.app.appId,
    appDisplayName: spec.app.appDisplayName,
    ipAddress: spec.place.ip,
    clientAppUsed: spec.client,
    correlationId: random.guid(),
    conditionalAccessStatus: errorCode === 53003 ? 'failure' : 'notApplied',
    isInteractive: interactive,
    riskDetail: 'none',
    riskLevelAggregated: risk.aggregated,
    riskLevelDuringSignIn: risk.during,
    riskState: risk.state,
    riskEventTypes: risk.eventTypes as Graph.RiskEventType[],
    riskEventTypes_v2: risk.eventTypes,
    resourceDisplayName: spec.app.resourceDisplayName,
    resourceId: spec.app.resourceId,
    status: {
      errorCode,
      failureReason: FAILURE_REASONS[errorCode] ?? 'Other.',
      additionalDetails: spec.statusDetail ?? null,
    },
    deviceDetail: { ...spec.device },
    location: {
      city: spec.place.city,
      state: spec.place.state,
      countryOrRegion: spec.place.countryOrRegion,
      geoCoordinates: {
        altitude: null,
        latitude: spec.place.latitude,
        longitude: spec.place.longitude,
      },
    },
    appliedConditionalAccessPolicies: [],
  };
  // Only the beta endpoint lists event types, so v1.0-style rows carry none. The emulator
  // treats a row without event types as interactive.
  if (!interactive) record.signInEventTypes = ['nonInteractiveUser'];
  return record;
}

/** Returns `base` plus a number of minutes and seconds, as an ISO string without milliseconds. */
export function addMinutes(base: string, minutes: number, seconds = 0): string {
  const time = Date.parse(base) + (minutes * 60 + seconds) * 1000;
  return new Date(time).toISOString().replace('.000Z', 'Z');
}
