import assert from 'node:assert/strict';
import type { Finding, Report } from '../../services/domain';
import { buildReportCard } from '../../cards/reportCard';
import { validateCard } from '../../cards/validate';
import { findByType, makeFinding, makeRemediation, makeReport, makeRequest } from './fixtures';
import { renderedText, requestActionIds, visibleTexts } from './helpers';

function headings(card: object): string[] {
  return findByType(card, 'TextBlock')
    .filter((block) => block.size === 'Medium')
    .map((block) => String(block.text));
}

describe('buildReportCard', () => {
  it('ordinary report validates', () => {
    const card = buildReportCard(makeReport(), { reportId: 'rep-1' });

    assert.deepEqual(validateCard(card), []);
    assert.equal(card.version, '1.5');
    assert.deepEqual(card.msteams, { width: 'Full' });
  });

  it('header shows user, UPN and UTC window', () => {
    const text = renderedText(buildReportCard(makeReport()));

    assert.match(text, /^Alex Doe$/m);
    assert.match(text, /^alex\.doe@contoso\.com$/m);
    assert.match(text, /2026-03-01 00:00 UTC to 2026-03-02 12:00 UTC/);
  });

  it('verdict uses attention colour with high findings', () => {
    const card = buildReportCard(makeReport());
    const verdict = findByType(card, 'TextBlock').find((b) =>
      String(b.text).startsWith('Compromise'),
    );

    assert.equal(verdict?.color, 'attention');
  });

  it('verdict uses default colour without high findings', () => {
    const report = makeReport({ findings: [makeFinding(1)], verdict: 'Some activity' });
    const verdict = findByType(buildReportCard(report), 'TextBlock').find(
      (block) => block.text === 'Some activity',
    );

    assert.equal(verdict?.color, 'default');
  });

  it('unavailable sections show reason and request id', () => {
    const report = makeReport({
      sections: [
        {
          name: 'Sign-ins',
          status: 'unavailable',
          reason: 'Graph returned 403',
          requestId: 'req-9',
        },
        { name: 'Inbox rules', status: 'unavailable' },
        { name: 'Mailbox forwarding', status: 'not-covered' },
        { name: 'Transport rules', status: 'not-covered' },
      ],
    });
    const card = buildReportCard(report);
    const warning = findByType(card, 'Container').find((c) => c.style === 'warning');
    const text = renderedText(card);

    assert.ok(warning, 'warning container is missing');
    assert.match(text, /2 sections could not be read, so this report is incomplete/);
    assert.match(text, /Sign-ins: Graph returned 403 \(Graph request id req-9\)/);
    assert.match(text, /Inbox rules: no reason was recorded/);
    assert.match(text, /Not covered by this check: Mailbox forwarding, Transport rules/);
  });

  it('all sections checked shows no warning', () => {
    const card = buildReportCard(makeReport());

    assert.equal(findByType(card, 'Container').filter((c) => c.style === 'warning').length, 0);
  });

  it('findings are grouped high, medium, low, info', () => {
    const findings = [3, 2, 1, 0].map((index) => makeFinding(index));
    const card = buildReportCard(makeReport({ findings }));

    assert.deepEqual(
      headings(card).map((heading) => heading.split(':')[0]),
      ['High', 'Medium', 'Low', 'Info'],
    );
  });

  it('finding shows title, time and ATT&CK id', () => {
    const text = renderedText(buildReportCard(makeReport()));

    assert.match(text, /Sign-in from an unfamiliar country 0/);
    assert.match(text, /2026-03-02 09:00 UTC · ATT&CK T1078\.004/);
  });

  it('evidence is a FactSet with arrays joined', () => {
    const finding = makeFinding(0, {
      evidence: { scopes: ['Mail.Read', 'offline_access'], timeKnown: false, count: 3 },
    });
    const facts = findByType(buildReportCard(makeReport({ findings: [finding] })), 'FactSet')[0]
      .facts as { title: string; value: string }[];

    assert.deepEqual(facts[0], { title: 'scopes', value: 'Mail\\.Read, offline\\_access' });
    assert.deepEqual(facts[1], { title: 'timeKnown', value: 'no' });
    assert.deepEqual(facts[2], { title: 'count', value: '3' });
  });

  it('evidence over 200 characters is cut', () => {
    const long = 'a'.repeat(500);
    const finding = makeFinding(0, { evidence: { subject: long, ip: '2001:db8::1' } });
    const card = buildReportCard(makeReport({ findings: [finding] }));
    const facts = findByType(card, 'FactSet')[0].facts as { title: string; value: string }[];

    assert.equal(facts[0].value, `${'a'.repeat(199)}…`);
    assert.equal(facts[1].value, '2001:db8::1');
  });

  it('empty and null evidence has visible fallbacks', () => {
    const finding = makeFinding(0, {
      evidence: { city: null, countryOrRegion: '', ruleName: ' ', recipients: [] },
    });
    const card = buildReportCard(makeReport({ findings: [finding] }));
    const facts = findByType(card, 'FactSet')[0].facts as { title: string; value: string }[];

    assert.deepEqual(
      facts.map((fact) => fact.value),
      ['none', '\\(empty\\)', '\\(1 whitespace character\\)', 'none'],
    );
  });

  it('request button carries only the action id', () => {
    const card = buildReportCard(makeReport());
    const requests = findByType(card, 'Action.Execute').filter(
      (action) => action.verb === 'firebreak.request',
    );

    assert.equal(requests.length, 1);
    assert.deepEqual(requests[0].data, { actionId: 'rem-0000' });
    assert.deepEqual(card.actions ?? [], []);
  });

  it('twelve remediations: five rows and More actions', () => {
    const actions = Array.from({ length: 12 }, (_, index) => makeRemediation(index));
    const card = buildReportCard(makeReport({ actions }));
    const top = card.actions as Record<string, unknown>[];

    assert.equal(top.length, 1);
    assert.equal(top[0].type, 'Action.ShowCard');
    assert.equal(top[0].title, 'More actions');
    assert.equal(requestActionIds({ body: card.body }).length, 5);
    assert.deepEqual(requestActionIds(card).sort(), actions.map((action) => action.id).sort());
    assert.deepEqual(validateCard(card), []);
  });

  it('six remediations all fit as rows', () => {
    const actions = Array.from({ length: 6 }, (_, index) => makeRemediation(index));
    const card = buildReportCard(makeReport({ actions }));

    assert.deepEqual(card.actions ?? [], []);
    assert.equal(requestActionIds(card).length, 6);
  });

  it('rows name targets, buttons stay short', () => {
    const actions = [0, 1].map((index) => makeRemediation(index));
    const card = buildReportCard(makeReport({ actions }));
    const titles = findByType(card, 'Action.Execute')
      .filter((action) => action.verb === 'firebreak.request')
      .map((action) => action.title);

    assert.deepEqual(titles, ['Delete rule', 'Delete rule']);
    assert.match(renderedText(card), /Delete inbox rule: Rule 0/);
    assert.match(renderedText(card), /Delete inbox rule: Rule 1/);
  });

  it('pending request replaces its button', () => {
    const report = makeReport({ actions: [makeRemediation(0), makeRemediation(1)] });
    const request = makeRequest({ actionId: 'rem-0000' });
    const card = buildReportCard(report, { reportId: 'r', actionStates: { 'rem-0000': request } });

    assert.deepEqual(requestActionIds(card), ['rem-0001']);
    assert.match(renderedText(card), /Waiting for approval, requested by Sam Responder/);
  });

  it('finished and rejected requests show their outcome', () => {
    const report = makeReport({ actions: [makeRemediation(0), makeRemediation(1)] });
    const done = makeRequest({
      status: 'succeeded',
      result: 'Rule deleted',
      verified: true,
      decidedBy: { aadObjectId: 'aad-kim', name: 'Kim Lead' },
    });
    const rejected = makeRequest({
      status: 'rejected',
      rejectReason: 'Rule is legitimate',
      decidedBy: { aadObjectId: 'aad-kim', name: 'Kim Lead' },
    });
    const card = buildReportCard(report, {
      reportId: 'r',
      actionStates: { 'rem-0000': done, 'rem-0001': rejected },
    });
    const text = renderedText(card);

    assert.deepEqual(requestActionIds(card), []);
    assert.match(text, /Done: Rule deleted \(verified in Graph\)/);
    assert.match(text, /Rejected by Kim Lead: Rule is legitimate/);
  });

  it('attacker names are escaped everywhere', () => {
    const hostile = '[Review urgently](https://example.invalid)';
    const bold = '**Microsoft Security**';
    const report = makeReport({
      user: { id: 'u1', userPrincipalName: 'alex@contoso.com', displayName: bold },
      findings: [makeFinding(0, { title: `App ${hostile} created`, evidence: { appName: bold } })],
      actions: [
        makeRemediation(0, { target: { type: 'application', id: 'a', displayName: hostile } }),
      ],
      sections: [{ name: 'Apps', status: 'unavailable', reason: hostile }],
    });
    const card = buildReportCard(report);

    for (const text of visibleTexts(card)) {
      assert.ok(!text.includes('](http'), `link survives in ${text}`);
      assert.ok(!/(^|[^\\])\*\*/.test(text), `bold survives in ${text}`);
    }
    assert.match(
      renderedText(card),
      /App \[Review urgently\]\(https:\/\/example\.invalid\) created/,
    );
    assert.deepEqual(validateCard(card), []);
  });

  it('missing optional fields never show ${', () => {
    const bare: Finding = {
      kind: 'inbox-rule.suspicious',
      severity: 'medium',
      title: '',
      at: '',
      evidence: {},
      actions: [],
    };
    const report: Report = {
      user: { id: 'u1', userPrincipalName: 'alex@contoso.com', displayName: '' },
      since: '',
      until: 'not-a-date',
      verdict: '',
      findings: [bare],
      actions: [makeRemediation(0, { target: { type: 'messageRule', id: 'r', displayName: '' } })],
      sections: [{ name: 'Sign-ins', status: 'unavailable' }],
      notes: [],
    };
    const card = buildReportCard(report);

    assert.ok(!JSON.stringify(card).includes('${'));
    assert.deepEqual(validateCard(card), []);
  });

  it('notes about the data are shown', () => {
    const report = makeReport({ notes: ['Sign-ins were cut at 10,000 rows'] });

    assert.match(renderedText(buildReportCard(report)), /Sign-ins were cut at 10,000 rows/);
  });

  it('every Action.Execute has a verb', () => {
    const actions = Array.from({ length: 9 }, (_, index) => makeRemediation(index));
    const findings = Array.from({ length: 40 }, (_, index) => makeFinding(index));
    const card = buildReportCard(makeReport({ actions, findings }), { reportId: 'rep-1' });
    const executes = findByType(card, 'Action.Execute');

    assert.ok(executes.length >= 10);
    for (const action of executes) assert.match(String(action.verb), /^firebreak\./);
  });
});

describe('read-only report card', () => {
  it('read-only card has no request buttons', () => {
    const card = buildReportCard(makeReport(), {
      reportId: 'r',
      readOnlyNote: 'Remediation is off.',
    });

    assert.deepEqual(requestActionIds(card), []);
    assert.match(renderedText(card), /Remediation is off\./);
    assert.deepEqual(validateCard(card), []);
  });
});
