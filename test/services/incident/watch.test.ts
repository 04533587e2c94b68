/**
 * The watch schedule in real SQLite and rechecks against the demo tenant: only findings not
 * reported before come back, and the schedule survives closing and reopening the database.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findingKey } from '../../../services/incident/findingKey';
import { parseWatchPeriod } from '../../../services/incident/watchDuration';
import { WatchService } from '../../../services/incident/watchService';
import { ALEX, openTenant, type TenantSession } from './tenant';

const HOUR = 3_600_000;
const conversation = { conversation: { id: 'conv-1' }, serviceUrl: 'https://smba.example/' };

describe('parseWatchPeriod', () => {
  const now = new Date('2026-12-03T12:00:00Z');

  it('for 24h ends a day later', () => {
    const period = parseWatchPeriod('for 24h', now);
    assert.ok(period.ok);
    assert.equal(period.until.toISOString(), '2026-12-04T12:00:00.000Z');
    assert.equal(period.everyMs, 30 * 60_000);
  });

  it('reads every with words', () => {
    const period = parseWatchPeriod('for 2 days every 15 minutes', now);
    assert.ok(period.ok);
    assert.equal(period.forMs, 2 * 24 * HOUR);
    assert.equal(period.everyMs, 15 * 60_000);
  });

  for (const text of [
    '24h',
    'for ever',
    'for 24 parsecs',
    'for 31d',
    'for 1h every 1m',
    'for 0h',
  ]) {
    it(`rejects "${text}"`, () => {
      const period = parseWatchPeriod(text, now);
      assert.equal(period.ok, false);
      assert.match(period.ok ? '' : period.message, /for 24h/);
    });
  }
});

describe('WatchService on contoso-phish', function () {
  this.timeout(60_000);
  let session: TenantSession;
  let dataDir: string;
  let clock: Date;

  const open = () =>
    new WatchService({ dataDir, createReader: () => session.reader, now: () => clock });

  before(async () => {
    session = await openTenant('contoso-phish');
  });
  after(async () => {
    await session.close();
  });
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'fb-watch-'));
    clock = new Date('2026-12-02T09:00:00Z');
  });

  it('survives close and reopen', () => {
    const first = open();
    first.watch(ALEX, conversation, { every: HOUR, until: new Date('2026-12-04T09:00:00Z') });
    first.close();
    const second = open();
    try {
      const jobs = second.list();
      assert.equal(jobs.length, 1);
      assert.equal(jobs[0].conversation.serviceUrl, 'https://smba.example/');
    } finally {
      second.close();
    }
  });

  it('due returns a job once per interval', () => {
    const service = open();
    try {
      service.watch(ALEX, conversation, { every: HOUR, until: new Date('2026-12-04T09:00:00Z') });
      assert.equal(service.due(new Date('2026-12-02T09:30:00Z')).length, 0);
      assert.equal(service.due(new Date('2026-12-02T10:00:00Z')).length, 1);
      assert.equal(service.due(new Date('2026-12-02T10:30:00Z')).length, 0);
      assert.equal(service.due(new Date('2026-12-02T11:00:00Z')).length, 1);
    } finally {
      service.close();
    }
  });

  it('unwatch stops the watch', () => {
    const service = open();
    try {
      service.watch(ALEX, conversation, { every: HOUR, until: new Date('2026-12-04T09:00:00Z') });
      assert.equal(service.unwatch(ALEX, 'conv-1'), true);
      assert.equal(service.unwatch(ALEX, 'conv-1'), false);
      assert.equal(service.due(new Date('2026-12-03T09:00:00Z')).length, 0);
    } finally {
      service.close();
    }
  });

  it('ended watches are removed and returned', () => {
    const service = open();
    try {
      service.watch(ALEX, conversation, { every: HOUR, until: new Date('2026-12-02T12:00:00Z') });
      assert.equal(service.due(new Date('2026-12-02T13:00:00Z')).length, 0);
      assert.equal(service.ended(new Date('2026-12-02T13:00:00Z')).length, 1);
      assert.equal(service.list().length, 0);
    } finally {
      service.close();
    }
  });

  it('rejects an end in the past', () => {
    const service = open();
    try {
      assert.throws(
        () =>
          service.watch(ALEX, conversation, {
            every: HOUR,
            until: new Date('2026-12-01T00:00:00Z'),
          }),
        /not after now/,
      );
    } finally {
      service.close();
    }
  });

  it('recheck after reopen returns only new findings', async () => {
    const first = open();
    first.watch(ALEX, conversation, { every: HOUR, until: new Date('2026-12-04T09:00:00Z') });
    clock = new Date('2026-12-02T12:00:00Z');
    const [job] = first.due(clock);
    const morning = await first.recheck(job);
    first.close();
    assert.ok(morning.ok, morning.ok ? '' : morning.error.message);
    const morningKinds = morning.findings.map((finding) => finding.kind);
    assert.ok(morningKinds.includes('auth-method.registered'));
    assert.ok(morningKinds.includes('inbox-rule.suspicious'));

    const second = open();
    try {
      clock = new Date('2026-12-03T12:00:00Z');
      const [reopened] = second.due(clock);
      assert.equal(reopened.lastRunAt, '2026-12-02T12:00:00.000Z');
      const later = await second.recheck(reopened);
      assert.ok(later.ok, later.ok ? '' : later.error.message);
      const morningKeys = new Set(morning.findings.map(findingKey));
      assert.deepEqual(
        later.findings.filter((f) => morningKeys.has(findingKey(f))),
        [],
      );
      assert.equal(
        later.findings.some((f) => f.kind === 'inbox-rule.suspicious'),
        false,
      );
      assert.ok(later.findings.some((f) => f.kind === 'device.registered'));
      assert.ok(
        later.findings.some(
          (f) => f.kind === 'signin.unfamiliar' && f.evidence.ip === '2001:db8:7a1::1f',
        ),
      );
    } finally {
      second.close();
    }
  });

  it('known findings are not reported again', async () => {
    const service = open();
    try {
      const started = service.watch(ALEX, conversation, {
        every: HOUR,
        until: new Date('2026-12-04T09:00:00Z'),
      });
      clock = new Date('2026-12-02T12:00:00Z');
      const probe = await service.recheck(started);
      assert.ok(probe.ok);
      assert.ok(probe.findings.length > 0);
      service.unwatch(ALEX, 'conv-1');
      clock = new Date('2026-12-02T09:00:00Z');
      const job = service.watch(ALEX, conversation, {
        every: HOUR,
        until: new Date('2026-12-04T09:00:00Z'),
        known: probe.report.findings,
      });
      clock = new Date('2026-12-02T12:00:00Z');
      const again = await service.recheck(job);
      assert.ok(again.ok);
      assert.deepEqual(again.findings, []);
    } finally {
      service.close();
    }
  });
});
