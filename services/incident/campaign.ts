/**
 * Campaign scope: who else the attacker reached from one compromised account. Two sources:
 * colleagues inside the tenant who received mail the user sent in the window, and users who
 * signed in from the IP addresses of the report's unfamiliar or risky sign-in findings.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { Report, ReportUser } from '../domain';
import { describeFailure } from '../graph/failure';
import { literal, withQuery } from '../graph/odata';
import type { GraphReader, ReadRequest } from '../graph/reader';
import {
  domainOf,
  isOutsideAddress,
  normaliseIp,
  tenantDomains,
} from '../investigation/checks/addresses';
import { folded } from '../investigation/checks/values';
import { isInWindow } from '../investigation/checks/window';
import type { InvestigationData } from '../investigation/data';
import { attackerSignIns, type AttackerSignIns } from './campaignSignIns';

/** Internal recipients looked up at most; the rest are named in a note. */
export const MAX_RECIPIENTS = 200;

export const MAX_SUBJECTS = 3;

export type CampaignReason = 'mail-recipient' | 'attacker-ip-sign-in' | 'attacker-ip-failed';

export interface CampaignMember {
  user: ReportUser;
  reasons: CampaignReason[];
  /** Messages from the subject in the window that listed this user as a recipient. */
  messagesReceived: number;
  /** Distinct subjects of those messages, at most `MAX_SUBJECTS`, to tell phishing from routine mail. */
  subjects: string[];
  /** Sign-ins of this user from the attacker's addresses in the window. */
  attackerIp: AttackerSignIns;
}

export interface CampaignScope {
  subject: ReportUser;
  since: string;
  until: string;
  /** Addresses of the report's `signin.unfamiliar` and `signin.risky` findings. */
  attackerIps: string[];
  members: CampaignMember[];
  /** Internal addresses that matched no user, such as groups or shared mailboxes. */
  unresolvedRecipients: string[];
  /** Reads that failed, so the scope may be incomplete; empty when every read succeeded. */
  unavailable: string[];
  notes: string[];
}

const USER_SELECT = 'id,displayName,userPrincipalName,mail';

/** Lists the internal recipients of the window's sent mail and the users on attacker IPs. */
export async function scopeCampaign(
  reader: GraphReader,
  report: Report,
  data: InvestigationData,
): Promise<CampaignScope> {
  const unavailable: string[] = [];
  const notes: string[] = [];
  const members = new Map<string, CampaignMember>();
  const memberOf = (user: ReportUser): CampaignMember => {
    const key = (user.id || user.userPrincipalName).toLowerCase();
    const found = members.get(key) ?? {
      user,
      reasons: [],
      messagesReceived: 0,
      subjects: [],
      attackerIp: noSignIns(),
    };
    members.set(key, found);
    return found;
  };

  const received = internalRecipients(data, report.user, unavailable);
  const addresses = [...received.keys()];
  if (addresses.length > MAX_RECIPIENTS) {
    notes.push(
      `Only the first ${MAX_RECIPIENTS} of ${addresses.length} internal recipients were looked ` +
        'up; check the sent mail for the rest.',
    );
  }
  const lookup = await lookUpRecipients(reader, addresses.slice(0, MAX_RECIPIENTS));
  for (const [address, user] of lookup.users) {
    const member = memberOf(user);
    addReason(member, 'mail-recipient');
    const mail = received.get(address);
    member.messagesReceived += mail?.count ?? 0;
    member.subjects = [...new Set([...member.subjects, ...(mail?.subjects ?? [])])].slice(
      0,
      MAX_SUBJECTS,
    );
  }
  unavailable.push(...lookup.failures);

  const attackerIps = attackerIpsOf(report);
  const signIns = await attackerSignIns(reader, attackerIps, data.window);
  unavailable.push(...signIns.failures);
  notes.push(...signIns.notes);
  for (const found of signIns.byUser) {
    if (found.user.id.toLowerCase() === report.user.id.toLowerCase()) continue;
    const member = memberOf(found.user);
    member.attackerIp = found.signIns;
    addReason(member, found.signIns.succeeded > 0 ? 'attacker-ip-sign-in' : 'attacker-ip-failed');
  }

  return {
    subject: report.user,
    since: report.since,
    until: report.until,
    attackerIps,
    members: [...members.values()].sort(compareMembers),
    unresolvedRecipients: lookup.unresolved,
    unavailable,
    notes,
  };
}

function noSignIns(): AttackerSignIns {
  return { ips: [], succeeded: 0, failed: 0, firstSeen: null, lastSeen: null };
}

function addReason(member: CampaignMember, reason: CampaignReason): void {
  if (!member.reasons.includes(reason)) member.reasons.push(reason);
}

/** Members who signed in from the attacker's addresses first, then by name. */
function compareMembers(a: CampaignMember, b: CampaignMember): number {
  return (
    b.attackerIp.succeeded - a.attackerIp.succeeded ||
    b.attackerIp.failed - a.attackerIp.failed ||
    a.user.userPrincipalName.localeCompare(b.user.userPrincipalName)
  );
}

/** Returns the distinct attacker addresses, normalised as the sign-in checks write them. */
export function attackerIpsOf(report: Report): string[] {
  const ips = report.findings
    .filter((finding) => finding.kind === 'signin.unfamiliar' || finding.kind === 'signin.risky')
    .map((finding) => normaliseIp(finding.evidence.ip))
    .filter((ip): ip is string => ip !== null);
  return [...new Set(ips)];
}

interface ReceivedMail {
  count: number;
  subjects: string[];
}

/** Counts, per internal address other than the subject's own, the window's messages to it. */
function internalRecipients(
  data: InvestigationData,
  subject: ReportUser,
  unavailable: string[],
): Map<string, ReceivedMail> {
  const counts = new Map<string, ReceivedMail>();
  if (!data.sentMessages.ok) {
    unavailable.push(`sent mail: ${data.sentMessages.reason}`);
    return counts;
  }
  const domains = tenantDomains(data);
  const own = new Set([folded(subject.userPrincipalName), folded(data.user.mail)]);
  for (const message of data.sentMessages.items) {
    if (!isInWindow(message.sentDateTime, data.window)) continue;
    const addresses = new Set(
      [
        ...(message.toRecipients ?? []),
        ...(message.ccRecipients ?? []),
        ...(message.bccRecipients ?? []),
      ]
        .map((recipient) => folded(recipient.emailAddress?.address))
        .filter((address) => domainOf(address) !== null && !isOutsideAddress(address, domains)),
    );
    for (const address of addresses) {
      if (own.has(address)) continue;
      const mail = counts.get(address) ?? { count: 0, subjects: [] };
      mail.count += 1;
      const title = message.subject?.trim() || '(no subject)';
      if (!mail.subjects.includes(title)) mail.subjects.push(title);
      counts.set(address, mail);
    }
  }
  return counts;
}

interface RecipientLookup {
  users: Map<string, ReportUser>;
  unresolved: string[];
  failures: string[];
}

async function lookUpRecipients(
  reader: GraphReader,
  addresses: string[],
): Promise<RecipientLookup> {
  const requests: ReadRequest[] = addresses.map((address, index) => ({
    id: String(index),
    url: withQuery('users', {
      $filter: `mail eq ${literal(address)} or userPrincipalName eq ${literal(address)}`,
      $select: USER_SELECT,
    }),
  }));
  const results = await reader.readMany(requests);
  const lookup: RecipientLookup = { users: new Map(), unresolved: [], failures: [] };
  addresses.forEach((address, index) => {
    const result = results.get(String(index));
    if (result === undefined || !result.ok) {
      const reason =
        result === undefined ? 'not read' : describeFailure(result.failure, 'user lookup');
      lookup.failures.push(`recipient ${address}: ${reason}`);
      return;
    }
    const users = (result.value as { value?: Graph.User[] }).value ?? [];
    if (users.length === 1 && users[0].id) lookup.users.set(address, reportUser(users[0]));
    else lookup.unresolved.push(address);
  });
  return lookup;
}

function reportUser(user: Graph.User): ReportUser {
  return {
    id: user.id ?? '',
    userPrincipalName: user.userPrincipalName ?? '',
    displayName: user.displayName ?? user.userPrincipalName ?? '',
  };
}
