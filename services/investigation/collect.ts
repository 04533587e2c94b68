/**
 * Reads everything the checks need for one user in as few round trips as Graph allows. The
 * independent reads go out at once: one `$batch`, plus the identity-report reads as single
 * requests so that concurrent checks pack Graph's budget. The reads that depend on them
 * (federated credentials of owned apps, apps touched in the audit log) start as soon as their
 * inputs are final, while sign-in pages are still arriving. Each read fails on its own, and a
 * failure becomes an unavailable section, never an empty one.
 */
import type * as Graph from '@microsoft/microsoft-graph-types';
import type { GraphReader, ReadResult } from '../graph/reader';
import {
  collected,
  dependentReads,
  federatedCredentials,
  mergeCollections,
  SECTION_NAMES,
  tenantDomains,
  touchedObjects,
} from './collectParts';
import {
  DEFAULT_ROW_CAP,
  firstBatchReads,
  interactiveSignInRead,
  type ReadLimits,
  SIGNIN_ROW_CAP,
} from './collectReads';
import type { Collected, InvestigationData, InvestigationWindow, TypedObject } from './data';
import { signInNotes } from './signInNotes';
import { attachDigest, SignInDigest, type SignInRow } from './signInDigest';

export { DEFAULT_ROW_CAP, SIGNIN_ROW_CAP } from './collectReads';

export type ProgressStage = 'resolving-user' | 'reading-graph' | 'assembling';

export interface CollectOptions {
  /** Rows read per collection at most, except sign-ins. */
  rowCap?: number;
  /** Sign-in rows read at most. */
  signInCap?: number;
  /** Receives short progress lines such as `sign-ins: 3,000 read` or `inbox rules: done`. */
  onProgress?: (stage: ProgressStage, detail: string) => void;
  /**
   * Called once, while sign-ins may still be paging, with every part read so far. The parts
   * named in `pending` are placeholders that are not yet read and must not be checked.
   */
  onEarlyData?: (data: InvestigationData, pending: (keyof InvestigationData)[]) => void;
}

export interface CollectOutcome {
  data: InvestigationData;
  /** Facts about how the data was read, e.g. that only interactive sign-ins were available. */
  notes: string[];
}

export async function collectInvestigationData(
  reader: GraphReader,
  user: Graph.User,
  window: InvestigationWindow,
  options: CollectOptions = {},
): Promise<CollectOutcome> {
  const progress = (detail: string): void => options.onProgress?.('reading-graph', detail);
  let digest = new SignInDigest(user, window);
  const limits: ReadLimits = {
    rowCap: options.rowCap ?? DEFAULT_ROW_CAP,
    signInCap: options.signInCap ?? SIGNIN_ROW_CAP,
    onSignIns: (rows, rowsRead) => {
      digest.add(rows as SignInRow[]);
      progress(`sign-ins: ${rowsRead.toLocaleString('en-US')} read`);
    },
  };

  const reads = firstBatchReads(user, window, limits);
  const tracker = new SettleTracker(
    reads.map((read) => read.id),
    progress,
  );
  const firstBatch = reader.readMany(reads, {
    onResult: (id, result) => tracker.settle(id, result),
  });
  // Everything but the sign-ins is final here, or the whole batch is.
  await Promise.race([tracker.allBut('signIns'), firstBatch]);

  const early = tracker.results;
  const audits = mergeCollections(
    collected<Graph.DirectoryAudit>(early.get('auditsByUser'), 'auditsByUser'),
    collected<Graph.DirectoryAudit>(early.get('auditsOfUser'), 'auditsOfUser'),
  );
  const ownedObjects = collected<TypedObject>(early.get('ownedObjects'), 'ownedObjects');
  const second = await reader.readMany(dependentReads(ownedObjects, audits));
  const rest: Omit<InvestigationData, 'signIns'> = {
    user,
    window,
    tenantDomains: tenantDomains(early.get('organization'), user),
    audits,
    riskDetections: collected(early.get('riskDetections'), 'riskDetections'),
    authMethods: collected(early.get('authMethods'), 'authMethods'),
    inboxRules: collected(early.get('inboxRules'), 'inboxRules'),
    sentMessages: collected(early.get('sentMessages'), 'sentMessages'),
    ownedObjects,
    touchedObjects: touchedObjects(second),
    federatedCredentials: federatedCredentials(second, ownedObjects),
    grants: collected(early.get('grants'), 'grants'),
    appRoleAssignments: collected(early.get('appRoleAssignments'), 'appRoleAssignments'),
    devices: collected(early.get('devices'), 'devices'),
    memberOf: collected(early.get('memberOf'), 'memberOf'),
  };
  if (options.onEarlyData) {
    const pending: Collected<SignInRow> = {
      ok: false,
      reason: 'sign-in logs are still being read',
    };
    options.onEarlyData({ ...rest, signIns: pending }, ['signIns']);
  }

  const notes: string[] = [];
  let signIns = streamedSignIns((await firstBatch).get('signIns'), 'signIns', digest);
  // No fallback after the deadline: it would spend one more identity-report request for nothing.
  if (!signIns.ok && signIns.status !== 403 && !reader.expired) {
    // Beta refused or failed: fall back to v1.0, which lists interactive sign-ins only.
    const failed = signIns;
    digest = new SignInDigest(user, window);
    const fallback = await reader.readMany([interactiveSignInRead(user, window, limits)]);
    const interactive = streamedSignIns(
      fallback.get('signInsInteractive'),
      'signInsInteractive',
      digest,
    );
    if (interactive.ok) {
      notes.push(
        `Only interactive sign-ins were read (v1.0); the beta sign-in log failed: ${failed.reason}.`,
      );
      signIns = interactive;
    }
  }
  if (signIns.ok) notes.push(...signInNotes(digest));
  progress(`sign-ins: ${signIns.ok ? 'done' : 'unavailable'}`);
  return { notes, data: { ...rest, signIns } };
}

/** Builds the sign-ins as checks see them: the digest's kept rows, with the digest attached. */
function streamedSignIns(
  result: ReadResult | undefined,
  key: string,
  digest: SignInDigest,
): Collected<SignInRow> {
  const read = collected<SignInRow>(result, key);
  if (!read.ok) return read;
  const signIns: Collected<SignInRow> = {
    ok: true,
    items: digest.kept,
    truncatedAt: read.truncatedAt,
  };
  attachDigest(signIns, digest);
  return signIns;
}

/** Keeps results as they become final and reports each section once all its reads are. */
class SettleTracker {
  readonly results = new Map<string, ReadResult>();
  private readonly waiting: { except: string; resolve: () => void }[] = [];

  constructor(
    private readonly ids: string[],
    private readonly progress: (detail: string) => void,
  ) {}

  settle(id: string, result: ReadResult): void {
    this.results.set(id, result);
    const section = SECTION_NAMES[id] ?? id;
    const siblings = this.ids.filter((other) => (SECTION_NAMES[other] ?? other) === section);
    if (id !== 'signIns' && siblings.every((other) => this.results.has(other))) {
      const failed = siblings.some((other) => this.results.get(other)?.ok === false);
      this.progress(`${section}: ${failed ? 'unavailable' : 'done'}`);
    }
    for (const waiter of this.waiting) {
      if (this.ids.every((other) => other === waiter.except || this.results.has(other))) {
        waiter.resolve();
      }
    }
  }

  /** Resolves when every read except `except` is final. */
  allBut(except: string): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push({ except, resolve });
      if (this.ids.every((other) => other === except || this.results.has(other))) resolve();
    });
  }
}
