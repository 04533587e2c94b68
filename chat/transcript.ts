/**
 * The conversation the chat page shows. It keeps what the user sent and what the bot sent, and
 * tells subscribers (the page's event streams) about every change.
 */

export interface Attachment {
  contentType: string;
  content?: unknown;
}

export interface ChatEntry {
  /** Activity id: the page's own for user messages, the connector's for bot messages. */
  id: string;
  from: 'user' | 'bot';
  fromName: string;
  text: string;
  attachments: Attachment[];
  timestamp: string;
  /** Increases with every change, so a late invoke response cannot undo a newer update. */
  version: number;
  /** Increases when the bot sends or updates the activity, but not for per-user cards. */
  revision: number;
  /**
   * Cards that one user sees in place of the attachments, keyed by persona: Teams shows an
   * invoke response only to the user who pressed the button, until the bot updates the activity.
   */
  userCards: Record<string, unknown>;
}

export type TranscriptEvent =
  { kind: 'entry'; entry: ChatEntry } | { kind: 'typing'; fromName: string };

export type Listener = (event: TranscriptEvent) => void;

export class Transcript {
  private readonly entries = new Map<string, ChatEntry>();
  private readonly listeners = new Set<Listener>();

  list(): ChatEntry[] {
    return [...this.entries.values()];
  }

  get(id: string): ChatEntry | undefined {
    return this.entries.get(id);
  }

  add(entry: Omit<ChatEntry, 'version' | 'revision' | 'userCards'>): ChatEntry {
    const stored: ChatEntry = { ...entry, version: 1, revision: 1, userCards: {} };
    this.entries.set(stored.id, stored);
    this.emit({ kind: 'entry', entry: stored });
    return stored;
  }

  /** Replaces an activity for everyone, as the connector's update does. */
  update(id: string, text: string, attachments: Attachment[]): ChatEntry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    const updated: ChatEntry = {
      ...entry,
      text,
      attachments,
      version: entry.version + 1,
      revision: entry.revision + 1,
      userCards: {},
    };
    this.entries.set(id, updated);
    this.emit({ kind: 'entry', entry: updated });
    return updated;
  }

  /**
   * Shows `card` to one persona in place of the activity, unless the activity changed since
   * `seenVersion`. Returns whether the card was applied.
   */
  showToUser(id: string, persona: string, card: unknown, seenVersion: number): boolean {
    const entry = this.entries.get(id);
    if (!entry || entry.version !== seenVersion) return false;
    const updated: ChatEntry = {
      ...entry,
      version: entry.version + 1,
      userCards: { ...entry.userCards, [persona]: card },
    };
    this.entries.set(id, updated);
    this.emit({ kind: 'entry', entry: updated });
    return true;
  }

  typing(fromName: string): void {
    this.emit({ kind: 'typing', fromName });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: TranscriptEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
