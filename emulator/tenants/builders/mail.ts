/** Builds mailbox objects as Outlook's API returns them: sent mail, inbox rules, folders. */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { Person } from './people';
import type { Random } from './random';
import { addMinutes } from './signIns';

export type MessageRecord = Graph.Message & {
  '@odata.etag'?: string;
  id: string;
  sentDateTime: string;
};
export type MessageRuleRecord = Graph.MessageRule & { id: string };
export type MailFolderRecord = Graph.MailFolder & { id: string };

/** Folder ids of one mailbox, stable per user so inbox rules can point at them. */
export interface Folders {
  inbox: string;
  sentItems: string;
  rss: string;
  newsletters: string;
  conversationHistory: string;
  deletedItems: string;
}

export function foldersOf(random: Random): Folders {
  const folderId = (): string => `AAMkADc2YmNhNDE2LTkwNTAALgAAAAAA${random.base64(24)}`;
  return {
    inbox: folderId(),
    sentItems: folderId(),
    rss: folderId(),
    newsletters: folderId(),
    conversationHistory: folderId(),
    deletedItems: folderId(),
  };
}

export function folderList(folders: Folders, inboxChildren: number): MailFolderRecord[] {
  const root = 'AAMkADc2YmNhNDE2LTkwNTAALgAAAAAAroot';
  const folder = (
    id: string,
    displayName: string,
    parentFolderId: string,
    childFolderCount = 0,
  ): MailFolderRecord => ({
    id,
    displayName,
    parentFolderId,
    childFolderCount,
    unreadItemCount: 0,
    totalItemCount: 0,
    isHidden: false,
  });
  return [
    folder(folders.conversationHistory, 'Conversation History', root),
    folder(folders.deletedItems, 'Deleted Items', root),
    folder(folders.inbox, 'Inbox', root, inboxChildren),
    folder(folders.newsletters, 'Newsletters', folders.inbox),
    folder(folders.rss, 'RSS Subscriptions', root),
    folder(folders.sentItems, 'Sent Items', root),
  ];
}

export function recipient(name: string, address: string): Graph.Recipient {
  return { emailAddress: { name, address } };
}

export function personRecipient(person: Person): Graph.Recipient {
  return recipient(person.displayName, person.mail);
}

export interface SentSpec {
  from: Person;
  at: string;
  to: Graph.Recipient[];
  cc?: Graph.Recipient[];
  bcc?: Graph.Recipient[];
  subject: string;
  text: string;
  sentItems: string;
}

const OWA_READ = 'https://outlook.office365.com/owa/?ItemID=';
const OWA_VIEW = '&exvsurl=1&viewmodel=ReadMessageItem';
const OUTLOOK_HOST = 'namprd11.prod.outlook.com';

export function buildSentMessage(random: Random, spec: SentSpec): MessageRecord {
  const server = (): string => `SA1PR11MB${random.int(1000, 9999)}`;
  const created = addMinutes(spec.at, 0, -random.int(20, 600));
  const sender = personRecipient(spec.from);
  return {
    '@odata.etag': `W/"CQAAABYAAAD${random.base64(12)}"`,
    id: `AAMkADc2YmNhNDE2LTkwNTAARgAAAAAA${random.base64(33)}`,
    createdDateTime: created,
    lastModifiedDateTime: spec.at,
    changeKey: `CQAAABYAAAD${random.base64(12)}`,
    categories: [],
    receivedDateTime: spec.at,
    sentDateTime: spec.at,
    hasAttachments: false,
    internetMessageId: `<${server()}${random.hex(12).toUpperCase()}@${server()}.${OUTLOOK_HOST}>`,
    subject: spec.subject,
    bodyPreview: spec.text.slice(0, 255),
    importance: 'normal',
    parentFolderId: spec.sentItems,
    conversationId: `AAQkADc2YmNhNDE2LTkwNTAAEAA${random.base64(12)}`,
    isDeliveryReceiptRequested: false,
    isReadReceiptRequested: false,
    isRead: true,
    isDraft: false,
    webLink: `${OWA_READ}${encodeURIComponent(random.base64(33))}${OWA_VIEW}`,
    inferenceClassification: 'focused',
    body: { contentType: 'html', content: `<html><body><p>${spec.text}</p></body></html>` },
    sender,
    from: sender,
    toRecipients: spec.to,
    ccRecipients: spec.cc ?? [],
    bccRecipients: spec.bcc ?? [],
    replyTo: [],
    flag: { flagStatus: 'notFlagged' },
  };
}

/** A rule id as Exchange returns it: base64 of a short binary key. */
export function ruleId(random: Random): string {
  return `AQAAA${random.base64(5).replace(/=+$/, '')}=`;
}

export function buildRule(
  id: string,
  displayName: string,
  sequence: number,
  conditions: Graph.MessageRulePredicates,
  actions: Graph.MessageRuleActions,
): MessageRuleRecord {
  return {
    id,
    displayName,
    sequence,
    isEnabled: true,
    hasError: false,
    isReadOnly: false,
    conditions,
    actions,
  };
}
