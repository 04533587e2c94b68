/**
 * Builds the `contoso-campaign` snapshot: the phishing story of `contoso-phish` (built with
 * the same seed, so Alex's part is identical), plus the three colleagues who received the
 * attacker's mail. Priya Nair entered her password too and the attacker signed in as her from
 * the same IP; Omar Haddad mistyped his password on the fake page; Lena Fischer did nothing.
 */
import { OFFICE_HOME, OUTLOOK_WEB, EXCHANGE_ONLINE } from './apps';
import { buildRule, folderList, foldersOf, recipient } from './mail';
import { ATTACKER_BROWSER, ATTACKER_V4, OMAR, PEOPLE, PRIYA } from './people';
import { addPhishStory } from './phish';
import { createRandom } from './random';
import { addMinutes, buildSignIn, type SignInRecord } from './signIns';
import { SnapshotBuilder, type SnapshotJson } from './snapshot';
import { routineMail } from './routine';
import {
  CAMPAIGN_SEED,
  FORWARD_ADDRESS,
  HISTORY_START,
  PHISH_SEED,
  REFERENCE_TIME,
  RULES,
} from './story';

export const PRIYA_FIRST_ATTACKER_SIGN_IN = '2026-12-02T11:58:33Z';
export const PRIYA_LAST_ATTACKER_SIGN_IN = '2026-12-02T19:41:20Z';

export function buildCampaignTenant(): SnapshotJson {
  const builder = new SnapshotBuilder(REFERENCE_TIME);
  addPhishStory(builder, createRandom(PHISH_SEED), PEOPLE);
  const random = createRandom(CAMPAIGN_SEED);

  const priya = (at: string, interactive: boolean, risky = false): SignInRecord =>
    buildSignIn(random, {
      person: PRIYA,
      at,
      place: ATTACKER_V4,
      app: interactive ? OFFICE_HOME : random.pick([OUTLOOK_WEB, EXCHANGE_ONLINE]),
      client: 'Browser',
      device: ATTACKER_BROWSER,
      interactive,
      risk: risky
        ? {
            during: 'medium',
            aggregated: 'medium',
            state: 'atRisk',
            eventTypes: ['unfamiliarFeatures'],
          }
        : undefined,
      statusDetail: interactive ? 'MFA completed in Azure AD' : null,
    });
  const first = priya(PRIYA_FIRST_ATTACKER_SIGN_IN, true, true);
  const rows = [first];
  for (
    let at = addMinutes(PRIYA_FIRST_ATTACKER_SIGN_IN, 1);
    Date.parse(at) < Date.parse(PRIYA_LAST_ATTACKER_SIGN_IN);
    at = addMinutes(at, 58 + random.int(0, 8))
  ) {
    rows.push(priya(at, false));
  }
  rows.push(priya(PRIYA_LAST_ATTACKER_SIGN_IN, false));
  // Omar typed a wrong password into the fake page, so the relayed sign-ins failed.
  for (const at of ['2026-12-02T12:20:10Z', '2026-12-02T12:20:41Z']) {
    rows.push(
      buildSignIn(random, {
        person: OMAR,
        at,
        place: ATTACKER_V4,
        app: OFFICE_HOME,
        client: 'Browser',
        device: ATTACKER_BROWSER,
        errorCode: 50126,
      }),
    );
  }
  builder.add('auditLogs/signIns', ...rows);

  builder.add('identityProtection/riskDetections', {
    id: random.hex(64),
    requestId: first.id,
    correlationId: first.correlationId,
    riskEventType: 'unfamiliarFeatures',
    riskState: 'atRisk',
    riskLevel: 'medium',
    riskDetail: 'none',
    source: 'IdentityProtection',
    detectionTimingType: 'realtime',
    activity: 'signin',
    tokenIssuerType: 'AzureAD',
    ipAddress: ATTACKER_V4.ip,
    location: first.location,
    activityDateTime: PRIYA_FIRST_ATTACKER_SIGN_IN,
    detectedDateTime: PRIYA_FIRST_ATTACKER_SIGN_IN,
    lastUpdatedDateTime: addMinutes(PRIYA_FIRST_ATTACKER_SIGN_IN, 3, 40),
    userId: PRIYA.id,
    userDisplayName: PRIYA.displayName,
    userPrincipalName: PRIYA.userPrincipalName,
    additionalInfo: '[]',
  });
  builder.add('identityProtection/riskyUsers', {
    id: PRIYA.id,
    isDeleted: false,
    isProcessing: false,
    riskLastUpdatedDateTime: addMinutes(PRIYA_FIRST_ATTACKER_SIGN_IN, 3, 40),
    riskLevel: 'medium',
    riskState: 'atRisk',
    riskDetail: 'none',
    userDisplayName: PRIYA.displayName,
    userPrincipalName: PRIYA.userPrincipalName,
  });

  const folders = foldersOf(random);
  builder.add(`users/${PRIYA.id}/mailFolders`, ...folderList(folders, 0));
  const routine = { historyStart: HISTORY_START, end: REFERENCE_TIME };
  builder.add(
    `users/${PRIYA.id}/mailFolders/sentItems/messages`,
    ...routineMail(random, PRIYA, folders.sentItems, routine),
  );
  // Priya's rule hides replies and also sends each one to the attacker as an attachment.
  builder.add(
    `users/${PRIYA.id}/mailFolders/inbox/messageRules`,
    buildRule(
      RULES.priyaHide,
      '..',
      1,
      { subjectContains: ['remittance', 'document', 'invoice'] },
      {
        forwardAsAttachmentTo: [recipient('Docs Archive', FORWARD_ADDRESS)],
        markAsRead: true,
        moveToFolder: folders.conversationHistory,
        stopProcessingRules: true,
      },
    ),
  );
  return builder.toJSON();
}
