import assert from 'node:assert/strict';
import { CARD_BYTE_LIMIT, validateCard } from '../../cards/validate';

function card(body: object[], actions: object[] = []): Record<string, unknown> {
  return { type: 'AdaptiveCard', version: '1.5', body, actions };
}

const text = (value: string): object => ({ type: 'TextBlock', text: value, wrap: true });
const execute = (verb?: string): object => ({
  type: 'Action.Execute',
  title: 'Go',
  verb,
  data: {},
});

describe('validateCard', () => {
  it('valid card has no errors', () => {
    assert.deepEqual(validateCard(card([text('Hello')], [execute('firebreak.help')])), []);
  });

  it('Action.Execute without verb is an error', () => {
    const errors = validateCard(card([text('Hello')], [execute()]));

    assert.deepEqual(errors, [
      'card.actions[0]: Action.Execute has no verb, so Teams never sends it to the bot',
    ]);
  });

  it('Action.Execute without verb inside ShowCard is an error', () => {
    const nested = {
      type: 'Action.ShowCard',
      title: 'More',
      card: { type: 'AdaptiveCard', body: [{ type: 'ActionSet', actions: [execute('')] }] },
    };
    const errors = validateCard(card([text('Hello')], [nested]));

    assert.equal(errors.length, 1);
    assert.match(
      errors[0],
      /card\.actions\[0\]\.card\.body\[0\]\.actions\[0\]: Action\.Execute has no verb/,
    );
  });

  it('TextBlock without wrap is an error', () => {
    const errors = validateCard(card([{ type: 'TextBlock', text: 'Hello' }]));

    assert.deepEqual(errors, [
      'card.body[0]: TextBlock lacks "wrap": true, so it is cut off at phone width',
    ]);
  });

  it('ColumnSet with three columns is an error', () => {
    const column = { type: 'Column', items: [text('a')] };
    const errors = validateCard(card([{ type: 'ColumnSet', columns: [column, column, column] }]));

    assert.deepEqual(errors, ['card.body[0]: ColumnSet has 3 columns; use at most 2 or a FactSet']);
  });

  it('unexpanded template expression is an error', () => {
    const errors = validateCard(card([text('City: ${location.city}')]));

    assert.deepEqual(errors, [
      'card.body[0].text: unexpanded template expression in "City: ${location.city}"',
    ]);
  });

  it('seven card actions is an error', () => {
    const actions = Array.from({ length: 7 }, () => execute('firebreak.request'));
    const errors = validateCard(card([text('Hello')], actions));

    assert.ok(errors.includes('card: 7 actions; move those after 6 away'), errors.join('\n'));
  });

  it('required input is an error', () => {
    const input = {
      type: 'Input.Text',
      id: 'reason',
      label: 'Reason',
      isRequired: true,
      errorMessage: 'Required',
    };
    const errors = validateCard(card([input]));

    assert.deepEqual(errors, [
      'card.body[0]: Input.Text is required, but Teams for iOS ignores associatedInputs',
    ]);
  });

  it('unknown element type is an error', () => {
    const errors = validateCard(card([{ type: 'Carousel3D', pages: [] }]));

    assert.equal(errors.length, 1);
    assert.match(errors[0], /^adaptivecards parse: Unknown element type "Carousel3D"/);
  });

  it('version other than 1.5 is an error', () => {
    const errors = validateCard({ ...card([text('Hello')]), version: '1.2' });

    assert.deepEqual(errors, ['card.version: "1.2", expected "1.5" for Action.Execute']);
  });

  it('card over the byte limit is an error', () => {
    const blocks = Array.from({ length: 300 }, () => text('x'.repeat(100)));
    const errors = validateCard(card(blocks));

    assert.equal(errors.length, 1);
    assert.match(errors[0], new RegExp(`over the ${CARD_BYTE_LIMIT}-byte limit`));
  });

  it('refresh for 61 users is an error', () => {
    const refresh = {
      action: { type: 'Action.Execute', verb: 'firebreak.refresh' },
      userIds: Array.from({ length: 61 }, (_, i) => `u${i}`),
    };
    const errors = validateCard({ ...card([text('Hello')]), refresh });

    assert.deepEqual(errors, ['card.refresh.userIds: 61 users, Teams refreshes at most 60']);
  });

  it('non-card object is an error', () => {
    assert.deepEqual(validateCard({ type: 'Message' }), [
      'card: expected an object with "type": "AdaptiveCard"',
    ]);
  });
});
