import { spawn } from 'node:child_process';
import { mkdtemp, rm, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openDatabase, checksumDatabase } from '@rapport/db';
import { testEngine } from '../test/database.js';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Runs `rapport …` from the sources, as the bin script would. */
function rapport(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', main, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exit, output: () => output };
}

// The embedded database is what `npm start` runs; on PostgreSQL the same code paths are covered by the API tests.
describe.skipIf(testEngine !== 'pglite')('the rapport command', () => {
  it('starts, prints the setup link, stops cleanly on SIGTERM, and backs up and restores', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rapport-cli-'));
    const port = await freePort();
    const smtpPort = await freePort();
    const env = { RAPPORT_DATA_DIR: dataDir, PORT: String(port), SMTP_PORT: String(smtpPort) };
    const server = rapport(['start'], env);
    while (!/setup#token=/.test(server.output())) {
      if (server.child.exitCode !== null) throw new Error(server.output());
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(server.output()).toContain(`Rapport is running at http://127.0.0.1:${port}`);
    expect(server.output()).toContain(`Inbound mail: SMTP on 127.0.0.1:${smtpPort}`);
    const link = /http:\/\/\S+\/setup#token=(\S+)/.exec(server.output())!;
    const setup = await fetch(`http://127.0.0.1:${port}/api/v1/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        token: link[1],
        workspaceName: 'Toshkent filiali',
        name: 'Aziz Karimov',
        email: 'aziz@example.uz',
        password: 'Assalomu alaykum 1',
        locale: 'uz',
      }),
    });
    expect(setup.status).toBe(201);
    server.child.kill('SIGTERM');
    expect(await server.exit).toBe(0);
    expect(await readdir(dataDir)).not.toContain('rapport.pid');

    const second = rapport(['setup'], env);
    expect(await second.exit).toBe(1);
    expect(second.output()).toContain('Setup was completed before');

    const file = join(dataDir, '..', `${port}-backup.jsonl.gz`);
    const backup = rapport(['backup', file], env);
    expect(await backup.exit).toBe(0);
    const restoredDir = await mkdtemp(join(tmpdir(), 'rapport-cli-restore-'));
    const restore = rapport(['restore', file], { ...env, RAPPORT_DATA_DIR: restoredDir });
    expect(await restore.exit).toBe(0);
    expect(restore.output()).toMatch(/Restored \d+ rows/);

    const [a, b] = [await openDatabase({ dataDir }), await openDatabase({ dataDir: restoredDir })];
    expect(await b.withSession(checksumDatabase)).toEqual(await a.withSession(checksumDatabase));
    await a.close();
    await b.close();

    const bad = rapport(['start'], { ...env, PORT: 'eighty', DATABASE_URL: 'mysql://nope' });
    expect(await bad.exit).toBe(2);
    expect(bad.output()).toMatch(/PORT.*\n.*DATABASE_URL|DATABASE_URL.*\n.*PORT/);
    await rm(dataDir, { recursive: true, force: true });
    await rm(restoredDir, { recursive: true, force: true });
    await rm(file, { force: true });
  }, 90_000);
});
