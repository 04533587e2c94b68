import assert from 'node:assert/strict';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { inboxRuleCheck } from '../../../services/investigation/checks/inboxRules';
import { investigationData, ok } from './graphFixtures';

const RSS_FOLDER = 'AAMkAGI2TG93AAA=';

function rule(fields: Partial<Graph.MessageRule>): Graph.MessageRule {
  return {
    id: 'AQAAAJ5dZqA=',
    displayName: 'Newsletters',
    sequence: 1,
    isEnabled: true,
    hasError: false,
    isReadOnly: false,
    conditions: { senderContains: ['news@'] },
    actions: { moveToFolder: 'AAMkAGNld3M=', stopProcessingRules: true },
    ...fields,
  };
}

function address(value: string): Graph.Recipient {
  return { emailAddress: { name: value, address: value } };
}

function run(...rules: Graph.MessageRule[]) {
  return inboxRuleCheck.run(investigationData({ inboxRules: ok(rules) }));
}

describe('inbox rule check', () => {
  it('forwarding outside the tenant is high', () => {
    const [finding] = run(
      rule({
        id: 'rule-fwd',
        displayName: 'Sync',
        actions: { forwardTo: [address('drop@mailbox.example')] },
      }),
    );
    assert.equal(finding.kind, 'inbox-rule.suspicious');
    assert.equal(finding.severity, 'high');
    assert.equal(finding.attack, 'T1114.003');
    assert.deepEqual(finding.evidence.outsideRecipients, ['drop@mailbox.example']);
    assert.equal(finding.evidence.timeKnown, false);
    assert.equal(finding.at, '2026-12-03T12:00:00.000Z');
    assert.equal(finding.actions[0].kind, 'delete-inbox-rule');
    assert.equal(finding.actions[0].target.id, 'rule-fwd');
  });

  it('redirect and attachment forwarding count as forwarding', () => {
    const findings = run(
      rule({ id: 'a', actions: { redirectTo: [address('x@evil.example')] } }),
      rule({ id: 'b', actions: { forwardAsAttachmentTo: [address('y@evil.example')] } }),
    );
    assert.equal(findings.length, 2);
    assert.ok(findings.every((finding) => finding.severity === 'high'));
  });

  it('forwarding to a tenant subdomain stays quiet', () => {
    assert.deepEqual(run(rule({ actions: { forwardTo: [address('team@eu.contoso.com')] } })), []);
  });

  it('domain comparison ignores case', () => {
    assert.deepEqual(run(rule({ actions: { forwardTo: [address('Team@CONTOSO.COM')] } })), []);
  });

  it('deleting rule is high', () => {
    const [finding] = run(rule({ actions: { delete: true } }));
    assert.equal(finding.severity, 'high');
    assert.equal(finding.attack, 'T1564.008');
  });

  it('permanent delete is high', () => {
    const [finding] = run(rule({ actions: { permanentDelete: true } }));
    assert.equal(finding.severity, 'high');
  });

  it('rule named with punctuation that marks read and moves is high', () => {
    for (const name of ['.', '..', ' ', '', '\u200f.']) {
      const [finding] = run(
        rule({
          displayName: name,
          conditions: { bodyOrSubjectContains: ['document', 'phish', 'hacked'] },
          actions: { markAsRead: true, moveToFolder: RSS_FOLDER },
        }),
      );
      assert.equal(finding.severity, 'high', JSON.stringify(name));
      assert.equal(finding.evidence.ruleName, name);
    }
  });

  it('copied name that marks read and moves is medium', () => {
    const [finding] = run(
      rule({ displayName: 'Newsletters', actions: { markAsRead: true, moveToFolder: RSS_FOLDER } }),
    );
    assert.equal(finding.severity, 'medium');
    assert.deepEqual(finding.evidence.reasons, ['marks mail read and moves it to another folder']);
  });

  it('disabled rule still fires', () => {
    const [finding] = run(rule({ isEnabled: false, actions: { delete: true } }));
    assert.equal(finding.evidence.enabled, false);
  });

  it('names with quotes, emoji and right-to-left text stay verbatim', () => {
    const name = 'Rob\'s "urgent" 🚀 \u05d3\u05d5\u05d0\u05e8';
    const [finding] = run(rule({ displayName: name, actions: { delete: true } }));
    assert.equal(finding.evidence.ruleName, name);
    assert.equal(finding.actions[0].target.displayName, name);
  });

  it('emoji-only or letter names are not punctuation', () => {
    assert.deepEqual(run(rule({ displayName: '🚀', actions: {} })), []);
    assert.deepEqual(run(rule({ displayName: '\u05d3\u05d5\u05d0\u05e8', actions: {} })), []);
  });

  it('newsletter rule that moves without marking read stays quiet', () => {
    assert.deepEqual(run(rule({})), []);
  });

  it('rule with null actions and conditions does not throw', () => {
    assert.deepEqual(run(rule({ displayName: 'Plain', actions: null, conditions: null })), []);
  });
});
