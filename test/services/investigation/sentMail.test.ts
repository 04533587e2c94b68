import assert from 'node:assert/strict';
import type * as Graph from '@microsoft/microsoft-graph-types';
import { sentMailCheck } from '../../../services/investigation/checks/sentMail';
import { inBaseline, inWindow, investigationData, ok } from './graphFixtures';

let count = 0;
function sent(sentDateTime: string, to: string[], subject = 'Weekly status'): Graph.Message {
  count += 1;
  return {
    id: `AAMkAD${count}`,
    subject,
    sentDateTime,
    toRecipients: to.map((address) => ({ emailAddress: { name: address, address } })),
    ccRecipients: [],
    bccRecipients: [],
  };
}

/** Ordinary mail: three internal messages a day over the 14-day baseline. */
const ordinary = Array.from({ length: 42 }, (_, index) =>
  sent(inBaseline(index / 3 + 0.1), ['morgan.lee@contoso.com']),
);

function run(messages: Graph.Message[]) {
  return sentMailCheck.run(investigationData({ sentMessages: ok(messages) }));
}

describe('sent mail check', () => {
  it('phishing burst to outside recipients fires', () => {
    const burst = Array.from({ length: 60 }, (_, index) =>
      sent(
        inWindow(2 + index / 60),
        [`victim${index % 45}@partner${index % 9}.example`],
        'Shared document',
      ),
    );
    const [finding] = run([...ordinary, ...burst]);
    assert.equal(finding.kind, 'mail.sent-burst');
    assert.equal(finding.severity, 'high');
    assert.equal(finding.attack, 'T1534');
    assert.equal(finding.evidence.sentCount, 60);
    assert.equal(finding.evidence.outsideRecipientCount, 45);
    assert.equal(finding.evidence.baselineCount, 42);
    assert.deepEqual(finding.evidence.topSubjects, ['Shared document']);
    assert.equal(finding.at, inWindow(2));
    assert.deepEqual(
      finding.actions.map((action) => action.kind),
      ['revoke-sessions'],
    );
  });

  it('ordinary volume stays quiet', () => {
    const today = [1, 5, 9].map((hour) => sent(inWindow(hour), ['morgan.lee@contoso.com']));
    assert.deepEqual(run([...ordinary, ...today]), []);
  });

  it('21 internal messages from a heavy sender stay quiet', () => {
    // 30 a day in the baseline makes 21 in the window ordinary.
    const heavy = Array.from({ length: 420 }, (_, index) =>
      sent(inBaseline(index / 30 + 0.01), ['team@contoso.com']),
    );
    const today = Array.from({ length: 21 }, (_, index) =>
      sent(inWindow(index / 2), ['team@contoso.com']),
    );
    assert.deepEqual(run([...heavy, ...today]), []);
  });

  it('outside recipients alone can fire', () => {
    const many = [
      sent(
        inWindow(1),
        Array.from({ length: 25 }, (_, index) => `p${index}@outside.example`),
      ),
    ];
    const [finding] = run([...ordinary, ...many]);
    assert.equal(finding.evidence.sentCount, 1);
    assert.equal(finding.evidence.outsideRecipientCount, 25);
  });

  it('messages without recipients or subject do not throw', () => {
    const bare: Graph.Message = {
      id: 'x',
      sentDateTime: inWindow(1),
      toRecipients: null,
      subject: null,
    };
    assert.deepEqual(run([bare]), []);
  });
});
