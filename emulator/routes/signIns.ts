import { filterProperties } from '../odata/filterEval';
import { parseFilter } from '../odata/filterParser';
import type { EmulatorRequest } from '../request';
import type { JsonObject, JsonValue } from '../types';

const INTERACTIVE = 'interactiveUser';

function eventTypes(signIn: JsonObject): JsonValue[] {
  const types = signIn.signInEventTypes;
  return Array.isArray(types) ? types : [INTERACTIVE];
}

function filterNamesEventTypes(filter: string | undefined): boolean {
  if (filter === undefined) return false;
  try {
    return filterProperties(parseFilter(filter)).some((path) => path[0] === 'signInEventTypes');
  } catch {
    // The collection reader parses the filter again and reports the syntax error.
    return false;
  }
}

/**
 * Selects the sign-ins one endpoint shows. v1.0 lists interactive sign-ins only and has no
 * `signInEventTypes` property. Beta carries the property, set to interactive when the snapshot
 * omits it, and also lists interactive sign-ins only unless the filter names it.
 */
export function signInsView(request: EmulatorRequest, stored: JsonObject[]): JsonObject[] {
  if (request.version === 'v1.0') {
    return stored
      .filter((signIn) => eventTypes(signIn).includes(INTERACTIVE))
      .map((signIn) => {
        const copy = { ...signIn };
        delete copy.signInEventTypes;
        return copy;
      });
  }
  const withTypes = stored.map((signIn) =>
    Array.isArray(signIn.signInEventTypes)
      ? signIn
      : { ...signIn, signInEventTypes: [INTERACTIVE] },
  );
  if (filterNamesEventTypes(request.query.$filter)) return withTypes;
  return withTypes.filter((signIn) => eventTypes(signIn).includes(INTERACTIVE));
}
