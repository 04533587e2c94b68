/** Builds the `contoso-phish` snapshot: Alex Doe's account taken over through a phishing page. */
import {
  addAlexAppRoleAssignments,
  addAlexDevices,
  addAlexInboxRules,
  addAuthMethods,
} from './accounts';
import { addApplications } from './appObjects';
import { attackAudits, PASSWORD_RESET_AT } from './attackAudits';
import { burstMail } from './attackMail';
import { attackRiskDetections, attackSignIns } from './attackSignIns';
import { addDirectory } from './directory';
import { foldersOf } from './mail';
import { ALEX, ALEXANDRA, PEOPLE, type Person } from './people';
import { createRandom, type Random } from './random';
import { routineMail, routineSignIns } from './routine';
import { routineAudits } from './routineAudits';
import { SnapshotBuilder, type SnapshotJson } from './snapshot';
import { HISTORY_START, PHISH_SEED, REFERENCE_TIME } from './story';

/**
 * Adds everything of the phishing story to `builder`. The campaign tenant calls this too and
 * then adds the colleagues' side, so both tenants share one account of the attack.
 */
export function addPhishStory(
  builder: SnapshotBuilder,
  random: Random,
  people: readonly Person[],
): void {
  addDirectory(builder, people, { [ALEX.id]: PASSWORD_RESET_AT });
  addApplications(builder);
  addAuthMethods(builder, people);
  addAlexDevices(builder);
  addAlexAppRoleAssignments(builder);

  const folders = foldersOf(random);
  addAlexInboxRules(builder, folders);

  const routine = {
    historyStart: HISTORY_START,
    end: REFERENCE_TIME,
    stopAt: { [ALEX.id]: '2026-12-03T06:00:00Z' },
  };
  const attack = attackSignIns(random);
  builder.add('auditLogs/signIns', ...routineSignIns(random, people, routine), ...attack.signIns);
  builder.add('auditLogs/directoryAudits', ...routineAudits(random), ...attackAudits(random));

  builder.add('identityProtection/riskDetections', ...attackRiskDetections(random, attack), {
    ...alexandraOldDetection(random),
  });
  builder.add(
    'identityProtection/riskyUsers',
    {
      id: ALEX.id,
      isDeleted: false,
      isProcessing: false,
      riskLastUpdatedDateTime: '2026-12-02T10:51:12Z',
      riskLevel: 'high',
      riskState: 'atRisk',
      riskDetail: 'none',
      userDisplayName: ALEX.displayName,
      userPrincipalName: ALEX.userPrincipalName,
    },
    {
      id: ALEXANDRA.id,
      isDeleted: false,
      isProcessing: false,
      riskLastUpdatedDateTime: '2026-11-21T17:02:40Z',
      riskLevel: 'none',
      riskState: 'remediated',
      riskDetail: 'userPerformedSecuredPasswordChange',
      userDisplayName: ALEXANDRA.displayName,
      userPrincipalName: ALEXANDRA.userPrincipalName,
    },
  );

  builder.add(
    `users/${ALEX.id}/mailFolders/sentItems/messages`,
    ...routineMail(random, ALEX, folders.sentItems, routine),
    ...burstMail(random, folders.sentItems),
  );
}

/** Returns an old, remediated detection of another user whose name also starts with "Alex". */
function alexandraOldDetection(random: Random): Record<string, unknown> {
  return {
    id: random.hex(64),
    requestId: random.guid(),
    correlationId: random.guid(),
    riskEventType: 'unlikelyTravel',
    riskState: 'remediated',
    riskLevel: 'low',
    riskDetail: 'userPerformedSecuredPasswordChange',
    source: 'IdentityProtection',
    detectionTimingType: 'offline',
    activity: 'signin',
    tokenIssuerType: 'AzureAD',
    ipAddress: '198.51.100.201',
    location: {
      city: 'Vancouver',
      state: 'British Columbia',
      countryOrRegion: 'CA',
      geoCoordinates: { altitude: null, latitude: 49.2827, longitude: -123.1207 },
    },
    activityDateTime: '2026-11-20T22:14:09Z',
    detectedDateTime: '2026-11-21T03:40:00Z',
    lastUpdatedDateTime: '2026-11-21T17:02:40Z',
    userId: ALEXANDRA.id,
    userDisplayName: ALEXANDRA.displayName,
    userPrincipalName: ALEXANDRA.userPrincipalName,
    additionalInfo: '[]',
  };
}

export function buildPhishTenant(): SnapshotJson {
  const builder = new SnapshotBuilder(REFERENCE_TIME);
  addPhishStory(builder, createRandom(PHISH_SEED), PEOPLE);
  return builder.toJSON();
}
