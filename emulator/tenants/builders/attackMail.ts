/**
 * The attacker's mail burst from Alex's mailbox: 60 "Shared document" messages between 10:27
 * and 11:48 UTC on 2 December, to 45 outside recipients and three colleagues.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import { buildSentMessage, type MessageRecord, personRecipient, recipient } from './mail';
import { ALEX, LENA, OMAR, PRIYA } from './people';
import type { Random } from './random';
import { addMinutes } from './signIns';

export const BURST_START = '2026-12-02T10:27:05Z';
export const BURST_MESSAGES = 60;
export const BURST_OUTSIDE_RECIPIENTS = 45;
/** Colleagues who received the phish from Alex's mailbox. */
export const INTERNAL_TARGETS = [PRIYA, OMAR, LENA];

const FIRST_NAMES = ['jamie', 'chris', 'maria', 'tom', 'ana', 'li', 'noah', 'fatima', 'ben'];
// Reserved `.example` names, so no address in the demo can reach a real mailbox.
const DOMAINS = [
  'northwind.example',
  'adatum.example',
  'litware.example',
  'tailspin.example',
  'wingtip.example',
];

export const SUBJECT = 'Shared document: Q4 Remittance Advice.pdf';

/** Returns the 45 distinct outside addresses, in a fixed order. */
export function outsideAddresses(): string[] {
  const addresses: string[] = [];
  for (const domain of DOMAINS) {
    for (const name of FIRST_NAMES) addresses.push(`${name}@${domain}`);
  }
  return addresses.slice(0, BURST_OUTSIDE_RECIPIENTS);
}

export function burstMail(random: Random, sentItems: string): MessageRecord[] {
  const outside = outsideAddresses().map((address) => recipient(address.split('@')[0], address));
  const batches: Graph.Recipient[][] = [
    ...outside.map((to) => [to]),
    ...INTERNAL_TARGETS.map((person) => [personRecipient(person)]),
  ];
  // The rest are second attempts to outside recipients who had not opened the link.
  while (batches.length < BURST_MESSAGES) batches.push([random.pick(outside)]);

  const text =
    'Alex Doe shared a document with you. Q4 Remittance Advice.pdf. Open: ' +
    'https://docs-share.example/view/7f3c2a. This link expires in 24 hours.';
  return batches.map((to, index) =>
    buildSentMessage(random, {
      from: ALEX,
      at: addMinutes(BURST_START, index * 1.35, random.int(0, 20)),
      to,
      subject: index >= outside.length + INTERNAL_TARGETS.length ? `RE: ${SUBJECT}` : SUBJECT,
      text,
      sentItems,
    }),
  );
}
