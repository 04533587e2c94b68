/**
 * Actions on the secrets and certificates of an application or service principal: remove one,
 * or rotate a secret (add a new one, keep it in the secret store, remove the old one).
 */
import { withQuery } from '../graph/odata';
import { credentialKeyId, credentialOwnerPath, credentialType } from './targets';
import {
  ActionTargetError,
  type ActionContext,
  type ActionExecutor,
  type ActionResult,
  type StateCheck,
} from './types';
import { checkObject, describeGraphFailure, verifyWithRetries } from './verify';
import { writeThenVerify } from './writeThenVerify';

interface Credential {
  keyId?: string;
}

interface CredentialHolder {
  passwordCredentials?: Credential[];
  keyCredentials?: Credential[];
}

interface NewPassword {
  keyId?: string;
  secretText?: string;
}

function readHolder(context: ActionContext) {
  const path = credentialOwnerPath(context.request.action.target);
  return context.reader.get<CredentialHolder>(
    withQuery(path, { $select: 'id,passwordCredentials,keyCredentials' }),
  );
}

function keyIdsOf(holder: CredentialHolder): Set<string> {
  const all = [...(holder.passwordCredentials ?? []), ...(holder.keyCredentials ?? [])];
  return new Set(all.map((credential) => String(credential.keyId).toLowerCase()));
}

/** Done when none of `gone` and all of `present` are among the holder's credentials. */
function checkKeys(context: ActionContext, gone: string[], present: string[]): Promise<StateCheck> {
  return checkObject(readHolder(context), 'credential owner', (holder) => {
    const ids = keyIdsOf(holder);
    const stillThere = gone.filter((keyId) => ids.has(keyId.toLowerCase()));
    const missing = present.filter((keyId) => !ids.has(keyId.toLowerCase()));
    const detail = [
      ...stillThere.map((keyId) => `key ${keyId} is still present`),
      ...missing.map((keyId) => `key ${keyId} is not present yet`),
    ];
    const done = detail.length === 0;
    const summary = [
      ...gone.map((keyId) => `key ${keyId} is gone`),
      ...present.map((keyId) => `key ${keyId} is present`),
    ];
    return { done, detail: done ? summary.join(' and ') : detail.join(' and ') };
  });
}

/** Removes one key. */
function removeKey(context: ActionContext, keyId: string, type: 'password' | 'key') {
  const owner = credentialOwnerPath(context.request.action.target);
  if (type === 'password') return context.writer.post(`${owner}/removePassword`, { keyId });
  // NOTE: Graph's removeKey requires `proof`, a JWT signed with one of the object's current
  // certificates. Firebreak has none, so a real tenant rejects this call; there the
  // certificate has to be removed by a PATCH of keyCredentials that leaves it out.
  return context.writer.post(`${owner}/removeKey`, { keyId, proof: 'firebreak-without-proof' });
}

export const removeCredential: ActionExecutor = {
  run: async (context) => {
    const target = context.request.action.target;
    const keyId = credentialKeyId(target);
    const type = credentialType(target);
    const noun = type === 'password' ? 'secret' : 'certificate';
    return writeThenVerify(context, {
      intent: `remove ${noun} ${keyId} from ${target.parent?.displayName ?? 'its owner'}`,
      write: () => removeKey(context, keyId, type),
      verify: () => checkKeys(context, [keyId], []),
      done: `The ${noun} ${keyId} was removed from ${target.parent?.displayName ?? 'its owner'}`,
    });
  },
  check: (context) => checkKeys(context, [credentialKeyId(context.request.action.target)], []),
};

/**
 * Adds a new secret, stores its text, then removes the old key whatever happened before: the
 * old key may be an attacker's, so it goes even when the new secret could not be made or kept.
 * `addPassword` is sent once and never retried, because a repeat would mint a second secret.
 */
async function rotate(context: ActionContext): Promise<ActionResult> {
  const target = context.request.action.target;
  if (credentialType(target) !== 'password') {
    throw new ActionTargetError(
      `credential ${target.id} is a certificate; only secrets can be rotated`,
    );
  }
  const owner = credentialOwnerPath(target);
  const oldKeyId = credentialKeyId(target);
  const ownerName = target.parent?.displayName ?? 'its owner';
  const displayName = `Firebreak rotation ${context.now().toISOString().slice(0, 10)}`;
  const notes: string[] = [];

  const added = await context.writer.post<NewPassword>(`${owner}/addPassword`, {
    passwordCredential: { displayName },
  });
  let newKeyId: string | undefined;
  if (!added.ok) {
    notes.push(`Graph refused to add a new secret: ${describeGraphFailure(added.failure)}.`);
  } else if (!added.value?.keyId || !added.value.secretText) {
    notes.push(
      'Graph answered addPassword without a keyId or secretText, so no new secret is stored.',
    );
  } else {
    newKeyId = added.value.keyId;
    const kept = await keepSecret(context, added.value.secretText, newKeyId, oldKeyId);
    if (kept.ok) {
      notes.push(`New secret ${newKeyId} is in the secret store at ${kept.reference}.`);
    } else {
      notes.push(`Storing the new secret failed (${kept.reason}), so it was removed again.`);
      const undone = await removeKey(context, newKeyId, 'password');
      if (!undone.ok)
        notes.push(`Removing it failed too: ${describeGraphFailure(undone.failure)}.`);
      newKeyId = undefined;
    }
  }

  const removed = await removeKey(context, oldKeyId, 'password');
  if (!removed.ok && removed.failure.status !== 404) {
    notes.push(
      `Graph refused to remove the old secret ${oldKeyId}: ${describeGraphFailure(removed.failure)}.`,
    );
    return { ok: false, verified: false, result: notes.join(' '), failure: removed.failure };
  }

  // A new secret can take seconds to show up, so the read-back is retried with back-off.
  const present = newKeyId === undefined ? [] : [newKeyId];
  const check = await verifyWithRetries(
    () => checkKeys(context, [oldKeyId], present),
    context.verify,
  );
  const ok = newKeyId !== undefined;
  const headline = ok
    ? `Secret of ${ownerName} rotated: old ${oldKeyId} removed, new key id ${newKeyId}.`
    : `Old secret ${oldKeyId} of ${ownerName} removed, but no new secret was made; create one and give it to the app's owner.`;
  const verification = check.done ? `Verified: ${check.detail}.` : `Not verified: ${check.detail}.`;
  return { ok, verified: check.done, result: [headline, ...notes, verification].join(' ') };
}

async function keepSecret(
  context: ActionContext,
  secretText: string,
  newKeyId: string,
  oldKeyId: string,
): Promise<{ ok: true; reference: string } | { ok: false; reason: string }> {
  const target = context.request.action.target;
  try {
    const stored = await context.secrets.put(`secret-${context.request.id}`, secretText, {
      objectId: target.parent?.id ?? '',
      objectType: target.parent?.type ?? '',
      keyId: newKeyId,
      replaces: oldKeyId,
      requestId: context.request.id,
    });
    return { ok: true, reference: stored.reference };
  } catch (error) {
    // The file store's errors name the path, never the value, and only their message is kept.
    const reason = error instanceof Error ? error.message : 'unknown error';
    context.log.error(
      { requestId: context.request.id, reason },
      'secret store rejected rotated secret',
    );
    return { ok: false, reason };
  }
}

export const rotateCredential: ActionExecutor = {
  run: rotate,
  // After a crash the new secret's fate is unknown, so only the old key's removal is checked.
  check: (context) => checkKeys(context, [credentialKeyId(context.request.action.target)], []),
};
