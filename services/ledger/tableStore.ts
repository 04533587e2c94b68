/**
 * Helpers for keeping ledger records in Azure Table Storage: key escaping, JSON split across
 * string properties, status checks on service errors, and bounded retries of optimistic writes.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { TableClient, TableEntityResult } from '@azure/data-tables';

/** An entity as read back, with its ETag. */
export type StoredEntity = TableEntityResult<Record<string, unknown>>;

/** Maximum characters per string property; the service allows 64 KiB of UTF-16, so 32,768. */
const PART_CHARS = 30_000;

/** Maximum parts of one JSON value; an entity holds at most 1 MiB and 255 properties. */
const MAX_PARTS = 15;

/** Attempts of an optimistic write before giving up; each lost race costs one. */
export const MAX_WRITE_ATTEMPTS = 60;

/**
 * Escapes a value for use as a PartitionKey or RowKey, which must not contain `/`, `\`, `#`,
 * `?` or control characters. `%` is escaped too, so the mapping stays one to one.
 */
export function tableKey(value: string): string {
  return value.replace(/[/\\#?%\u0000-\u001f\u007f-\u009f]/g, (character) => {
    return `%${character.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

/** Zero-padded decimal, so that RowKeys sort as the numbers do. */
export function sortableNumber(value: number): string {
  return String(value).padStart(15, '0');
}

/** Splits the JSON of `value` over properties `<name>0`, `<name>1`, … and `<name>Parts`. */
export function jsonProperties(name: string, value: unknown): Record<string, string | number> {
  const text = JSON.stringify(value);
  const parts = Math.max(1, Math.ceil(text.length / PART_CHARS));
  if (parts > MAX_PARTS) {
    throw new Error(
      `${name} is ${text.length} characters of JSON, more than one table entity holds ` +
        `(${PART_CHARS * MAX_PARTS}); shorten it before saving`,
    );
  }
  const properties: Record<string, string | number> = { [`${name}Parts`]: parts };
  for (let index = 0; index < parts; index++) {
    properties[`${name}${index}`] = text.slice(index * PART_CHARS, (index + 1) * PART_CHARS);
  }
  return properties;
}

/** Joins what `jsonProperties` split; undefined when the entity has no such value. */
export function readJson<T>(entity: Record<string, unknown>, name: string): T | undefined {
  const parts = entity[`${name}Parts`];
  if (typeof parts !== 'number') return undefined;
  let text = '';
  for (let index = 0; index < parts; index++) {
    const part = entity[`${name}${index}`];
    if (typeof part !== 'string')
      throw new Error(`${name} part ${index} is missing from the entity`);
    text += part;
  }
  return JSON.parse(text) as T;
}

/** True when `error` is a service response with HTTP status `status`. */
export function hasStatus(error: unknown, status: number): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'statusCode' in error &&
    (error as { statusCode?: unknown }).statusCode === status
  );
}

/** Reads one entity with its ETag; undefined when it does not exist. */
export async function readEntity(
  client: TableClient,
  partitionKey: string,
  rowKey: string,
): Promise<StoredEntity | undefined> {
  try {
    return await client.getEntity<Record<string, unknown>>(partitionKey, rowKey);
  } catch (error) {
    if (hasStatus(error, 404)) return undefined;
    throw error;
  }
}

/**
 * Runs `attempt` until it returns a value. It returns undefined after losing a race (a stale
 * ETag, an entity created by another writer) and is then run again after a short random pause.
 */
export async function retryOptimistic<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
): Promise<T> {
  for (let count = 1; count <= MAX_WRITE_ATTEMPTS; count++) {
    const result = await attempt();
    if (result !== undefined) return result;
    await sleep(5 + Math.floor(Math.random() * 20 * Math.min(count, 5)));
  }
  throw new Error(
    `${what} lost ${MAX_WRITE_ATTEMPTS} optimistic-concurrency races in a row; ` +
      'another writer keeps changing the same entity, so retry later',
  );
}

/** True for the errors a lost race produces: 412 (stale ETag) and 409 (entity exists). */
export function lostRace(error: unknown): boolean {
  return hasStatus(error, 412) || hasStatus(error, 409);
}

/** Collects every entity a query returns, in the service's order (PartitionKey, RowKey). */
export async function listAll(client: TableClient, filter: string): Promise<StoredEntity[]> {
  const entities: StoredEntity[] = [];
  const query = client.listEntities<Record<string, unknown>>({ queryOptions: { filter } });
  for await (const entity of query) {
    entities.push(entity);
  }
  return entities;
}
