/**
 * The ledger on Azure Table Storage, for several instances sharing one storage account. Every
 * state change is a read followed by a write guarded by the entity's ETag: when another
 * instance wrote in between, the service answers 412, the write is lost, and the change is
 * decided again from a fresh read. So two instances cannot both move a request out of
 * `pending`, and audit appends stay in one unbroken chain.
 */
import { randomUUID } from 'node:crypto';
import { odata, type TableClient, type TableEntity } from '@azure/data-tables';
import type { ApprovalRequest, ApprovalStatus, Report } from '../domain';
import { GENESIS_HASH, canonicalJson, hashEntry } from './auditChain';
import {
  hasStatus,
  jsonProperties,
  listAll,
  lostRace,
  readEntity,
  readJson,
  retryOptimistic,
  sortableNumber,
  tableKey,
} from './tableStore';
import type {
  AuditEntry,
  Ledger,
  NewAuditEntry,
  NewRequest,
  OfferedAction,
  StoredReport,
  TransitionResult,
} from './types';

const REPORT = 'report';
const REQUEST = 'request';
/** The audit head and entries share a partition, so one transaction can update both. */
const AUDIT = 'audit';
const HEAD = 'head';
const COUNTER = 'counter';
/** RowKeys of audit entries start with this, which sorts after `head`'s `h`. */
const ENTRY = 'seq-';
/** Report positions count down from here in offer RowKeys, so the newest sorts first. */
const NEWEST_FIRST = 999_999_999_999_999;

export interface TableLedgerOptions {
  /** The table client; the table is created on first use. */
  client: TableClient;
  now?: () => Date;
}

export class TableLedger implements Ledger {
  private readonly client: TableClient;
  private readonly now: () => Date;
  private ready?: Promise<void>;

  constructor(options: TableLedgerOptions) {
    this.client = options.client;
    this.now = options.now ?? (() => new Date());
  }

  async saveReport(input: {
    report: Report;
    conversation?: unknown;
    cardActivityId?: string;
  }): Promise<string> {
    const client = await this.table();
    const id = randomUUID();
    const position = await this.nextPosition();
    await client.createEntity({
      partitionKey: REPORT,
      rowKey: tableKey(id),
      subjectId: input.report.user.id,
      savedAt: this.now().toISOString(),
      position,
      ...jsonProperties('report', input.report),
      ...(input.conversation === undefined
        ? {}
        : jsonProperties('conversation', input.conversation)),
      ...(input.cardActivityId === undefined ? {} : { cardActivityId: input.cardActivityId }),
    });
    // Offers are written after the report, so an offer never points at a missing report.
    for (const action of input.report.actions) {
      await client.upsertEntity(
        {
          partitionKey: offerPartition(action.id),
          rowKey: sortableNumber(NEWEST_FIRST - position),
          reportId: id,
        },
        'Replace',
      );
    }
    return id;
  }

  async setReportCard(reportId: string, cardActivityId: string): Promise<void> {
    const client = await this.table();
    try {
      await client.updateEntity(
        { partitionKey: REPORT, rowKey: tableKey(reportId), cardActivityId },
        'Merge',
      );
    } catch (error) {
      if (!hasStatus(error, 404)) throw error;
      throw new Error(`report ${reportId} not found in the ledger; save the report first`);
    }
  }

  async getReport(reportId: string): Promise<StoredReport | undefined> {
    const entity = await readEntity(await this.table(), REPORT, tableKey(reportId));
    if (entity === undefined) return undefined;
    const report = readJson<Report>(entity, 'report');
    if (report === undefined) throw new Error(`report ${reportId} has no report body in the table`);
    return {
      id: reportId,
      report,
      conversation: readJson<unknown>(entity, 'conversation'),
      cardActivityId: typeof entity.cardActivityId === 'string' ? entity.cardActivityId : undefined,
      savedAt: String(entity.savedAt),
    };
  }

  async findAction(actionId: string): Promise<OfferedAction | undefined> {
    const client = await this.table();
    const offers = client.listEntities({
      queryOptions: { filter: odata`PartitionKey eq ${offerPartition(actionId)}` },
    });
    for await (const offer of offers) {
      const stored = await this.getReport(String(offer.reportId));
      const action = stored?.report.actions.find((candidate) => candidate.id === actionId);
      if (stored === undefined || action === undefined) return undefined;
      return { reportId: stored.id, action, subject: stored.report.user };
    }
    return undefined;
  }

  async createRequest(input: NewRequest): Promise<ApprovalRequest> {
    const request: ApprovalRequest = { id: randomUUID(), ...input, status: 'pending' };
    await (await this.table()).createEntity(requestEntity(request));
    return request;
  }

  async getRequest(id: string): Promise<ApprovalRequest | undefined> {
    const entity = await readEntity(await this.table(), REQUEST, tableKey(id));
    return entity === undefined ? undefined : toRequest(entity);
  }

  async transition(
    id: string,
    from: ApprovalStatus[],
    to: ApprovalStatus,
    patch: Partial<ApprovalRequest>,
  ): Promise<TransitionResult> {
    const client = await this.table();
    return retryOptimistic(`transition of request ${id}`, async () => {
      const entity = await readEntity(client, REQUEST, tableKey(id));
      const current = entity === undefined ? undefined : toRequest(entity);
      if (entity === undefined || current === undefined || !from.includes(current.status)) {
        return { ok: false, current };
      }
      const next: ApprovalRequest = { ...current, ...patch, id: current.id, status: to };
      try {
        await client.updateEntity(requestEntity(next), 'Replace', { etag: entity.etag });
        return { ok: true, request: next };
      } catch (error) {
        // 412: another instance changed the request since the read, so decide again.
        if (hasStatus(error, 412)) return undefined;
        throw error;
      }
    });
  }

  async listRequests(filter: {
    status?: ApprovalStatus[];
    subjectId?: string;
  }): Promise<ApprovalRequest[]> {
    if (filter.status !== undefined && filter.status.length === 0) return [];
    const conditions = [odata`PartitionKey eq ${REQUEST}`];
    if (filter.status !== undefined) {
      const statuses = filter.status.map((status) => odata`status eq ${status}`);
      conditions.push(`(${statuses.join(' or ')})`);
    }
    if (filter.subjectId !== undefined) conditions.push(odata`subjectId eq ${filter.subjectId}`);
    const entities = await listAll(await this.table(), conditions.join(' and '));
    return entities
      .map(toRequest)
      .sort((a, b) => compareText(a.requestedAt, b.requestedAt) || compareText(a.id, b.id));
  }

  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const client = await this.table();
    return retryOptimistic('audit append', async () => {
      const head = await readEntity(client, AUDIT, HEAD);
      const seq = (typeof head?.seq === 'number' ? head.seq : 0) + 1;
      const prevHash = typeof head?.hash === 'string' ? head.hash : GENESIS_HASH;
      const unhashed = { ...entry, seq, prevHash };
      const stored: AuditEntry = { ...unhashed, hash: hashEntry(unhashed) };
      const nextHead = { partitionKey: AUDIT, rowKey: HEAD, seq, hash: stored.hash };
      try {
        // The head's ETag makes the append lose when another instance appended first.
        await client.submitTransaction([
          head === undefined
            ? ['create', nextHead]
            : ['update', nextHead, 'Replace', { etag: head.etag }],
          ['create', auditEntity(stored)],
        ]);
        return stored;
      } catch (error) {
        if (lostRace(error)) return undefined;
        throw error;
      }
    });
  }

  /** `subjectId` matches the subject's object id or, without case, its userPrincipalName. */
  async listAudit(filter: { subjectId?: string; limit?: number } = {}): Promise<AuditEntry[]> {
    const conditions = [odata`PartitionKey eq ${AUDIT} and RowKey ge ${ENTRY}`];
    if (filter.subjectId !== undefined) {
      const upn = filter.subjectId.toLowerCase();
      conditions.push(odata`(subjectId eq ${filter.subjectId} or subjectUpn eq ${upn})`);
    }
    // NOTE: the whole matching trail is read and then cut to `limit`; the service cannot return
    // the last rows of a query first, so a very long trail makes `--limit` slow.
    const entities = await listAll(await this.table(), conditions.join(' and '));
    const limit =
      filter.limit === undefined ? entities.length : Math.max(0, Math.floor(filter.limit));
    const newest = limit === 0 ? [] : entities.slice(-limit);
    // The RowKey is the order of record; an entry moved to another seq then fails its hash.
    return newest.map((entity) => ({
      ...(JSON.parse(String(entity.body)) as AuditEntry),
      seq: Number(String(entity.rowKey).slice(ENTRY.length)),
    }));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Creates the table once per ledger; the service answers 409 when it exists, which is fine. */
  private async table(): Promise<TableClient> {
    this.ready ??= this.client.createTable().catch((error: unknown) => {
      // A failed creation is tried again on the next call instead of failing every later one.
      this.ready = undefined;
      throw error;
    });
    await this.ready;
    return this.client;
  }

  /** Takes the next report position from a counter entity guarded by its ETag. */
  private async nextPosition(): Promise<number> {
    const client = await this.table();
    return retryOptimistic('report position', async () => {
      const counter = await readEntity(client, COUNTER, REPORT);
      const value = (typeof counter?.value === 'number' ? counter.value : 0) + 1;
      const next = { partitionKey: COUNTER, rowKey: REPORT, value };
      try {
        if (counter === undefined) await client.createEntity(next);
        else await client.updateEntity(next, 'Replace', { etag: counter.etag });
        return value;
      } catch (error) {
        if (lostRace(error)) return undefined;
        throw error;
      }
    });
  }
}

function offerPartition(actionId: string): string {
  return `offer-${tableKey(actionId)}`;
}

function requestEntity(request: ApprovalRequest): TableEntity {
  return {
    partitionKey: REQUEST,
    rowKey: tableKey(request.id),
    status: request.status,
    subjectId: request.subject.id,
    requestedAt: request.requestedAt,
    ...jsonProperties('body', request),
  };
}

function toRequest(entity: Record<string, unknown>): ApprovalRequest {
  const body = readJson<ApprovalRequest>(entity, 'body');
  if (body === undefined)
    throw new Error(`request ${String(entity.rowKey)} has no body in the table`);
  return { ...body, status: entity.status as ApprovalStatus };
}

function auditEntity(entry: AuditEntry): TableEntity {
  return {
    partitionKey: AUDIT,
    rowKey: `${ENTRY}${sortableNumber(entry.seq)}`,
    subjectId: entry.subject.id,
    subjectUpn: entry.subject.userPrincipalName.toLowerCase(),
    body: canonicalJson(entry),
  };
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
