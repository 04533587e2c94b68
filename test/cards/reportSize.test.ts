import assert from 'node:assert/strict';
import { MAX_SHOWN_FINDINGS, buildReportCard } from '../../cards/reportCard';
import { CARD_BYTE_LIMIT, cardByteLength, validateCard } from '../../cards/validate';
import type { Finding } from '../../services/domain';
import { findByType, makeFinding, makeRemediation, makeReport } from './fixtures';
import { renderedText, requestActionIds } from './helpers';

const TEAMS_LIMIT_BYTES = 28 * 1024;

function manyFindings(count: number, evidenceChars = 60): Finding[] {
  return Array.from({ length: count }, (_, index) =>
    makeFinding(index, {
      evidence: {
        ip: `198.51.100.${index % 250}`,
        userAgent: `Mozilla/5.0 ${'x'.repeat(evidenceChars)}`,
        recipients: ['a@fabrikam.example', 'b@fabrikam.example'],
        signInId: `0c5f1e4a-0000-4000-8000-${String(index).padStart(12, '0')}`,
      },
    }),
  );
}

describe('report card size', () => {
  const actions = Array.from({ length: 60 }, (_, index) => makeRemediation(index));
  const report = makeReport({ findings: manyFindings(5000), actions });
  const card = buildReportCard(report, { reportId: 'rep-big' });

  it('5,000 findings stay under 28 KB', () => {
    assert.ok(cardByteLength(card) <= CARD_BYTE_LIMIT, `${cardByteLength(card)} bytes`);
    assert.ok(cardByteLength(card) < TEAMS_LIMIT_BYTES);
  });

  it('5,000 findings keep every remediation reachable', () => {
    assert.deepEqual(requestActionIds(card).sort(), actions.map((action) => action.id).sort());
  });

  it('5,000 findings card validates', () => {
    assert.deepEqual(validateCard(card), []);
  });

  it('hidden findings are counted by severity', () => {
    const shown = findByType(card, 'FactSet').length;
    const hiddenHigh = (1250 - shown).toLocaleString('en-US');
    const hidden = (5000 - shown).toLocaleString('en-US');

    assert.ok(shown > 0, 'no findings shown');
    assert.ok(shown <= MAX_SHOWN_FINDINGS, `${shown} findings shown`);
    assert.match(
      renderedText(card),
      new RegExp(
        `and ${hidden} more findings \\(${hiddenHigh} high, 1,250 medium, 1,250 low, 1,250 info\\)`,
      ),
    );
  });

  it('hidden findings offer Show all and the CLI', () => {
    const showAll = findByType(card, 'Action.Execute').find((a) => a.verb === 'firebreak.showAll');

    assert.deepEqual(showAll?.data, { reportId: 'rep-big' });
    assert.match(
      renderedText(card),
      /firebreak check alex\.doe@contoso\.com --since 2026-03-01T00:00:00Z --json/,
    );
  });

  it('most severe findings are the ones shown', () => {
    const groups = findByType(card, 'TextBlock')
      .filter((block) => block.size === 'Medium')
      .map((block) => String(block.text));

    assert.match(groups[0], /^High: \d+ of 1250 shown$/);
  });

  it('no report id means no Show all button', () => {
    const withoutId = buildReportCard(report);

    assert.equal(
      findByType(withoutId, 'Action.Execute').filter((a) => a.verb === 'firebreak.showAll').length,
      0,
    );
    assert.match(renderedText(withoutId), /--json/);
  });

  it('huge evidence values still fit', () => {
    const heavy = makeReport({ findings: manyFindings(300, 5000) });
    const heavyCard = buildReportCard(heavy, { reportId: 'rep-heavy' });

    assert.ok(cardByteLength(heavyCard) <= CARD_BYTE_LIMIT);
    assert.deepEqual(validateCard(heavyCard), []);
  });

  it('many evidence fields are summarised', () => {
    const evidence = Object.fromEntries(
      Array.from({ length: 40 }, (_, index) => [`field${index}`, `value ${index}`]),
    );
    const wide = buildReportCard(makeReport({ findings: [makeFinding(0, { evidence })] }));
    const facts = findByType(wide, 'FactSet')[0].facts as { title: string; value: string }[];

    assert.equal(facts.length, 13);
    assert.equal(facts[12].value, '28 more fields in the JSON export');
  });

  it('hundreds of remediations fall back to a card that fits', () => {
    const flood = Array.from({ length: 400 }, (_, index) => makeRemediation(index));
    const floodCard = buildReportCard(makeReport({ findings: manyFindings(50), actions: flood }), {
      reportId: 'rep-flood',
    });

    assert.ok(cardByteLength(floodCard) <= CARD_BYTE_LIMIT);
    assert.deepEqual(validateCard(floodCard), []);
    assert.match(renderedText(floodCard), /395 more actions did not fit on this card; press Show/);
    assert.equal(requestActionIds(floodCard).length, 5);
    assert.ok(findByType(floodCard, 'Action.Execute').some((a) => a.verb === 'firebreak.showAll'));
  });

  it('flooded card without report id points to the CLI', () => {
    const flood = Array.from({ length: 400 }, (_, index) => makeRemediation(index));
    const floodCard = buildReportCard(makeReport({ actions: flood }));

    assert.match(renderedText(floodCard), /did not fit on this card; run the check from the CLI/);
    assert.match(renderedText(floodCard), /--json/);
  });
});
