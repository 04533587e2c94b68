/**
 * Sign-ins and Identity Protection records of the phishing story. The attacker replays Alex's
 * session from 203.0.113.45 (Amsterdam) from 09:11 UTC on 2 December and uses IMAP and
 * authenticated SMTP. The attacker comes back over IPv6 at 01:32 on 3 December and refreshes
 * tokens until 05:30, shortly before the helpdesk resets the password.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import {
  AUTH_BROKER,
  AZURE_PORTAL,
  EXCHANGE_ONLINE,
  MY_SIGNINS,
  OFFICE_HOME,
  OUTLOOK_MOBILE,
  OUTLOOK_WEB,
  SECUREDOC,
  type SignInApp,
} from './apps';
import {
  ALEX,
  ALEX_HOME,
  ATTACKER_BROWSER,
  ATTACKER_V4,
  ATTACKER_V6,
  type DeviceDetail,
  NO_DEVICE,
  PHONE,
  type Place,
} from './people';
import type { Random } from './random';
import {
  addMinutes,
  ATTACKER_USER_AGENT,
  buildSignIn,
  type SignInRecord,
  type SignInSpec,
} from './signIns';

export const FIRST_ATTACKER_SIGN_IN = '2026-12-02T09:11:52Z';
export const FIRST_IPV6_SIGN_IN = '2026-12-03T01:32:07Z';
export const LAST_ATTACKER_SIGN_IN = '2026-12-03T05:29:48Z';

const DESKTOP = 'Mobile Apps and Desktop clients';
const SECUREDOC_APP: SignInApp = {
  appId: SECUREDOC.appId,
  appDisplayName: SECUREDOC.displayName,
  resourceId: '00000003-0000-0000-c000-000000000000',
  resourceDisplayName: 'Microsoft Graph',
};

export interface AttackSignIns {
  signIns: SignInRecord[];
  /** The risky sign-ins, which the risk detections point at by request id. */
  riskyV4: SignInRecord;
  riskyV6: SignInRecord;
}

export function attackSignIns(random: Random): AttackSignIns {
  const signIn = (
    at: string,
    place: Place,
    app: SignInApp,
    client: string,
    device: DeviceDetail,
    extra: Partial<SignInSpec> = {},
  ): SignInRecord =>
    buildSignIn(random, { person: ALEX, at, place, app, client, device, ...extra });

  // Alex reads the phishing mail on the phone at home, 01:08 in Seattle.
  const readsPhish = signIn('2026-12-02T09:08:40Z', ALEX_HOME, OUTLOOK_MOBILE, DESKTOP, PHONE);
  // The proxy relays Alex's MFA, so the attacker's first sign-in succeeds with MFA.
  const riskyV4 = signIn(
    FIRST_ATTACKER_SIGN_IN,
    ATTACKER_V4,
    OFFICE_HOME,
    'Browser',
    ATTACKER_BROWSER,
    {
      risk: {
        during: 'high',
        aggregated: 'high',
        state: 'atRisk',
        eventTypes: ['unfamiliarFeatures'],
      },
      statusDetail: 'MFA completed in Azure AD',
    },
  );
  const riskyV6 = signIn(
    FIRST_IPV6_SIGN_IN,
    ATTACKER_V6,
    OFFICE_HOME,
    'Browser',
    ATTACKER_BROWSER,
    {
      risk: {
        during: 'medium',
        aggregated: 'medium',
        state: 'atRisk',
        eventTypes: ['anonymizedIPAddress'],
      },
      statusDetail: 'MFA requirement satisfied by claim in the token',
    },
  );

  const rows = [
    readsPhish,
    riskyV4,
    signIn('2026-12-02T09:19:05Z', ATTACKER_V4, MY_SIGNINS, 'Browser', ATTACKER_BROWSER),
    signIn('2026-12-02T09:38:10Z', ATTACKER_V4, SECUREDOC_APP, 'Browser', ATTACKER_BROWSER),
    signIn('2026-12-02T10:04:12Z', ATTACKER_V4, EXCHANGE_ONLINE, 'IMAP4', NO_DEVICE),
    signIn('2026-12-02T10:26:50Z', ATTACKER_V4, EXCHANGE_ONLINE, 'Authenticated SMTP', NO_DEVICE),
    signIn('2026-12-02T11:05:31Z', ATTACKER_V4, EXCHANGE_ONLINE, 'Authenticated SMTP', NO_DEVICE),
    signIn('2026-12-02T13:08:40Z', ATTACKER_V4, AZURE_PORTAL, 'Browser', ATTACKER_BROWSER),
    riskyV6,
    signIn('2026-12-03T01:40:51Z', ATTACKER_V6, AUTH_BROKER, DESKTOP, ATTACKER_BROWSER),
  ];

  // Refresh-token use shows only as non-interactive sign-ins, about once an hour.
  for (
    let at = '2026-12-02T09:12:30Z';
    Date.parse(at) < Date.parse(LAST_ATTACKER_SIGN_IN);
    at = addMinutes(at, 55 + random.int(0, 10))
  ) {
    const app = random.pick([OUTLOOK_WEB, OFFICE_HOME, EXCHANGE_ONLINE]);
    rows.push(signIn(at, ATTACKER_V4, app, 'Browser', ATTACKER_BROWSER, { interactive: false }));
  }
  rows.push(
    signIn(LAST_ATTACKER_SIGN_IN, ATTACKER_V4, OUTLOOK_WEB, 'Browser', ATTACKER_BROWSER, {
      interactive: false,
    }),
  );

  const ipv6Times = [
    '2026-12-03T01:33:15Z',
    '2026-12-03T02:41:02Z',
    '2026-12-03T03:52:44Z',
    '2026-12-03T05:04:19Z',
  ];
  for (const [index, at] of ipv6Times.entries()) {
    const row = signIn(at, ATTACKER_V6, OUTLOOK_WEB, 'Browser', ATTACKER_BROWSER, {
      interactive: false,
    });
    // Entra ID does not spell IPv6 addresses one way; one row uses upper case.
    if (index === 1) row.ipAddress = '2001:DB8:7A1::1F';
    rows.push(row);
  }

  // After the reset Alex signs in again at home with the new password.
  rows.push(signIn('2026-12-03T06:25:14Z', ALEX_HOME, OUTLOOK_MOBILE, DESKTOP, PHONE));
  rows.push(
    signIn('2026-12-03T06:26:02Z', ALEX_HOME, AUTH_BROKER, DESKTOP, PHONE, { interactive: false }),
  );
  return { signIns: rows, riskyV4, riskyV6 };
}

type RiskDetectionRecord = Graph.RiskDetection & { id: string };

function detection(
  random: Random,
  signIn: SignInRecord,
  riskEventType: string,
  riskLevel: 'low' | 'medium' | 'high',
  detectedDateTime: string,
  timing: 'realtime' | 'offline',
): RiskDetectionRecord {
  return {
    id: random.hex(64),
    requestId: signIn.id,
    correlationId: signIn.correlationId,
    riskEventType,
    riskState: 'atRisk',
    riskLevel,
    riskDetail: 'none',
    source: 'IdentityProtection',
    detectionTimingType: timing,
    activity: 'signin',
    tokenIssuerType: 'AzureAD',
    ipAddress: signIn.ipAddress,
    location: signIn.location,
    activityDateTime: signIn.createdDateTime,
    detectedDateTime,
    lastUpdatedDateTime: addMinutes(detectedDateTime, 4, 12),
    userId: ALEX.id,
    userDisplayName: ALEX.displayName,
    userPrincipalName: ALEX.userPrincipalName,
    additionalInfo: JSON.stringify([
      {
        Key: 'userAgent',
        Value: ATTACKER_USER_AGENT,
      },
    ]),
  };
}

export function attackRiskDetections(random: Random, attack: AttackSignIns): RiskDetectionRecord[] {
  return [
    detection(
      random,
      attack.riskyV4,
      'unfamiliarFeatures',
      'medium',
      FIRST_ATTACKER_SIGN_IN,
      'realtime',
    ),
    detection(
      random,
      attack.riskyV4,
      'attackerinTheMiddle',
      'high',
      '2026-12-02T10:47:00Z',
      'offline',
    ),
    detection(
      random,
      attack.riskyV6,
      'anonymizedIPAddress',
      'medium',
      FIRST_IPV6_SIGN_IN,
      'realtime',
    ),
  ];
}
