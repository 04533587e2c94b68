import { GraphHttpError, badRequest, unsupportedQuery } from '../errors';
import type { ResourceDefinition } from '../routes/resources';
import type { JsonObject } from '../types';
import type { FilterNode } from './filterAst';
import { filterProperties, usesAdvancedOperators } from './filterEval';
import { parseFilter } from './filterParser';
import { decodeSkipToken, type SkipToken } from './skipToken';

export interface OrderTerm {
  path: string[];
  descending: boolean;
}

export interface CollectionQuery {
  filter?: FilterNode;
  select?: string[];
  pageSize: number;
  orderBy: OrderTerm[];
  count: boolean;
  skipToken: SkipToken;
}

const COLLECTION_OPTIONS = ['$filter', '$select', '$top', '$orderby', '$count', '$skiptoken'];

/** Rejects `$expand`, `$search`, `$skip` and unknown `$` options the way Graph does. */
export function rejectUnsupportedOptions(
  query: Record<string, string>,
  allowed: readonly string[],
  target: string,
): void {
  for (const name of Object.keys(query)) {
    if (!name.startsWith('$') || allowed.includes(name)) continue;
    if (
      ['$expand', '$search', '$skip', '$format', '$apply', ...COLLECTION_OPTIONS].includes(name)
    ) {
      throw badRequest(
        `The query option '${name}' is not supported on '${target}' by this emulator; ` +
          `use ${allowed.join(', ')}.`,
      );
    }
    throw badRequest(`The query parameter '${name}' is not supported.`);
  }
}

/**
 * Collects the property names a query may name: the type's documented ones plus every key
 * that stored items carry.
 */
export function knownProperties(resource: ResourceDefinition, items: JsonObject[]): Set<string> {
  const known = new Set(['id', '@odata.type', ...(resource.filterable ?? [])]);
  for (const name of resource.properties ?? []) known.add(name);
  for (const item of items) for (const name of Object.keys(item)) known.add(name);
  return known;
}

function checkProperty(name: string, known: Set<string>, resource: ResourceDefinition): void {
  if (!known.has(name)) {
    throw badRequest(
      `Could not find a property named '${name}' on type '${resource.typeName}'.`,
      'Request_UnsupportedQuery',
    );
  }
}

function parseTop(text: string, resource: ResourceDefinition): number {
  const top = Number(text);
  if (!/^\d+$/.test(text) || top < 1) {
    throw badRequest(`Invalid page size specified: '${text}'. Use a whole number of at least 1.`);
  }
  if (top <= resource.maxPageSize) return top;
  if (resource.overMaxPageSize === 'cap') return resource.maxPageSize;
  throw badRequest(
    `Invalid page size specified: '${text}'. Must be between 1 and ${resource.maxPageSize} ` +
      'inclusive.',
  );
}

function parseOrderBy(text: string, known: Set<string>, resource: ResourceDefinition): OrderTerm[] {
  return text.split(',').map((term) => {
    const [property, direction = 'asc', ...extra] = term.trim().split(/\s+/);
    const lower = direction.toLowerCase();
    if (property === '' || extra.length > 0 || (lower !== 'asc' && lower !== 'desc')) {
      throw badRequest(
        `Invalid $orderby term '${term.trim()}'; write 'property', 'property asc' or ` +
          "'property desc'.",
      );
    }
    const path = property.split('/');
    checkProperty(path[0], known, resource);
    return { path, descending: lower === 'desc' };
  });
}

function parseSelect(text: string, known: Set<string>, resource: ResourceDefinition): string[] {
  return text.split(',').map((raw) => {
    const name = raw.trim();
    if (name.includes('/')) {
      throw badRequest(`Invalid $select item '${name}'; select top-level properties only.`);
    }
    if (resource.strictSelect === true) checkProperty(name, known, resource);
    return name;
  });
}

function isEventual(headers: Record<string, string>): boolean {
  return (headers['consistencylevel'] ?? '').toLowerCase() === 'eventual';
}

function checkFilter(
  filter: FilterNode,
  known: Set<string>,
  resource: ResourceDefinition,
  advancedQuery: boolean,
): void {
  for (const path of filterProperties(filter)) {
    checkProperty(path[0], known, resource);
    if (resource.filterable !== undefined && !resource.filterable.includes(path[0])) {
      throw unsupportedQuery(
        `Unsupported or invalid query filter clause specified for property '${path[0]}' of ` +
          `resource '${resource.typeName}'.`,
      );
    }
  }
  // Graph accepts ne, not and endswith on directory objects only as advanced queries.
  if (resource.directoryObject && usesAdvancedOperators(filter) && !advancedQuery) {
    throw unsupportedQuery(
      `This filter on '${resource.typeName}' uses ne, not or endswith, which need an advanced ` +
        "query: add the header 'ConsistencyLevel: eventual' and '$count=true'.",
    );
  }
}

/** Parses and validates the query options of a collection read against its resource. */
export function parseCollectionQuery(
  query: Record<string, string>,
  headers: Record<string, string>,
  resource: ResourceDefinition,
  items: JsonObject[],
  extraFilterable: readonly string[] = [],
): CollectionQuery {
  rejectUnsupportedOptions(query, COLLECTION_OPTIONS, resource.template);
  const needsKnown = ['$filter', '$select', '$orderby'].some((name) => name in query);
  const known = needsKnown ? knownProperties(resource, items) : new Set<string>();
  for (const name of extraFilterable) known.add(name);
  const definition: ResourceDefinition =
    resource.filterable === undefined
      ? resource
      : { ...resource, filterable: [...resource.filterable, ...extraFilterable] };

  const count = parseCount(query.$count, headers, resource);
  const filter = query.$filter === undefined ? undefined : parseFilter(query.$filter);
  if (filter !== undefined) {
    checkFilter(filter, known, definition, count && isEventual(headers));
  }
  return {
    filter,
    select: query.$select === undefined ? undefined : parseSelect(query.$select, known, resource),
    pageSize: query.$top === undefined ? resource.defaultPageSize : parseTop(query.$top, resource),
    orderBy: query.$orderby === undefined ? [] : parseOrderBy(query.$orderby, known, resource),
    count,
    skipToken: decodeSkipToken(query.$skiptoken),
  };
}

function parseCount(
  text: string | undefined,
  headers: Record<string, string>,
  resource: ResourceDefinition,
): boolean {
  if (text === undefined || text.toLowerCase() === 'false') return false;
  if (text.toLowerCase() !== 'true') {
    throw badRequest(`Invalid $count value '${text}'; use true or false.`);
  }
  if (resource.directoryObject && !isEventual(headers)) {
    throw new GraphHttpError(
      400,
      'Request_BadRequest',
      `$count on '${resource.typeName}' needs the header 'ConsistencyLevel: eventual'; add it ` +
        'or drop $count.',
    );
  }
  return true;
}
