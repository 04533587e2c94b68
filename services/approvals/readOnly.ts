/**
 * Read-only mode (FIREBREAK_READ_ONLY=true), for a deployment granted only Graph read
 * permissions: checks still run, but no remediation is requested, approved or run.
 */
import { PASSED, refuse, type CheckResult } from './outcome';

/** Sentence for the report card in place of the remediation buttons. */
export const READ_ONLY_NOTE =
  'Remediation is off: this Firebreak runs read-only (FIREBREAK_READ_ONLY=true) with Graph read permissions only. Apply the listed actions in the Entra admin center, or ask whoever runs the bot to grant write permissions and turn read-only off.';

/** Rejects every remediation step when `readOnly` is set; passes otherwise. */
export function remediationAllowed(readOnly: boolean): CheckResult {
  if (!readOnly) return PASSED;
  return refuse('approval.read-only', READ_ONLY_NOTE);
}

/** The note a report card shows in place of its request buttons, or undefined when writes are on. */
export function readOnlyNote(readOnly: boolean): string | undefined {
  return readOnly ? READ_ONLY_NOTE : undefined;
}
