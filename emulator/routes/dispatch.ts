import { methodNotAllowed, segmentNotFound } from '../errors';
import type { EmulatorRequest, EmulatorResponse, HandlerContext } from '../request';
import type { TenantStore } from '../store/store';
import { APP_WRITES } from './appWrites';
import { IDENTITY_WRITES } from './identityWrites';
import { handleRead } from './read';
import { findResource, matchesTemplate, unknownSegment } from './resources';
import { USER_WRITES } from './userWrites';
import type { WriteRoute } from './writeSupport';

const WRITES: readonly WriteRoute[] = [...USER_WRITES, ...APP_WRITES, ...IDENTITY_WRITES];

/** Routes one Graph call (not `$batch`) to its read or write handler. */
export function dispatch(
  request: EmulatorRequest,
  context: HandlerContext,
  store: TenantStore,
): EmulatorResponse {
  if (request.segments.length === 0) throw segmentNotFound(request.version);
  if (request.method === 'GET') return handleRead(request, context, store);

  const segments = store.canonicalSegments(request.segments);
  const route = WRITES.find(
    (candidate) =>
      candidate.method === request.method && matchesTemplate(candidate.template, segments),
  );
  if (route !== undefined) return route.handle({ request, segments, store });

  const known =
    WRITES.some((candidate) => matchesTemplate(candidate.template, segments)) ||
    findResource(segments) !== undefined ||
    findResource(segments.slice(0, -1)) !== undefined;
  if (known) throw methodNotAllowed(request.method, segments.join('/'));
  throw segmentNotFound(unknownSegment(segments));
}
