// Running the `tasman` command as a child process in tests: a clean environment, output
// captured, a time limit, and clean-up of children and temporary data directories.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const NODE = join(ROOT, 'node_modules/.bin/node');
export const BIN = join(ROOT, 'bin/tasman.js');
// Generous: on a loaded two-core machine a cold PGlite start alone can take 10–30 s.
export const CLI_TIMEOUT_MS = 120_000;
export const SLOW = { timeout: 300_000 };

export const children = new Set<ChildProcess>();
export const tempDirs: string[] = [];

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tasman-cli-'));
  tempDirs.push(dir);
  return dir;
}

export async function killAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('close', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
  children.clear();
}

/** The child's whole environment: nothing of this process's settings leaks in. */
export function childEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), ...vars };
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function launch(args: string[], vars: Record<string, string>): { child: ChildProcess; out: { stdout: string; stderr: string } } {
  const child = spawn(NODE, [BIN, ...args], { cwd: ROOT, env: childEnv(vars), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out.stdout += d;
  });
  child.stderr?.setEncoding('utf8').on('data', (d: string) => {
    out.stderr += d;
  });
  return { child, out };
}

/** Resolves when the child has exited (and its output is read), or kills it and rejects after `timeoutMs`. */
export function exited(
  child: ChildProcess,
  out: { stdout: string; stderr: string },
  what: string,
  timeoutMs = CLI_TIMEOUT_MS,
): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not exit within ${timeoutMs} ms\nstdout: ${out.stdout}\nstderr: ${out.stderr}`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      children.delete(child);
      resolve({ code, signal, ...out, ms: Date.now() - started });
    });
  });
}

export function tasman(args: string[], vars: Record<string, string>, timeoutMs = CLI_TIMEOUT_MS): Promise<Run> {
  const { child, out } = launch(args, vars);
  return exited(child, out, `tasman ${args.join(' ')}`, timeoutMs);
}

// biome-ignore lint/suspicious/noExplicitAny: CLI JSON is read loosely on purpose
export function json(r: Run): any {
  try {
    return JSON.parse(r.stdout);
  } catch {
    throw new Error(`stdout is not one JSON document (exit ${r.code})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  }
}

/** Remove the temporary data directories made by `tempDir` (call in afterAll). */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** A `tasman serve` process on `databaseUrl` (no worker, no demo data), once it is ready; killed by killAll. */
export async function startServer(databaseUrl: string, secret: string): Promise<{ child: ChildProcess; url: string }> {
  const { child, out } = launch(['serve'], {
    DATABASE_URL: databaseUrl,
    TASMAN_SECRET: secret,
    DATA_DIR: tempDir(),
    PORT: '0',
    HOST: '127.0.0.1',
    SEED_DEMO: 'false',
    WORKER: 'false',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
    PLAN_RATE_LIMITS: 'false',
  });
  exited(child, out, 'tasman serve', 600_000).catch(() => {}); // killed in afterAll
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`serve exited with ${child.exitCode}\nstdout: ${out.stdout}\nstderr: ${out.stderr}`);
    const url = /Tasman is running at (http:\/\/\S+)/.exec(out.stdout)?.[1]?.replace('://localhost', '://127.0.0.1');
    if (url && (await fetch(`${url}/ready`).catch(() => undefined))?.status === 200) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`serve was not ready in time\nstdout: ${out.stdout}\nstderr: ${out.stderr}`);
}
