/**
 * Which Graph requests may be sent again after a 429, 503, 504 or a timeout. Reads are always
 * safe. A write is safe only where repeating it leaves the same state: PATCH and DELETE by id,
 * and the POST actions below. `addPassword` and `addKey` are never retried, because a repeat
 * would mint a second credential.
 */

const IDEMPOTENT_POSTS = [
  /\/revokeSignInSessions$/i,
  /\/identityProtection\/riskyUsers\/confirmCompromised$/i,
  /\/checkMemberGroups$/i,
  /\/checkMemberObjects$/i,
  /\/getMemberGroups$/i,
];

export function isRetrySafe(method: string, url: string, body: string | undefined): boolean {
  const path = url.replace(/^https?:\/\/[^/]+/i, '').replace(/\?.*$/, '');
  if (method === 'GET' || method === 'HEAD' || method === 'PATCH' || method === 'DELETE') {
    return true;
  }
  if (method !== 'POST') return false;
  if (/\/\$batch$/.test(path)) return batchIsReadOnly(body);
  return IDEMPOTENT_POSTS.some((pattern) => pattern.test(path));
}

function batchIsReadOnly(body: string | undefined): boolean {
  try {
    const parsed = JSON.parse(body ?? '') as { requests?: { method?: string }[] };
    const requests = parsed.requests ?? [];
    return requests.every((r) => (r.method ?? 'GET').toUpperCase() === 'GET');
  } catch {
    return false;
  }
}
