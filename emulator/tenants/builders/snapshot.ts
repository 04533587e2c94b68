/**
 * Collects the Graph paths of one tenant snapshot and writes them in the order Graph lists
 * them: sign-ins and audits newest first.
 */

export type SnapshotJson = Record<string, unknown>;

export class SnapshotBuilder {
  private readonly entries = new Map<string, unknown>();

  constructor(readonly referenceTime: string) {}

  /** Appends items to the collection at `path`, creating it when missing. */
  add(path: string, ...items: object[]): void {
    const existing = this.entries.get(path);
    if (existing !== undefined && !Array.isArray(existing)) {
      throw new Error(
        `Snapshot path ${path} contains a single object, so add() cannot append to it. Use set().`,
      );
    }
    const previous: readonly unknown[] = existing ?? [];
    this.entries.set(path, [...previous, ...items]);
  }

  /** Stores a single object (such as `users/<id>/manager`) at `path`. */
  set(path: string, value: object): void {
    this.entries.set(path, value);
  }

  /** Returns the collection at `path` so a later step can change its items. */
  items<T>(path: string): T[] {
    const value = this.entries.get(path);
    if (!Array.isArray(value)) {
      throw new Error(`Snapshot path ${path} is not a collection; add items to it first.`);
    }
    return value as T[];
  }

  toJSON(): SnapshotJson {
    const snapshot: SnapshotJson = { $referenceTime: this.referenceTime };
    for (const [path, value] of this.entries) {
      snapshot[path] = sortNewestFirst(path, value);
    }
    return snapshot;
  }
}

const TIME_FIELDS: Record<string, string> = {
  'auditLogs/signIns': 'createdDateTime',
  'auditLogs/directoryAudits': 'activityDateTime',
  'identityProtection/riskDetections': 'activityDateTime',
};

function sortNewestFirst(path: string, value: unknown): unknown {
  const field = TIME_FIELDS[path] ?? (path.endsWith('/sentItems/messages') ? 'sentDateTime' : null);
  if (field === null || !Array.isArray(value)) return value;
  const timeOf = (item: unknown): number =>
    Date.parse(String((item as Record<string, unknown>)[field]));
  const items: readonly unknown[] = value;
  return [...items].sort((a, b) => timeOf(b) - timeOf(a));
}
