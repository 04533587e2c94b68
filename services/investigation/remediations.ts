/**
 * Turns the remediation drafts of findings into the report's remediations: one per kind and
 * target, each with an id that stays the same for the same target across reports.
 */
import { createHash } from 'node:crypto';
import type { Finding, Remediation } from '../domain';
import type { FindingDraft, RemediationDraft } from './checks/types';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Returns the identity of a remediation: kind, target type and target id. Graph spells GUIDs
 * in either case, so they are lower-cased; other ids (inbox rule ids) are case-sensitive.
 */
export function remediationKey(draft: RemediationDraft): string {
  const id = GUID.test(draft.target.id) ? draft.target.id.toLowerCase() : draft.target.id;
  return `${draft.kind}|${draft.target.type}|${id}`;
}

/** Returns the stable id, e.g. `revoke-sessions-1a2b3c4d5e6f7a8b`: the kind and a sha256 prefix. */
export function remediationId(draft: RemediationDraft): string {
  const hash = createHash('sha256').update(remediationKey(draft)).digest('hex');
  return `${draft.kind}-${hash.slice(0, 16)}`;
}

/**
 * Dedupes the drafts of all findings and links each finding to remediation ids. Remediations
 * keep the order in which the findings first offer them, so the most severe come first.
 */
export function resolveRemediations(drafts: readonly FindingDraft[]): {
  findings: Finding[];
  actions: Remediation[];
} {
  const actions = new Map<string, Remediation>();
  const findings = drafts.map((draft) => {
    const ids: string[] = [];
    for (const action of draft.actions) {
      const id = remediationId(action);
      if (!actions.has(id)) {
        actions.set(id, { id, kind: action.kind, target: action.target, label: action.label });
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return { ...draft, actions: ids };
  });
  return { findings, actions: [...actions.values()] };
}
