/**
 * Renders a run's figures as Markdown and writes them into the benchmark page, between the
 * markers below, leaving the page's hand-written explanation around them untouched.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { type BenchResults, megabytes, pairs, ratio, seconds } from './results';

export const START_MARKER = '<!-- bench:results:start -->';
export const END_MARKER = '<!-- bench:results:end -->';

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

function singleChecks(results: BenchResults): string[] {
  const rows: string[][] = [];
  for (const scenario of pairs(results.scenarios)) {
    const { firebreak, baseline } = scenario;
    const limit = firebreak.limit;
    for (const side of [firebreak, baseline]) {
      const check = side.check;
      rows.push([
        scenario.name,
        check.mode,
        seconds(check.wallMs),
        `${side.graph.httpRequests} (${side.graph.calls} calls)`,
        String(side.graph.throttled),
        String(check.roundTrips),
        megabytes(check.peakRssBytes),
        check.complete ? 'yes' : `no: ${check.problems.join('; ')}`,
      ]);
    }
    rows.push([
      scenario.name,
      'limit',
      seconds(limit.limitMs),
      `${limit.budgetedRequests} identity-report`,
      '',
      String(limit.depth),
      '',
      `depth x latency ${seconds(limit.depthMs)}, budget ${seconds(limit.budgetMs)}`,
    ]);
  }
  return table(
    ['user', 'run', 'wall time', 'HTTP requests', '429s', 'round trips', 'peak RSS', 'complete'],
    rows,
  );
}

function ratios(results: BenchResults): string[] {
  const rows = pairs(results.scenarios).map((scenario) => {
    const firebreakMs = scenario.firebreak.check.wallMs;
    return [
      scenario.name,
      ratio(scenario.baseline.check.wallMs / firebreakMs),
      ratio(firebreakMs / scenario.firebreak.limit.limitMs),
      ratio(scenario.baseline.check.wallMs / scenario.firebreak.limit.limitMs),
      scenario.sameReads ? 'yes' : 'no',
    ];
  });
  return table(
    ['user', 'baseline / Firebreak', 'Firebreak / limit', 'baseline / limit', 'same reads'],
    rows,
  );
}

function chat(results: BenchResults): string[] {
  const rows = results.chat.map((timing, index) => [
    index === 0 ? 'first (cold bot)' : `${index + 1} (warm bot)`,
    `${Math.round(timing.typingMs)} ms`,
    `${Math.round(timing.acknowledgementMs)} ms`,
    timing.reportCardMs === undefined ? '' : seconds(timing.reportCardMs),
  ]);
  return table(['check in chat', 'typing', 'acknowledgement', 'report card'], rows);
}

function concurrent(results: BenchResults): string[] {
  const rows = results.concurrent.map((run) => [
    `${run.checks}`,
    run.budget ? 'on' : 'off',
    seconds(run.p50Ms),
    seconds(run.p95Ms),
    seconds(run.maxMs),
    String(run.failures),
    `${run.graph.httpRequests} (${run.graph.throttled} x 429)`,
    run.budget ? `${seconds(run.limitP50Ms)} / ${seconds(run.limitP95Ms)}` : '',
    Object.entries(run.failureReasons)
      .map(([reason, count]) => `${count} x ${reason}`)
      .join('; '),
  ]);
  return table(
    [
      'checks',
      'budget',
      'p50',
      'p95',
      'max',
      'failed',
      'HTTP requests',
      'limit p50 / p95',
      'failures',
    ],
    rows,
  );
}

/** Renders the generated part of the page. */
export function renderResults(results: BenchResults): string {
  const { machine } = results;
  const lines = [
    START_MARKER,
    '',
    `Run \`${results.command}\` on ${results.date}, ${results.profile} profile, ` +
      `${results.latencyMs} ms latency per Graph request, in ${seconds(results.durationMs)}.`,
    `Machine: ${machine.cpu}, nproc ${machine.nproc}, ${machine.memoryGiB} GiB memory, ` +
      `Node ${machine.node}, ${machine.platform}.`,
    '',
    '### Targets',
    '',
    ...table(
      ['target', 'measured', 'result'],
      results.targets.map((t) => [t.target, t.measured, t.met ? 'met' : '**missed**']),
    ),
    '',
    '### Ratios',
    '',
    ...ratios(results),
    '',
    '### One check',
    '',
    ...results.scenarios.map((scenario) => `- ${scenario.name}: ${scenario.description}`),
    '',
    ...singleChecks(results),
    '',
    '### In chat',
    '',
    ...chat(results),
    '',
    '### Concurrent checks',
    '',
    ...concurrent(results),
    '',
    END_MARKER,
  ];
  return `${lines.join('\n')}\n`;
}

/** Replaces the generated part of `path`, or writes a page with only that part. */
export function writeResults(path: string, results: BenchResults): void {
  const generated = renderResults(results);
  const page = existsSync(path) ? readFileSync(path, 'utf8') : '';
  const start = page.indexOf(START_MARKER);
  const end = page.indexOf(END_MARKER);
  if (start < 0 || end < start) {
    writeFileSync(path, `# Benchmarks\n\n${generated}`);
    return;
  }
  const after = page.slice(end + END_MARKER.length).replace(/^\n/, '');
  writeFileSync(path, `${page.slice(0, start)}${generated}${after}`);
}
