/**
 * A burst of sent mail: an attacker in a mailbox sends phishing to the user's contacts. The
 * window is compared with the baseline's rate over the same length of time.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { InvestigationData } from '../data';
import { userActions } from './actions';
import { isOutsideAddress, tenantDomains } from './addresses';
import type { Check } from './types';
import { distinct, folded, rows, text } from './values';
import { earliest, isInBaseline, isInWindow, latest } from './window';

/** A window must exceed this many messages, or outside recipients, before it can fire. */
export const BURST_MINIMUM = 20;
/** The window must also exceed this multiple of the baseline's count over the same time span. */
export const BURST_FACTOR = 5;

export const sentMailCheck: Check = {
  section: 'sent mail',
  needs: ['sentMessages'],
  run(data) {
    const messages = rows(data.sentMessages, 'sentMessages');
    const inWindow = messages.filter((message) => isInWindow(message.sentDateTime, data.window));
    const baseline = messages.filter((message) => isInBaseline(message.sentDateTime, data.window));
    const domains = tenantDomains(data);
    const windowOutside = outsideRecipients(inWindow, domains);
    const baselineOutside = outsideRecipients(baseline, domains);
    const scale = baselineScale(data);
    const expectedCount = baseline.length * scale;
    const expectedOutside = baselineOutside.length * scale;
    const isBurst = (value: number, expected: number): boolean =>
      value > BURST_MINIMUM && value > BURST_FACTOR * expected;
    if (
      !isBurst(inWindow.length, expectedCount) &&
      !isBurst(windowOutside.length, expectedOutside)
    ) {
      return [];
    }
    // When outside recipients make the burst, its start and subjects come from the messages that
    // went outside, so ordinary internal mail earlier in the window does not set the time.
    const outsideBurst = isBurst(windowOutside.length, expectedOutside);
    const outsideMessages = inWindow.filter(
      (message) => outsideRecipients([message], domains).length > 0,
    );
    const burst = outsideBurst && outsideMessages.length > 0 ? outsideMessages : inWindow;
    const times = burst.map((message) => message.sentDateTime);
    return [
      {
        kind: 'mail.sent-burst',
        severity: 'high',
        title: `${inWindow.length} messages sent to ${windowOutside.length} outside recipients`,
        at: earliest(times) ?? data.window.until.toISOString(),
        attack: 'T1534',
        evidence: {
          sentCount: inWindow.length,
          outsideMessageCount: outsideMessages.length,
          outsideRecipientCount: windowOutside.length,
          baselineCount: baseline.length,
          baselineOutsideRecipientCount: baselineOutside.length,
          expectedCount: round(expectedCount),
          expectedOutsideRecipientCount: round(expectedOutside),
          firstSent: earliest(times),
          lastSent: latest(times),
          topSubjects: topSubjects(burst, 3),
          outsideDomains: distinct(windowOutside.map((address) => address.split('@').pop())).slice(
            0,
            10,
          ),
        },
        actions: userActions(data.user, ['revoke-sessions']),
      },
    ];
  },
};

/** Returns the distinct outside addresses among to, cc and bcc, lower case. */
function outsideRecipients(messages: Graph.Message[], domains: string[]): string[] {
  const addresses = messages.flatMap((message) =>
    [
      ...(message.toRecipients ?? []),
      ...(message.ccRecipients ?? []),
      ...(message.bccRecipients ?? []),
    ].map((recipient) => folded(recipient?.emailAddress?.address)),
  );
  return distinct(addresses.filter((address) => isOutsideAddress(address, domains)));
}

// The window's length over the baseline's, to turn the baseline count into an expected count.
function baselineScale(data: InvestigationData): number {
  const { since, until, baselineStart } = data.window;
  const baselineMs = since.getTime() - baselineStart.getTime();
  if (baselineMs <= 0) return 0;
  return (until.getTime() - since.getTime()) / baselineMs;
}

function topSubjects(messages: Graph.Message[], count: number): string[] {
  const tally = new Map<string, number>();
  for (const message of messages) {
    const subject = text(message.subject) ?? '(no subject)';
    tally.set(subject, (tally.get(subject) ?? 0) + 1);
  }
  return [...tally]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([subject]) => subject);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
