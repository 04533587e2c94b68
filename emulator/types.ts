/** A JSON value as it appears in a tenant snapshot or a Graph response body. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * Graph resource paths relative to the version root (`users`, `auditLogs/signIns`,
 * `users/<userId>/authentication/methods`) mapped to what Graph returns there. Keys that start
 * with `$` carry metadata and are never served.
 */
export interface TenantSnapshot {
  /** Capture time of the snapshot; date-times are shifted by now minus this at start-up. */
  $referenceTime?: string;
  [path: string]: JsonValue | undefined;
}

export type GraphVersion = 'v1.0' | 'beta';

/** One request the emulator served, kept in order for tests to inspect. */
export interface RecordedRequest {
  method: string;
  version: GraphVersion;
  /** Path relative to the version root, percent-decoded, for example `users/a@b.com`. */
  path: string;
  query: Record<string, string>;
  /** HTTP status sent; 0 for a request held open by a `hang` fault. */
  status: number;
  inBatch: boolean;
  /** 1-based page of a collection read, taken from `$skiptoken`. */
  page?: number;
}

export interface FaultRule {
  path: string;
  method?: string;
  page?: number;
  item?: string;
  status?: number;
  code?: string;
  message?: string;
  retryAfter?: string | number;
  hang?: boolean;
  times?: number;
}

export interface FaultPlan {
  latencyMs?: number | [number, number];
  rules?: FaultRule[];
}
