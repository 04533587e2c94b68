import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { END_MARKER, START_MARKER } from '../../bench/report';
import type { BenchResults } from '../../bench/results';

const ROOT = path.join(__dirname, '..', '..');
const run = promisify(execFile);

describe('bench smoke run', function () {
  // The 3 concurrent checks need 12 identity-report requests, which Graph's budget spreads
  // over 20 s. The whole run took about 30 s on 2 cores.
  this.timeout(180_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-bench-test-'));
  const page = path.join(dir, 'benchmarks.md');
  const json = path.join(dir, 'benchmarks.json');
  let results: BenchResults;

  before(async () => {
    const args = ['--require', require.resolve('tsx/cjs'), 'bench/run.ts', '--smoke'];
    await run(process.execPath, [...args, '--out', page, '--json', json], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
    results = JSON.parse(readFileSync(json, 'utf8')) as BenchResults;
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses the smoke profile at 10 ms', () => {
    assert.equal(results.profile, 'smoke');
    assert.equal(results.latencyMs, 10);
  });

  it('single checks complete on both sides', () => {
    for (const scenario of results.scenarios) {
      assert.deepEqual(scenario.firebreak.check.problems, [], `${scenario.name} Firebreak`);
      assert.deepEqual(scenario.baseline.check.problems, [], `${scenario.name} baseline`);
    }
  });

  it('baseline reads what Firebreak reads', () => {
    for (const scenario of results.scenarios) {
      assert.ok(scenario.sameReads, `${scenario.name} reads differ`);
    }
  });

  it('concurrent checks have zero failures', () => {
    assert.ok(results.concurrent.length > 0, 'no concurrent run was recorded');
    for (const run of results.concurrent) {
      assert.equal(run.failures, 0, JSON.stringify(run.failureReasons));
    }
  });

  it('chat check reaches the report card', () => {
    assert.equal(typeof results.chat[0]?.reportCardMs, 'number');
  });

  it('page holds the generated figures', () => {
    const text = readFileSync(page, 'utf8');
    assert.ok(text.includes(START_MARKER), 'start marker missing');
    assert.ok(text.includes(END_MARKER), 'end marker missing');
    assert.match(text, /### Targets/);
  });
});
