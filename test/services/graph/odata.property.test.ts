import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseFilter } from '../../../emulator/odata/filterParser';
import { literal, segment, withQuery } from '../../../services/graph/odata';

/** Strings with the characters that break hand-built queries, plus any Unicode text. */
const awkward = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: fc.constantFrom("'", '"', '&', '#', '%', '+', '=', '?', '/', ' ', ')', '(') }),
  fc.constantFrom("sean.o'neill@contoso.com", "''", "O'Brien 👩🏽‍💻", 'שלום עולם', '‏مرحبا‎'),
);

/** Reads `$filter` back out of a built URL as a server would. */
function filterOf(url: string): string {
  const query = url.slice(url.indexOf('?') + 1);
  const filter = new URLSearchParams(query).get('$filter');
  assert.notEqual(filter, null);
  return filter ?? '';
}

describe('OData builders', () => {
  it('string literal round-trips through $filter', () => {
    fc.assert(
      fc.property(awkward, (value) => {
        const url = withQuery('users', {
          $filter: `userPrincipalName eq ${literal(value)}`,
          $top: 5,
        });
        const node = parseFilter(filterOf(url));
        assert.equal(node.kind, 'compare');
        assert.ok(node.kind === 'compare');
        assert.deepEqual(node.right, { kind: 'literal', type: 'string', value });
      }),
      { numRuns: 500 },
    );
  });

  it('literal inside and keeps the whole expression', () => {
    fc.assert(
      fc.property(awkward, awkward, (left, right) => {
        const filter = `displayName eq ${literal(left)} and mail eq ${literal(right)}`;
        const node = parseFilter(filterOf(withQuery('users', { $filter: filter })));
        assert.equal(node.kind, 'and');
        assert.ok(node.kind === 'and');
        assert.ok(node.left.kind === 'compare');
        assert.ok(node.right.kind === 'compare');
        assert.deepEqual(node.left.right, { kind: 'literal', type: 'string', value: left });
        assert.deepEqual(node.right.right, { kind: 'literal', type: 'string', value: right });
      }),
      { numRuns: 300 },
    );
  });

  it('other query options survive any value', () => {
    fc.assert(
      fc.property(awkward, (value) => {
        const url = withQuery('users', { $filter: `mail eq ${literal(value)}`, $select: 'id' });
        const params = new URLSearchParams(url.slice(url.indexOf('?') + 1));
        assert.deepEqual([...params.keys()], ['$filter', '$select']);
        assert.equal(params.get('$select'), 'id');
      }),
    );
  });

  it('path segment decodes to the same value', () => {
    fc.assert(
      fc.property(awkward, (value) => {
        const encoded = segment(value);
        assert.ok(!/[/?#]/.test(encoded), encoded);
        assert.equal(decodeURIComponent(encoded), value);
      }),
    );
  });

  it('guest UPN keeps #EXT# inside the path', () => {
    const path = `users/${segment('sam_fabrikam.com#EXT#@contoso.onmicrosoft.com')}`;
    assert.equal(path, 'users/sam_fabrikam.com%23EXT%23%40contoso.onmicrosoft.com');
  });

  it('apostrophe is doubled in a literal', () => {
    assert.equal(literal("sean.o'neill@contoso.com"), "'sean.o''neill@contoso.com'");
  });
});
