import type { EmulatorRequest, EmulatorResponse, HandlerContext } from '../request';
import { buildQueryString } from '../request';
import type { ResourceDefinition } from '../routes/resources';
import type { JsonObject, JsonValue } from '../types';
import { compareText, evaluateFilter } from './filterEval';
import { parseCollectionQuery, type CollectionQuery, type OrderTerm } from './queryOptions';
import { encodeSkipToken } from './skipToken';

export interface CollectionOptions {
  /** Properties the filter may use beyond the resource's list (beta-only sign-in fields). */
  extraFilterable?: readonly string[];
  /** Order used when the request has no `$orderby`. */
  defaultOrder?: OrderTerm[];
}

function valueAt(item: JsonObject, path: string[]): JsonValue | undefined {
  let current: JsonValue | undefined = item;
  for (const segment of path) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = current[segment];
  }
  return current;
}

function compareForOrder(left: JsonValue | undefined, right: JsonValue | undefined): number {
  const leftMissing = left === null || left === undefined;
  const rightMissing = right === null || right === undefined;
  // OData orders null before any value in ascending order.
  if (leftMissing && rightMissing) return 0;
  if (leftMissing) return -1;
  if (rightMissing) return 1;
  if (typeof left === 'string' && typeof right === 'string') return compareText(left, right);
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  return 0;
}

function sortKey(value: JsonValue | undefined): JsonValue | undefined {
  return typeof value === 'string' ? value.toLowerCase() : value;
}

function sortItems(items: JsonObject[], terms: OrderTerm[]): JsonObject[] {
  if (terms.length === 0) return items;
  // Keys are read and lower-cased once per item because large tenants sort every page request.
  const keyed = items.map((item) => ({
    item,
    keys: terms.map((term) => sortKey(valueAt(item, term.path))),
  }));
  keyed.sort((left, right) => {
    for (const [index, term] of terms.entries()) {
      const order = compareForOrder(left.keys[index], right.keys[index]);
      if (order !== 0) return term.descending ? -order : order;
    }
    return 0;
  });
  return keyed.map((entry) => entry.item);
}

export function selectProperties(item: JsonObject, select: string[] | undefined): JsonObject {
  if (select === undefined) return item;
  const result: JsonObject = {};
  for (const name of ['@odata.type', 'id', ...select]) {
    if (name in item) result[name] = item[name];
  }
  return result;
}

function nextLink(
  request: EmulatorRequest,
  context: HandlerContext,
  offset: number,
  page: number,
): string {
  const query = { ...request.query, $skiptoken: encodeSkipToken({ offset, page }) };
  return `${context.baseUrl}/${request.version}/${request.rawPath}${buildQueryString(query)}`;
}

/**
 * Builds the response to a collection read: validates the query options, then filters, orders, selects and
 * pages the items, with an absolute `@odata.nextLink` while more remain.
 */
export function respondWithCollection(
  request: EmulatorRequest,
  context: HandlerContext,
  resource: ResourceDefinition,
  items: JsonObject[],
  options: CollectionOptions = {},
): EmulatorResponse {
  const query: CollectionQuery = parseCollectionQuery(
    request.query,
    request.headers,
    resource,
    items,
    options.extraFilterable,
  );
  const { filter } = query;
  const matching =
    filter === undefined ? items : items.filter((item) => evaluateFilter(filter, item));
  const ordered = sortItems(
    matching,
    query.orderBy.length > 0 ? query.orderBy : (options.defaultOrder ?? []),
  );
  const { offset, page } = query.skipToken;
  const end = offset + query.pageSize;

  const body: JsonObject = {
    '@odata.context': `${context.baseUrl}/${request.version}/$metadata#${resource.template}`,
  };
  if (query.count) body['@odata.count'] = ordered.length;
  if (end < ordered.length) body['@odata.nextLink'] = nextLink(request, context, end, page + 1);
  body.value = ordered.slice(offset, end).map((item) => selectProperties(item, query.select));
  return { status: 200, headers: {}, body, page };
}
