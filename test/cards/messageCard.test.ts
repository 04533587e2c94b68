import assert from 'node:assert/strict';
import { buildAuditListCard, buildPendingListCard, MAX_LIST_ENTRIES } from '../../cards/listCards';
import {
  HELP_COMMANDS,
  MAX_USER_CHOICES,
  buildChooseUserCard,
  buildErrorCard,
  buildHelpCard,
  buildProgressCard,
  type UserCandidate,
} from '../../cards/messageCard';
import { validateCard } from '../../cards/validate';
import { findByType, makeRequest } from './fixtures';
import { renderedText } from './helpers';

function candidate(index: number, overrides: Partial<UserCandidate> = {}): UserCandidate {
  return {
    userId: `user-${index}`,
    displayName: `Alex ${index}`,
    userPrincipalName: `alex${index}@contoso.com`,
    jobTitle: 'Engineer',
    ...overrides,
  };
}

describe('help card', () => {
  const card = buildHelpCard();

  it('help card validates', () => {
    assert.deepEqual(validateCard(card), []);
  });

  it('help card lists every command with examples', () => {
    const text = renderedText(card);

    for (const command of HELP_COMMANDS) {
      assert.ok(text.includes(command.syntax), `missing ${command.syntax}`);
      for (const example of command.examples) assert.ok(text.includes(example), example);
    }
  });

  it('angle brackets in syntax are escaped', () => {
    assert.ok(JSON.stringify(card).includes('check \\\\<user\\\\> since \\\\<time\\\\>'));
  });
});

describe('error card', () => {
  it('error card shows message and ids', () => {
    const card = buildErrorCard({
      message: 'Graph refused the sign-in logs read. Ask an admin to grant AuditLog.Read.All.',
      correlationId: 'corr-42',
      graphRequestId: '4a1b-77',
    });
    const text = renderedText(card);

    assert.deepEqual(validateCard(card), []);
    assert.match(text, /Ask an admin to grant AuditLog\.Read\.All\./);
    assert.match(text, /Graph request id: 4a1b-77/);
    assert.match(text, /Correlation id: corr-42/);
  });

  it('error card without Graph request id omits it', () => {
    const card = buildErrorCard({ message: 'Unknown command.', correlationId: 'corr-1' });

    assert.doesNotMatch(renderedText(card), /Graph request id/);
    assert.ok(!JSON.stringify(card).includes('${'));
  });
});

describe('progress card', () => {
  it('progress card names user and UTC start', () => {
    const card = buildProgressCard({ upn: 'alex@contoso.com', since: '2026-03-02T08:00:00Z' });

    assert.deepEqual(validateCard(card), []);
    assert.match(renderedText(card), /^Checking alex@contoso\.com since 2026-03-02 08:00 UTC$/m);
  });

  it('progress card says how the time was understood', () => {
    const card = buildProgressCard({
      upn: 'alex@contoso.com',
      since: '2026-06-04T07:00:00Z',
      sinceDescription: '4 June 09:00 Europe/Berlin',
    });

    assert.match(renderedText(card), /Understood "since" as 4 June 09:00 Europe\/Berlin\./);
  });
});

describe('choose user card', () => {
  it('one chooseUser button per candidate', () => {
    const card = buildChooseUserCard('alex', [candidate(1), candidate(2, { jobTitle: null })]);
    const buttons = findByType(card, 'Action.Execute');

    assert.deepEqual(validateCard(card), []);
    assert.deepEqual(
      buttons.map((button) => button.verb),
      ['firebreak.chooseUser', 'firebreak.chooseUser'],
    );
    assert.deepEqual(
      buttons.map((button) => button.data),
      [{ userId: 'user-1' }, { userId: 'user-2' }],
    );
  });

  it('candidate shows name, UPN and job title', () => {
    const text = renderedText(
      buildChooseUserCard('alex', [candidate(1), candidate(2, { jobTitle: null })]),
    );

    assert.match(text, /^Alex 1$/m);
    assert.match(text, /^alex1@contoso\.com$/m);
    assert.match(text, /^Engineer$/m);
    assert.match(text, /^No job title$/m);
  });

  it('too many candidates ask for the UPN', () => {
    const candidates = Array.from({ length: 14 }, (_, index) => candidate(index));
    const card = buildChooseUserCard('alex', candidates);

    assert.equal(findByType(card, 'Action.Execute').length, MAX_USER_CHOICES);
    assert.match(renderedText(card), /and 4 more users; type the user principal name/);
  });

  it('attacker display name is escaped', () => {
    const hostile = candidate(1, { displayName: '[Review urgently](https://example.invalid)' });
    const card = buildChooseUserCard('alex', [hostile]);

    assert.ok(!JSON.stringify(card).includes('](https'));
    assert.match(renderedText(card), /^\[Review urgently\]\(https:\/\/example\.invalid\)$/m);
  });
});

describe('pending list card', () => {
  it('pending list shows each request', () => {
    const card = buildPendingListCard([makeRequest(), makeRequest({ id: 'req-2' })]);
    const text = renderedText(card);

    assert.deepEqual(validateCard(card), []);
    assert.match(text, /2 remediation requests waiting for approval/);
    assert.match(text, /Disable account: Alex Doe/);
    assert.match(text, /Waiting for approval, requested by Sam Responder/);
  });

  it('empty pending list says so', () => {
    const card = buildPendingListCard([]);

    assert.deepEqual(validateCard(card), []);
    assert.match(renderedText(card), /No remediation requests are waiting for approval\./);
  });

  it('long pending list is capped', () => {
    const requests = Array.from({ length: 40 }, (_, index) => makeRequest({ id: `req-${index}` }));
    const card = buildPendingListCard(requests);

    assert.deepEqual(validateCard(card), []);
    assert.equal(findByType(card, 'FactSet').length, MAX_LIST_ENTRIES);
    assert.match(renderedText(card), /and 15 more requests/);
  });
});

describe('audit list card', () => {
  const entries = [
    { at: '2026-03-02T12:05:00Z', actor: 'Sam Responder', event: 'Requested: Disable account' },
    {
      at: '2026-03-02T12:10:00Z',
      actor: 'Kim Lead',
      event: 'Approved: Disable account',
      detail: 'Confirmed by phone',
    },
  ];

  it('audit list is newest first', () => {
    const card = buildAuditListCard('alex@contoso.com', entries);
    const text = renderedText(card);

    assert.deepEqual(validateCard(card), []);
    assert.ok(text.indexOf('Approved') < text.indexOf('Requested'));
    assert.match(text, /2026-03-02 12:10 UTC by Kim Lead/);
    assert.match(text, /Confirmed by phone/);
  });

  it('empty audit list says so', () => {
    const card = buildAuditListCard('alex@contoso.com', []);

    assert.match(renderedText(card), /Firebreak has no audit entries for alex@contoso\.com\./);
  });

  it('missing audit fields never show ${', () => {
    const card = buildAuditListCard('alex@contoso.com', [{ at: '', actor: '', event: '' }]);

    assert.ok(!JSON.stringify(card).includes('${'));
    assert.deepEqual(validateCard(card), []);
  });
});
