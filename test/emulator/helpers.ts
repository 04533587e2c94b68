import assert from 'node:assert/strict';
import { Client, type FetchOptions, type GraphRequest } from '@microsoft/microsoft-graph-client';
import { Agent } from 'undici';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import type { JsonObject, TenantSnapshot } from '../../emulator/types';

export const ALEX = '11111111-1111-4111-8111-111111111111';
export const SEAN = '22222222-2222-4222-8222-222222222222';
export const GUEST = '33333333-3333-4333-8333-333333333333';
export const RILEY = '44444444-4444-4444-8444-444444444444';
export const JORDAN = '55555555-5555-4555-8555-555555555555';
export const GUEST_UPN = 'sam_fabrikam.com#EXT#@contoso.onmicrosoft.com';
export const SOC_GROUP = 'aaaaaaaa-0000-4000-8000-000000000001';
export const ONCALL_GROUP = 'aaaaaaaa-0000-4000-8000-000000000002';
export const APPROVERS_GROUP = 'aaaaaaaa-0000-4000-8000-000000000003';

export function user(id: string, userPrincipalName: string, displayName: string): JsonObject {
  return { id, userPrincipalName, displayName, mail: userPrincipalName, accountEnabled: true };
}

/** Builds a small tenant of five users and three groups, one nested in another. */
export function baseTenant(): TenantSnapshot {
  return {
    users: [
      user(ALEX, 'alex.doe@contoso.com', 'Alex Doe'),
      user(SEAN, "sean.o'neill@contoso.com", "Sean O'Neill"),
      { ...user(GUEST, GUEST_UPN, 'Sam (Fabrikam)'), userType: 'Guest', mail: 'sam@fabrikam.com' },
      user(RILEY, 'riley.chen@contoso.com', 'Riley Chen'),
      user(JORDAN, 'jordan.patel@contoso.com', 'Jordan Patel'),
    ],
    groups: [
      { id: SOC_GROUP, displayName: 'SOC Responders' },
      { id: ONCALL_GROUP, displayName: 'On-call' },
      { id: APPROVERS_GROUP, displayName: 'Incident Approvers' },
    ],
    [`groups/${SOC_GROUP}/members`]: [
      { '@odata.type': '#microsoft.graph.user', id: RILEY },
      { '@odata.type': '#microsoft.graph.group', id: ONCALL_GROUP },
    ],
    [`groups/${ONCALL_GROUP}/members`]: [{ '@odata.type': '#microsoft.graph.user', id: JORDAN }],
    [`groups/${APPROVERS_GROUP}/members`]: [{ '@odata.type': '#microsoft.graph.user', id: JORDAN }],
  };
}

/** `count` sign-ins for Alex, one minute apart from 2026-12-01T00:00:00Z, newest last. */
export function signIns(
  count: number,
  extra: (index: number) => JsonObject = () => ({}),
): JsonObject[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `signin-${String(index).padStart(5, '0')}`,
    createdDateTime: new Date(Date.UTC(2026, 11, 1) + index * 60_000)
      .toISOString()
      .replace('.000', ''),
    userId: ALEX,
    userPrincipalName: 'alex.doe@contoso.com',
    ipAddress: '203.0.113.7',
    status: { errorCode: 0, failureReason: null },
    ...extra(index),
  }));
}

export interface Harness {
  emulator: RunningEmulator;
  client: Client;
  dispatcher: Agent;
  close(): Promise<void>;
}

export function graphClient(
  emulator: RunningEmulator,
  dispatcher: Agent,
  version = 'v1.0',
): Client {
  // Node's fetch accepts an undici dispatcher, but the client's FetchOptions type (DOM
  // RequestInit) does not declare it, so it is passed through a wider variable.
  const fetchOptions: FetchOptions & { dispatcher: Agent } = { dispatcher };
  return Client.init({
    baseUrl: emulator.url,
    defaultVersion: version,
    customHosts: new Set(['127.0.0.1']),
    authProvider: (done) => done(null, 'test-token'),
    fetchOptions,
  });
}

/** Starts an emulator (rebase off, so dates stay as written) and a client that trusts it. */
export async function startHarness(options: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const emulator = await startEmulator({ tenant: baseTenant(), rebase: false, ...options });
  const dispatcher = new Agent({ connect: { ca: emulator.ca } });
  return {
    emulator,
    dispatcher,
    client: graphClient(emulator, dispatcher),
    close: async () => {
      await dispatcher.close();
      await emulator.close();
    },
  };
}

/** Sends a raw HTTPS request with undici, for status and header checks the client hides. */
export async function rawRequest(
  harness: Harness,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Headers; body: JsonObject }> {
  const { request } = await import('undici');
  const response = await request(`${harness.emulator.url}${path}`, {
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers,
    body: init.body,
    dispatcher: harness.dispatcher,
  });
  const text = await response.body.text();
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return {
    status: response.statusCode,
    headers,
    body: text === '' ? {} : (JSON.parse(text) as JsonObject),
  };
}

/** One page of a Graph collection response. */
export interface Page<T = JsonObject> {
  value: T[];
  '@odata.nextLink'?: string;
  '@odata.count'?: number;
}

/** One item of a `$batch` response, with the body shapes the tests read. */
export interface SubResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body?: { value?: JsonObject[]; error?: { code: string }; [property: string]: unknown };
}

// The Graph client returns every response body as `any`; these helpers name the shape a test
// expects, and the asserts that follow check it.

/** Sends the request as a GET and returns the body as one collection page. */
export async function getPage<T = JsonObject>(request: GraphRequest): Promise<Page<T>> {
  return (await request.get()) as Page<T>;
}

/** Returns the page's `@odata.nextLink`, failing the test when the page is the last one. */
export function nextLinkOf(page: Page<unknown>): string {
  const link = page['@odata.nextLink'];
  assert.ok(link !== undefined, 'expected an @odata.nextLink, but the page is the last one');
  return link;
}

/** Sends the request as a GET and returns the body as one object. */
export async function getObject<T = JsonObject>(request: GraphRequest): Promise<T> {
  return (await request.get()) as T;
}

/** Sends the request as a POST of `body` and returns the response body as one object. */
export async function postObject<T = JsonObject>(request: GraphRequest, body: unknown): Promise<T> {
  return (await request.post(body)) as T;
}

/** Posts `requests` to `$batch` and returns the sub-responses in the order Graph listed them. */
export async function postBatch(client: Client, requests: unknown[]): Promise<SubResponse[]> {
  const body = (await client.api('/$batch').post({ requests })) as { responses: SubResponse[] };
  return body.responses;
}
