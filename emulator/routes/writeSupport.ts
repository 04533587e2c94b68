import { badRequest } from '../errors';
import type { EmulatorRequest, EmulatorResponse } from '../request';
import type { TenantStore } from '../store/store';
import { isObject } from '../store/store';
import type { JsonObject } from '../types';

export interface WriteArguments {
  request: EmulatorRequest;
  /** Path segments with user principal names and ids resolved to stored ids. */
  segments: string[];
  store: TenantStore;
}

export interface WriteRoute {
  method: 'POST' | 'PATCH' | 'DELETE';
  template: string;
  handle(args: WriteArguments): EmulatorResponse;
}

export const NO_CONTENT: EmulatorResponse = { status: 204, headers: {} };

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Returns the request body as an object, or throws 400 naming what was expected. */
export function requireBody(request: EmulatorRequest, expected: string): JsonObject {
  if (!isObject(request.body)) {
    throw badRequest(`The request body must be a JSON object such as ${expected}.`);
  }
  return request.body;
}

export function requireString(body: JsonObject, name: string, expected: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') {
    throw badRequest(
      `The request body is missing '${name}' or it is not a string; send ${expected}.`,
    );
  }
  return value;
}

export function requireObject(store: TenantStore, collection: string, id: string): JsonObject {
  const item = store.findById(collection, id);
  if (item === undefined) {
    throw badRequest(`No object with id '${id}' exists in '${collection}'.`);
  }
  return item;
}
