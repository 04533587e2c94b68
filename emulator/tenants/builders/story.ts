/**
 * Fixed ids and times of the phishing story, shared by the tenant builders and named in the
 * README and the expected-findings fixture. Ids come from `guidFor`, so they stay the
 * same when events are added.
 */
import { GRAPH_EXPLORER, GRAPH_SP, INTRANET, SECUREDOC } from './apps';
import { ALEX } from './people';
import { guidFor } from './random';

export const REFERENCE_TIME = '2026-12-03T12:00:00Z';
/** The window a responder checks: from just before the phish until the snapshot. */
export const WINDOW_START = '2026-12-02T09:00:00Z';
/** First day of ordinary activity: more than 14 days before the window, so the baseline is full. */
export const HISTORY_START = '2026-11-16T00:00:00Z';

/** Seed of the PRNG behind event ids, so two builds write identical files. */
export const PHISH_SEED = 20261202;
export const CAMPAIGN_SEED = 20261203;

export const KEYS = {
  /** Alex's ordinary secret on Sales Report Export, created long before the window. */
  salesExportOld: guidFor('key:sales-report-export:export-job'),
  /** Secret the attacker adds to the Sales Report Export service principal. */
  salesExportSpAttacker: guidFor('key:sales-report-export-sp:automation'),
  /** Secret on the app the attacker registers. */
  archiveSecret: guidFor('key:mail-archive-connector:sync'),
  /** Certificate on the corporate intranet app, owned by IT. */
  intranetCert: guidFor('key:contoso-intranet:cert'),
};

export const ARCHIVE_FIC_ID = guidFor('fic:mail-archive-connector:archive-sync');

export const METHODS = {
  /** The password method's id, which the Graph reference gives as the usual one. */
  password: '28c10230-6103-485e-b985-444c60001490',
  /** Fixed id of the mobile phone method. */
  mobilePhone: '3179e48a-750b-4051-897c-87b9720928f7',
  alexAuthenticatorOld: guidFor('method:alex.doe:authenticator:iphone'),
  alexAuthenticatorAttacker: guidFor('method:alex.doe:authenticator:attacker'),
  alexandraAuthenticatorNew: guidFor('method:alexandra.kim:authenticator:new-phone'),
};

export const DEVICES = {
  alexLaptop: guidFor('directory-device:alex.doe:laptop'),
  attacker: guidFor('directory-device:attacker:desktop'),
};

export const GROUPS = {
  socResponders: guidFor('group:soc-responders'),
  socOnCall: guidFor('group:soc-on-call'),
  incidentApprovers: guidFor('group:incident-approvers'),
  sales: guidFor('group:sales'),
};

export const ROLES = {
  helpdesk: {
    id: guidFor('role:helpdesk-administrator'),
    templateId: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
    displayName: 'Helpdesk Administrator',
  },
  securityOperator: {
    id: guidFor('role:security-operator'),
    templateId: '5f2222b1-57c3-48ba-8ad5-d4759f1fde6f',
    displayName: 'Security Operator',
  },
};

/** Inbox rule ids, which Exchange writes as short base64 strings. */
export const RULES = {
  newsletters: 'AQAAAJ5dZqA=',
  forward: 'AQAAAJ5dZqE=',
  hideReplies: 'AQAAAJ5dZqI=',
  priyaHide: 'AQAAAK3uW1M=',
};

export const FORWARD_ADDRESS = 'docs.archive@mailbox-sync.example';

// Grant and assignment ids imitate Entra ID's: the object ids they join, base64url encoded.
function idFromGuids(...guids: string[]): string {
  const bytes = Buffer.concat(guids.map((guid) => Buffer.from(guid.replace(/-/g, ''), 'hex')));
  return bytes.toString('base64url');
}

export const GRANTS = {
  /** Tenant-wide admin consent for the intranet app to read the signed-in user's profile. */
  intranetAllPrincipals: idFromGuids(INTRANET.servicePrincipalId, GRAPH_SP.servicePrincipalId),
  /** Alex's own read-only consent to Graph Explorer, in the baseline. */
  alexGraphExplorer: idFromGuids(
    GRAPH_EXPLORER.servicePrincipalId,
    GRAPH_SP.servicePrincipalId,
    ALEX.id,
  ),
  /** Alex's consent to the attacker's app. */
  alexSecureDoc: idFromGuids(SECUREDOC.servicePrincipalId, GRAPH_SP.servicePrincipalId, ALEX.id),
};

export const ASSIGNMENTS = {
  /** Alex assigned to the attacker's app registration by the attacker. */
  alexArchiveConnector: idFromGuids(ALEX.id, guidFor('assignment:alex:archive')),
  /** Alex's ordinary assignment to the intranet app. */
  alexIntranet: idFromGuids(ALEX.id, guidFor('assignment:alex:intranet')),
};
