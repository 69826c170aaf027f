#!/usr/bin/env node
// `npm test`: type-check, lint, build the web apps, then the whole suite twice — on embedded PGlite and on
// PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) — and
// one closing line with the totals. `--only pglite|postgres` runs one of the two.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const extra = args.filter((a, i) => a !== '--only' && args[i - 1] !== '--only');
const pgUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

function run(cmd, cmdArgs, env = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

let failedSteps = 0;
if (!only) {
  console.log('\n== type-check (tsc) ==');
  if (run('npx', ['tsc', '-p', '.']) !== 0) failedSteps++;
  if (run('npx', ['tsc', '-p', 'web']) !== 0) failedSteps++;
  console.log('\n== lint (biome) ==');
  if (run('npx', ['biome', 'check', '.']) !== 0) failedSteps++;
}

// The browser tests load the web apps from web/dist, as `npm start` serves them.
console.log('\n== web apps (vite build) ==');
if (run('npm', ['run', '-s', 'web:build']) !== 0) failedSteps++;

mkdirSync('.tmp', { recursive: true });
let passed = 0;
let failed = 0;
const runs = [
  { name: 'pglite', env: { DATABASE_URL: '' } },
  // The browser tests run once, in the embedded pass (the database `npm start` uses): they test
  // the web apps, and the API under them is tested on both databases by test/e2e. Twice, they
  // would take CI past its 20-minute budget on two cores. The unit tests beside the code
  // (src/**, web/**) and the web source checks (test/web) touch no database: once is enough.
  {
    name: 'postgres',
    env: { DATABASE_URL: pgUrl },
    args: ['--exclude', 'test/browser/**', '--exclude', 'src/**', '--exclude', 'web/**', '--exclude', 'test/web/**'],
  },
].filter((r) => !only || r.name === only);

for (const r of runs) {
  console.log(`\n== tests on ${r.name} ==`);
  const out = `.tmp/vitest-${r.name}.json`;
  const code = run(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...(r.args ?? []), ...extra],
    r.env,
  );
  try {
    const j = JSON.parse(readFileSync(out, 'utf8'));
    passed += j.numPassedTests;
    failed += j.numFailedTests + (code !== 0 && j.numFailedTests === 0 ? 1 : 0);
    if (j.numTotalTests === 0) failed++;
  } catch {
    failed++;
  }
  if (code !== 0 && failed === 0) failed++;
}

console.log(`\n${passed} passed, ${failed + failedSteps} failed`);
process.exit(failed + failedSteps > 0 ? 1 : 0);
