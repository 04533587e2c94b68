/**
 * `npm run bench`: measures Firebreak's check against the local tenant with Graph's latency and
 * identity-report budget on, beside a one-request-at-a-time baseline and the limit that the
 * latency and the budget set, and writes the figures to docs/benchmarks.md.
 *
 *   npm run bench                      full run at 100 ms per request (18 minutes on 2 cores)
 *   npm run bench -- --latency 50      another latency per Graph request, in milliseconds
 *   npm run bench -- --smoke           small tenant, 10 ms, 3 concurrent checks, for CI
 *   --concurrent N                     checks started at once (default 100, smoke 3)
 *   --out FILE                         Markdown page to update (default docs/benchmarks.md)
 *   --json FILE                        also write every figure as JSON
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { writeLargeTenant } from '../emulator/tenants/generateLarge';
import { SERVICE_ACCOUNT } from '../emulator/tenants/builders/largeEvents';
import { measureChat } from './botTiming';
import { measureConcurrentChecks } from './concurrent';
import { writeResults } from './report';
import { type BenchResults, describeMachine, judgeTargets, type ScenarioResult } from './results';
import { measureSingleCheck, type Scenario } from './singleCheck';

const ROOT = path.join(__dirname, '..');
const DEMO_TENANT = path.join(ROOT, 'emulator', 'tenants', 'contoso-phish.json');
const WINDOW_MS = 2 * 86_400_000;

interface Profile {
  name: 'full' | 'smoke';
  latencyMs: number;
  large: { signIns: number; audits: number; ownedApps: number };
  chatChecks: number;
  concurrent: number;
  /** Also run the concurrent checks with the budget off, to tell the budget's share apart. */
  concurrentWithoutBudget: boolean;
  out: string;
}

function readProfile(argv: string[]): Profile {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      latency: { type: 'string' },
      concurrent: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const smoke = values.smoke === true;
  const count = (flag: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    if (!/^\d+$/.test(text)) {
      throw new Error(`Invalid --${flag} ${text}: give a whole number, for example --${flag} 100.`);
    }
    return Number(text);
  };
  return {
    name: smoke ? 'smoke' : 'full',
    latencyMs: count('latency', values.latency, smoke ? 10 : 100),
    large: smoke
      ? { signIns: 900, audits: 50, ownedApps: 5 }
      : { signIns: 50_000, audits: 500, ownedApps: 50 },
    chatChecks: smoke ? 1 : 3,
    concurrent: Math.max(1, count('concurrent', values.concurrent, smoke ? 3 : 100)),
    concurrentWithoutBudget: !smoke,
    out:
      values.out ??
      (smoke
        ? path.join(os.tmpdir(), 'firebreak-bench-smoke.md')
        : path.join(ROOT, 'docs', 'benchmarks.md')),
  };
}

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function measureScenario(
  scenario: Scenario,
  description: string,
  warmToo: boolean,
): Promise<ScenarioResult> {
  progress(`${scenario.name}: Firebreak check`);
  const firebreak = await measureSingleCheck(scenario, 'firebreak');
  progress(`${scenario.name}: baseline`);
  const baseline = await measureSingleCheck(scenario, 'baseline');
  const warm = warmToo
    ? {
        firebreak: await measureSingleCheck(scenario, 'firebreak', true),
        baseline: await measureSingleCheck(scenario, 'baseline', true),
      }
    : undefined;
  return {
    warm,
    name: scenario.name,
    user: scenario.user,
    description,
    firebreak,
    baseline,
    sameReads: JSON.stringify(firebreak.graph.reads) === JSON.stringify(baseline.graph.reads),
  };
}

async function run(argv: string[]): Promise<BenchResults> {
  const started = performance.now();
  const profile = readProfile(argv);
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-bench-'));
  try {
    const largeTenant = path.join(workDir, 'large-tenant.json');
    await writeLargeTenant(
      { ...profile.large, referenceTime: new Date().toISOString() },
      largeTenant,
    );
    const demo: Scenario = {
      name: 'demo user',
      tenant: DEMO_TENANT,
      user: 'alex.doe@contoso.com',
      latencyMs: profile.latencyMs,
      windowMs: WINDOW_MS,
    };
    const large: Scenario = {
      ...demo,
      name: 'large user',
      tenant: largeTenant,
      user: SERVICE_ACCOUNT.userPrincipalName,
    };
    const { signIns, audits, ownedApps } = profile.large;
    const scenarios = [
      await measureScenario(demo, `${demo.user} in contoso-phish.json, since 2 days ago`, true),
      await measureScenario(
        large,
        `${large.user} in a generated tenant with ${signIns} sign-ins, ${audits} audit events and ` +
          `${ownedApps} owned apps, since 2 days ago`,
        false,
      ),
    ];

    progress(`chat: ${profile.chatChecks} check(s) through the bot`);
    const chat = await measureChat(demo, profile.chatChecks);

    const perCheck = scenarios[0].firebreak.limit.budgetedRequests;
    progress(`${profile.concurrent} concurrent checks with the budget on`);
    const concurrent = [await measureConcurrentChecks(demo, profile.concurrent, true, perCheck)];
    if (profile.concurrentWithoutBudget) {
      progress(`${profile.concurrent} concurrent checks with the budget off`);
      concurrent.push(await measureConcurrentChecks(demo, profile.concurrent, false, perCheck));
    }

    const figures = { scenarios, chat, concurrent };
    const results: BenchResults = {
      command: `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`,
      date: new Date().toISOString().slice(0, 10),
      machine: describeMachine(),
      profile: profile.name,
      latencyMs: profile.latencyMs,
      durationMs: performance.now() - started,
      ...figures,
      targets: judgeTargets(figures),
    };
    writeResults(profile.out, results);
    progress(`figures written to ${profile.out}`);
    return results;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const results = await run(argv);
  const { values } = parseArgs({
    args: argv,
    strict: false,
    options: { json: { type: 'string' } },
  });
  if (typeof values.json === 'string')
    writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
  for (const target of results.targets) {
    process.stdout.write(
      `${target.met ? 'met   ' : 'MISSED'} ${target.target}: ${target.measured}\n`,
    );
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
