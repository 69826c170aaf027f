// `npm run bench:web`: the web budgets of the storefront.
//  1. Initial JavaScript: what web/dist/index.html loads before anything renders (its module
//     script and every modulepreload), gzipped as a server would send it. Target ≤ 200 KB.
//  2. First render of the home page on the embedded database: a fresh `tasman serve` with the
//     demo corridor on a temporary PGlite directory, Debian's Chromium (phone viewport, zh-CN,
//     empty cache each load), BENCH_LOADS loads (5) after one warm-up. Per load: first
//     contentful paint, and `home_ready` — navigation start until the home page shows a product
//     from the API (a link to /products/…), which is what a shopper waits for. Target: home_ready
//     p50 < 1.5 s. Prints one JSON line; the exit code is non-zero when a step fails (a missed
//     target is `target_met: false`, not a failure). Builds the web apps first (npm run web:build).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { envInt, freePort, logger, machineFigures, percentile, ROOT, round1, start, stopAll, TASMAN, until200 } from './lib.ts';

const LOADS = envInt('BENCH_LOADS', 5, 1, 100);
const CHROMIUM = '/usr/bin/chromium';
const JS_BUDGET_KB = 200;
const HOME_READY_BUDGET_MS = 1500;
const log = logger('web');
const DIST = join(ROOT, 'web', 'dist');

function initialJs(): { files: { file: string; gzip_kb: number }[]; total_gzip_kb: number; css_gzip_kb: number } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const js = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1] as string);
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1] as string);
  const gz = (f: string) => gzipSync(readFileSync(join(DIST, f.replace(/^\//, '')))).length / 1024;
  const files = [...new Set(js)].map((file) => ({ file, gzip_kb: round1(gz(file)) }));
  return {
    files,
    total_gzip_kb: round1([...new Set(js)].reduce((a, f) => a + gz(f), 0)),
    css_gzip_kb: round1(css.reduce((a, f) => a + gz(f), 0)),
  };
}

async function main() {
  log('building the web apps');
  const build = spawnSync('npm', ['run', '-s', 'web:build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run web:build failed');
  const js = initialJs();
  log(`storefront initial JS: ${js.total_gzip_kb} KB gzipped in ${js.files.length} files`);

  const dir = mkdtempSync(join(tmpdir(), 'tasman-bench-web-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  env.TASMAN_SECRET = randomBytes(24).toString('hex');
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const child = start([TASMAN, 'serve'], env, 'serve');
    await until200(child, `${base}/ready`, 180_000);
    const loads: { fcp: number; ready: number }[] = [];
    for (let i = 0; i <= LOADS; i++) {
      const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
      const page = await ctx.newPage();
      await page.goto(`${base}/`, { waitUntil: 'commit' });
      await page.locator('main a[href^="/products/"]').first().waitFor({ timeout: 30_000 });
      const t = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN;
        return { fcp, ready: performance.now() - nav.startTime };
      });
      await ctx.close();
      if (i > 0) loads.push(t); // the first load warms the server's caches
      log(`load ${i}${i === 0 ? ' (warm-up)' : ''}: first contentful paint ${round1(t.fcp)} ms, home ready ${round1(t.ready)} ms`);
    }
    const fcp = Float64Array.from(loads.map((l) => l.fcp)).sort();
    const ready = Float64Array.from(loads.map((l) => l.ready)).sort();
    const result = {
      bench: 'web',
      storefront_initial_js_gzip_kb: js.total_gzip_kb,
      storefront_initial_js_files: js.files,
      storefront_initial_css_gzip_kb: js.css_gzip_kb,
      home_fcp_p50_ms: percentile(fcp, 50, round1),
      home_ready_p50_ms: percentile(ready, 50, round1),
      home_ready_max_ms: round1(ready[ready.length - 1] ?? Number.NaN),
      loads: LOADS,
      database: 'embedded',
      target_met: js.total_gzip_kb <= JS_BUDGET_KB && percentile(ready, 50, round1) < HOME_READY_BUDGET_MS,
      ...machineFigures(round1),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    await browser.close();
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(async (err) => {
  log(`FAILED: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll();
  process.exit(1);
});
