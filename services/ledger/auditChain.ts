/**
 * The audit trail's hash chain. Each entry's hash covers the previous entry's hash and the entry
 * itself in canonical JSON (keys sorted, no whitespace), so editing, deleting or reordering an
 * entry breaks every later link.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry } from './types';

export const GENESIS_HASH = '0'.repeat(64);

export type AuditVerdict = { ok: true; count: number } | { ok: false; seq: number; reason: string };

/** Serialises a JSON value with object keys sorted at every level; undefined members are dropped. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter((entry) => entry[1] !== undefined)
      // Keys of one object are unique, so two keys never compare equal.
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

export function hashEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256')
    .update(entry.prevHash)
    .update('\n')
    .update(canonicalJson(entry))
    .digest('hex');
}

/**
 * Checks a whole trail in stored order: sequence numbers from 1 without gaps, each `prevHash`
 * equal to the hash before it, and each hash recomputed. Returns the first bad entry.
 * NOTE: entries cut from the end leave a valid shorter chain. Only a copy of the last hash kept
 * elsewhere, such as a log line or a second store, shows that truncation.
 */
export function verifyAudit(entries: AuditEntry[]): AuditVerdict {
  let previous = GENESIS_HASH;
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index];
    const expectedSeq = index + 1;
    if (entry.seq !== expectedSeq) {
      return {
        ok: false,
        seq: entry.seq,
        reason: `expected seq ${expectedSeq}, found ${entry.seq}`,
      };
    }
    if (entry.prevHash !== previous) {
      return { ok: false, seq: entry.seq, reason: 'prevHash does not match the previous entry' };
    }
    const { hash, ...rest } = entry;
    if (hashEntry(rest) !== hash) {
      return { ok: false, seq: entry.seq, reason: 'hash does not match the entry' };
    }
    previous = hash;
  }
  return { ok: true, count: entries.length };
}
