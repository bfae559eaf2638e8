// Starting the built server and signing in, shared by the benchmarks.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort } from '../../lib/postgres.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const cli = join(root, 'apps/server/bin/rapport.js');

/**
 * The benchmarks' PostgreSQL runs as a production server would be set up: shared_buffers at about a quarter of
 * the RAM a database of this size gets (PostgreSQL's own default, 128MB, is meant for starting anywhere, not for
 * serving a million customers). Tests keep the defaults.
 */
export const benchPostgresSettings = { shared_buffers: '1GB' };

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts `rapport start`; resolves when /healthz answers, with the time it took and the setup link if printed. */
export async function startServer(env, nodeArgs = []) {
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, cli, 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      SMTP_PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rapport exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(5);
  }
  const startMs = performance.now() - started;
  await sleep(200); // let it print the setup link
  const setupLink = /https?:\/\/\S+\/setup#token=\S+/.exec(output)?.[0] ?? null;
  return {
    child,
    url,
    startMs,
    setupLink,
    async stop() {
      const t = performance.now();
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      return performance.now() - t;
    },
  };
}

export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
}

export async function json(url, init) {
  const response = await fetch(url, init);
  const body = await response.json();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return { body, response };
}

export const account = { email: 'bench-owner@example.test', password: 'benchmark password 2026' };

export async function completeSetup(server) {
  const token = server.setupLink.split('#token=')[1];
  await json(`${server.url}/api/v1/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, workspaceName: 'Bench', name: 'Bench Owner', ...account, locale: 'en', timeZone: 'UTC' }),
  });
}

export async function signIn(server) {
  const { response } = await json(`${server.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(account),
  });
  return response.headers.get('set-cookie').split(';')[0];
}

export function packageVersion(name) {
  return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
}

/** "2 × AMD EPYC …, 24 GiB, Node v20…" */
export async function machineLine() {
  const { cpus, totalmem } = await import('node:os');
  return `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

/** Appends a section to docs/benchmarks.md (created with its heading when missing). */
export async function appendToBenchmarks(section) {
  const { existsSync } = await import('node:fs');
  const { readFile, writeFile } = await import('node:fs/promises');
  const file = join(root, 'docs/benchmarks.md');
  const existing = existsSync(file)
    ? await readFile(file, 'utf8')
    : '# Benchmarks\n\nFigures from `npm run bench` on generated data, newest last. Each section says when, on what machine and on how much data.\n';
  await writeFile(file, existing.trimEnd() + '\n' + section);
  return file;
}

/** Runs a bench script in its own Node process with a JSON config argument; resolves with the JSON it prints. */
export function runProcess(script, config) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, script), JSON.stringify(config)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`${script} exited ${code}`))));
  });
}
