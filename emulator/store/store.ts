import { notFound } from '../errors';
import type { JsonObject, JsonValue, TenantSnapshot } from '../types';

// Top-level collections whose items are addressed by id in deeper paths.
const ADDRESSABLE = ['groups', 'applications', 'servicePrincipals', 'oauth2PermissionGrants'];

/**
 * The tenant's state: the snapshot copied at start-up, with user principal names resolved to
 * object ids, changed in place by writes so that later reads see them.
 */
export class TenantStore {
  private readonly entries = new Map<string, JsonValue>();
  private readonly userIds = new Map<string, string>();

  constructor(snapshot: TenantSnapshot) {
    const copy = structuredClone(snapshot);
    const users = Array.isArray(copy.users) ? copy.users : [];
    for (const user of users) this.indexUser(user);
    for (const [key, value] of Object.entries(copy)) {
      if (key.startsWith('$') || value === undefined) continue;
      this.entries.set(this.canonicalKey(key), value);
    }
  }

  private indexUser(user: JsonValue): void {
    if (!isObject(user) || typeof user.id !== 'string') return;
    this.userIds.set(user.id.toLowerCase(), user.id);
    if (typeof user.userPrincipalName === 'string') {
      this.userIds.set(user.userPrincipalName.toLowerCase(), user.id);
    }
  }

  /** Snapshot keys may name a user by principal name; reads always look them up by id. */
  private canonicalKey(key: string): string {
    const segments = key.split('/');
    if (segments[0] === 'users' && segments.length > 2) {
      segments[1] = this.userIds.get(segments[1].toLowerCase()) ?? segments[1];
    }
    return segments.join('/');
  }

  /** Returns the user's object id for an id or a principal name in any case. */
  resolveUserId(idOrPrincipalName: string): string | undefined {
    return this.userIds.get(idOrPrincipalName.toLowerCase());
  }

  /**
   * Rewrites the id segment of `users/{id|upn}/...`, `groups/{id}/...` and similar paths to the
   * stored id, and throws 404 when the parent object does not exist.
   */
  canonicalSegments(segments: string[]): string[] {
    if (segments.length < 2) return segments;
    const [root, key, ...rest] = segments;
    if (root === 'users') {
      const userId = this.resolveUserId(key);
      if (userId === undefined) throw notFound(key);
      return [root, userId, ...rest];
    }
    if (ADDRESSABLE.includes(root) && rest.length > 0) {
      const item = this.findById(root, key);
      if (item === undefined) throw notFound(key);
      return [root, jsonText(item.id), ...rest];
    }
    return segments;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  collection(key: string): JsonObject[] {
    const value = this.entries.get(key);
    return Array.isArray(value) ? value.filter(isObject) : [];
  }

  /** Returns the live array for a key, creating an empty one, so writes change the tenant. */
  mutableCollection(key: string): JsonValue[] {
    const value = this.entries.get(key);
    if (Array.isArray(value)) return value;
    const created: JsonValue[] = [];
    this.entries.set(key, created);
    return created;
  }

  object(key: string): JsonObject | undefined {
    const value = this.entries.get(key);
    return isObject(value) ? value : undefined;
  }

  findById(key: string, id: string): JsonObject | undefined {
    const lowerId = id.toLowerCase();
    return this.collection(key).find((item) => jsonText(item.id).toLowerCase() === lowerId);
  }

  /** Removes the item with this id from a collection; returns whether one was removed. */
  removeById(key: string, id: string): boolean {
    const items = this.mutableCollection(key);
    const lowerId = id.toLowerCase();
    const index = items.findIndex(
      (item) => isObject(item) && jsonText(item.id).toLowerCase() === lowerId,
    );
    if (index < 0) return false;
    items.splice(index, 1);
    return true;
  }

  /** Lists stored keys that match a template where `*` stands for one segment. */
  keysMatching(template: string): string[] {
    const pattern = template.split('/');
    return [...this.entries.keys()].filter((key) => {
      const segments = key.split('/');
      return (
        segments.length === pattern.length &&
        pattern.every((part, index) => part === '*' || part === segments[index])
      );
    });
  }

  user(userId: string): JsonObject | undefined {
    return this.findById('users', userId);
  }

  /** Re-indexes a user after a write that may change its principal name. */
  reindexUser(user: JsonObject): void {
    this.indexUser(user);
  }
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Converts a JSON value to text for comparing ids and building messages. Primitives read as
 * `String` writes them, and objects and arrays as JSON rather than `[object Object]`.
 */
export function jsonText(value: JsonValue | undefined): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
