import type { EmulatorRequest, EmulatorResponse, HandlerContext } from '../request';
import { buildQueryString } from '../request';
import type { ResourceDefinition } from '../routes/resources';
import type { JsonObject, JsonValue } from '../types';
import { evaluateFilter } from './filterEval';
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
  // Graph sorts nulls first in ascending order.
  if (leftMissing || rightMissing) return leftMissing === rightMissing ? 0 : leftMissing ? -1 : 1;
  if (typeof left === 'string' && typeof right === 'string') {
    const a = left.toLowerCase();
    const b = right.toLowerCase();
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  if (typeof left === 'boolean' && typeof right === 'boolean') return Number(left) - Number(right);
  return 0;
}

function sortItems(items: JsonObject[], terms: OrderTerm[]): JsonObject[] {
  if (terms.length === 0) return items;
  return [...items].sort((left, right) => {
    for (const term of terms) {
      const order = compareForOrder(valueAt(left, term.path), valueAt(right, term.path));
      if (order !== 0) return term.descending ? -order : order;
    }
    return 0;
  });
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
 * Answers a collection read: validates the query options, then filters, orders, selects and
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
  const matching = filter === undefined ? items : items.filter((item) => evaluateFilter(filter, item));
  const ordered = sortItems(matching, query.orderBy.length > 0 ? query.orderBy : (options.defaultOrder ?? []));
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
