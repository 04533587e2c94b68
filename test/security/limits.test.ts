import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConcurrencyLimit, SlidingWindowLimiter } from '../../services/limits';

describe('sliding window limiter', () => {
  it('allows up to the limit in one window', () => {
    const limiter = new SlidingWindowLimiter(3, 60_000);
    assert.deepEqual(limiter.tryAcquire('riley', 0), { ok: true });
    assert.deepEqual(limiter.tryAcquire('riley', 1_000), { ok: true });
    assert.deepEqual(limiter.tryAcquire('riley', 2_000), { ok: true });
  });

  it('refusal says when the oldest event leaves the window', () => {
    const limiter = new SlidingWindowLimiter(2, 60_000);
    limiter.tryAcquire('riley', 10_000);
    limiter.tryAcquire('riley', 20_000);
    assert.deepEqual(limiter.tryAcquire('riley', 30_000), { ok: false, retryAfterMs: 40_000 });
  });

  it('allows again once the window has passed', () => {
    const limiter = new SlidingWindowLimiter(1, 60_000);
    limiter.tryAcquire('riley', 0);
    assert.equal(limiter.tryAcquire('riley', 59_999).ok, false);
    assert.equal(limiter.tryAcquire('riley', 60_000).ok, true);
  });

  it('refused events do not extend the wait', () => {
    const limiter = new SlidingWindowLimiter(1, 60_000);
    limiter.tryAcquire('riley', 0);
    limiter.tryAcquire('riley', 30_000);
    assert.equal(limiter.tryAcquire('riley', 60_000).ok, true);
  });

  it('keys are counted apart', () => {
    const limiter = new SlidingWindowLimiter(1, 60_000);
    limiter.tryAcquire('riley', 0);
    assert.equal(limiter.tryAcquire('jordan', 0).ok, true);
  });

  it('quiet keys are dropped', () => {
    const limiter = new SlidingWindowLimiter(1, 60_000);
    limiter.tryAcquire('riley', 0);
    limiter.tryAcquire('jordan', 30_000);
    assert.equal(limiter.size(70_000), 1);
  });

  it('invalid limit is rejected', () => {
    assert.throws(() => new SlidingWindowLimiter(0, 60_000), /rate limit 0 is invalid/);
  });

  it('never allows more than the limit in any window', () => {
    const times = fc.array(fc.integer({ min: 0, max: 300_000 }), { maxLength: 200 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 }), times, (limit, raw) => {
        const limiter = new SlidingWindowLimiter(limit, 60_000);
        const allowed = [...raw]
          .sort((a, b) => a - b)
          .filter((at) => limiter.tryAcquire('k', at).ok);
        return allowed.every(
          (at) => allowed.filter((other) => other > at - 60_000 && other <= at).length <= limit,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('concurrency limit', () => {
  it('refuses past the maximum', () => {
    const limit = new ConcurrencyLimit(2);
    assert.ok(limit.tryAcquire());
    assert.ok(limit.tryAcquire());
    assert.equal(limit.tryAcquire(), undefined);
  });

  it('release frees a slot once', () => {
    const limit = new ConcurrencyLimit(1);
    const release = limit.tryAcquire();
    assert.ok(release);
    release();
    release();
    assert.equal(limit.active, 0);
    assert.ok(limit.tryAcquire());
  });

  it('work past the limit still counts', () => {
    const limit = new ConcurrencyLimit(1);
    limit.acquireOverLimit();
    assert.equal(limit.active, 1);
    assert.equal(limit.tryAcquire(), undefined);
  });
});
