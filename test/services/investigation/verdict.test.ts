import assert from 'node:assert/strict';
import type { Finding, Section, Severity } from '../../../services/domain';
import { buildVerdict } from '../../../services/investigation/verdict';

function findings(counts: Partial<Record<Severity, number>>): Finding[] {
  return Object.entries(counts).flatMap(([severity, count]) =>
    Array.from({ length: count ?? 0 }, () => ({
      kind: 'signin.unfamiliar' as const,
      severity: severity as Severity,
      title: 't',
      at: '2026-12-02T10:00:00.000Z',
      evidence: {},
      actions: [],
    })),
  );
}

const checked: Section = { name: 'sign-ins', status: 'checked' };
const down: Section = { name: 'inbox rules', status: 'unavailable', reason: '403' };
const notCovered: Section = {
  name: 'transport rules',
  status: 'not-covered',
  reason: 'not in Graph',
};

describe('buildVerdict', () => {
  it('high findings read as compromise likely', () => {
    assert.equal(
      buildVerdict(findings({ high: 9, medium: 4 }), [checked]),
      'Compromise likely: 9 high, 4 medium findings',
    );
  });

  it('one finding is singular', () => {
    assert.equal(
      buildVerdict(findings({ high: 1 }), [checked]),
      'Compromise likely: 1 high finding',
    );
  });

  it('medium only reads as possible compromise', () => {
    assert.equal(
      buildVerdict(findings({ medium: 2, low: 1 }), [checked]),
      'Possible compromise: 2 medium, 1 low findings',
    );
  });

  it('low only reads as activity to review', () => {
    assert.equal(
      buildVerdict(findings({ low: 3 }), [checked]),
      'Activity to review: 3 low findings',
    );
  });

  it('nothing found is limited to the sections checked', () => {
    assert.equal(
      buildVerdict([], [checked, notCovered]),
      'No sign of compromise in the sections checked',
    );
  });

  it('info findings alone are no sign of compromise', () => {
    assert.equal(
      buildVerdict(findings({ info: 2 }), [checked]),
      'No sign of compromise in the sections checked',
    );
  });

  it('unavailable sections are appended', () => {
    assert.equal(
      buildVerdict([], [checked, down, { ...down, name: 'sent mail' }]),
      'No sign of compromise in the sections checked; 2 sections unavailable, report incomplete',
    );
  });

  it('one unavailable section is singular', () => {
    assert.equal(
      buildVerdict(findings({ high: 2 }), [down]),
      'Compromise likely: 2 high findings; 1 section unavailable, report incomplete',
    );
  });

  it('not-covered sections do not count as unavailable', () => {
    assert.doesNotMatch(buildVerdict([], [notCovered]), /unavailable/);
  });
});
