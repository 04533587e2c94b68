/**
 * The contract between the investigation checks and the report assembler. A check is a pure
 * function over what was read from Graph; the assembler turns its drafts into a report.
 */
import type { ActionKind, ActionTarget, Finding } from '../../domain';
import type { InvestigationData } from '../data';

/** A remediation a finding offers, before the assembler dedupes it and gives it an id. */
export interface RemediationDraft {
  kind: ActionKind;
  target: ActionTarget;
  label: string;
}

/** A finding whose actions are still drafts rather than remediation ids. */
export interface FindingDraft extends Omit<Finding, 'actions'> {
  actions: RemediationDraft[];
}

export interface Check {
  /** Section name shown in the report, e.g. 'sign-ins', 'inbox rules'. */
  section: string;
  /** The parts of InvestigationData it needs; if any is not ok, the section is unavailable. */
  needs: (keyof InvestigationData)[];
  run(data: InvestigationData): FindingDraft[];
}
