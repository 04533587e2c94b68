/**
 * Inbox rules that hide mail from the user or send it out of the tenant. Graph keeps no time
 * for a rule, so each finding carries the end of the window and `timeKnown: false`.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { Severity } from '../../domain';
import type { InvestigationData } from '../data';
import { userTarget } from './actions';
import { isOutsideAddress, tenantDomains } from './addresses';
import type { Check, FindingDraft } from './types';
import { distinct, rows, text } from './values';

/**
 * Names made only of spaces, punctuation, math symbols or invisible format characters,
 * such as ".", ".." or " ". Letters in any script and emoji are real names.
 */
const MEANINGLESS_NAME = /^[\p{P}\p{Z}\p{Cf}\p{Sm}\p{Sk}\s]*$/u;

export const inboxRuleCheck: Check = {
  section: 'inbox rules',
  needs: ['inboxRules'],
  run(data) {
    const domains = tenantDomains(data);
    return rows(data.inboxRules, 'inboxRules').flatMap((rule) => ruleFindings(data, domains, rule));
  },
};

function recipients(list: Graph.NullableOption<Graph.Recipient[]> | undefined): string[] {
  return distinct((list ?? []).map((recipient) => recipient?.emailAddress?.address));
}

/** Returns why the rule is suspicious, strongest reason first, and no reasons when it is not. */
export function ruleReasons(
  rule: Graph.MessageRule,
  domains: string[],
): { reasons: string[]; severity: Severity; outside: string[] } {
  const actions = rule.actions ?? {};
  const forwarded = [
    ...recipients(actions.forwardTo),
    ...recipients(actions.forwardAsAttachmentTo),
    ...recipients(actions.redirectTo),
  ];
  const outside = distinct(forwarded.filter((address) => isOutsideAddress(address, domains)));
  const high: string[] = [];
  const medium: string[] = [];
  if (outside.length > 0) high.push('forwards mail outside the tenant');
  if (actions.delete === true || actions.permanentDelete === true) high.push('deletes mail');
  if (MEANINGLESS_NAME.test(rule.displayName ?? ''))
    high.push('has a name of punctuation or spaces only');
  if (actions.markAsRead === true && text(actions.moveToFolder) !== null) {
    medium.push('marks mail read and moves it to another folder');
  }
  return { reasons: [...high, ...medium], severity: high.length > 0 ? 'high' : 'medium', outside };
}

function ruleFindings(
  data: InvestigationData,
  domains: string[],
  rule: Graph.MessageRule,
): FindingDraft[] {
  const { reasons, severity, outside } = ruleReasons(rule, domains);
  if (reasons.length === 0) return [];
  const actions = rule.actions ?? {};
  const conditions = rule.conditions ?? {};
  const name = rule.displayName ?? '';
  const ruleId = text(rule.id);
  return [
    {
      kind: 'inbox-rule.suspicious',
      severity,
      // Names like "." are the finding, so the title quotes the name exactly as Graph has it.
      title: `Inbox rule "${name}" ${reasons[0]}`,
      at: data.window.until.toISOString(),
      attack: outside.length > 0 ? 'T1114.003' : 'T1564.008',
      evidence: {
        ruleId,
        ruleName: name,
        enabled: rule.isEnabled ?? null,
        reasons,
        outsideRecipients: outside,
        forwardTo: recipients(actions.forwardTo),
        forwardAsAttachmentTo: recipients(actions.forwardAsAttachmentTo),
        redirectTo: recipients(actions.redirectTo),
        delete: actions.delete ?? null,
        permanentDelete: actions.permanentDelete ?? null,
        markAsRead: actions.markAsRead ?? null,
        moveToFolder: text(actions.moveToFolder),
        subjectContains: distinct(conditions.subjectContains ?? []),
        bodyOrSubjectContains: distinct(conditions.bodyOrSubjectContains ?? []),
        fromAddresses: recipients(conditions.fromAddresses),
        timeKnown: false,
      },
      actions:
        ruleId === null
          ? []
          : [
              {
                kind: 'delete-inbox-rule',
                target: {
                  type: 'messageRule',
                  id: ruleId,
                  displayName: name,
                  parent: userTarget(data.user),
                },
                label: `Delete inbox rule "${name}"`,
              },
            ],
    },
  ];
}
