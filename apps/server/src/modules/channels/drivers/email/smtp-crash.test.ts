import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@rapport/db';
import { createFreshDatabase } from '../../../../../test/database.js';
import { createWorkspace } from '../../../../../test/factories.js';
import { newId } from '../../../../platform/ids.js';

const fixture = fileURLToPath(new URL('./smtp-listener.fixture.mjs', import.meta.url));

/** The listener in its own process; resolves with the process and its port once it listens. */
async function listener(location: { url?: string; dataDir?: string }, filesDir: string) {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', fixture], {
    env: {
      ...process.env,
      ...(location.url ? { TEST_DB_URL: location.url } : { TEST_DATA_DIR: location.dataDir! }),
      FILES_DIR: filesDir,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout })) {
    const port = /^PORT (\d+)$/.exec(line)?.[1];
    if (port) return { child, port: Number(port) };
  }
  throw new Error('the SMTP listener did not start');
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );
}

describe('the SMTP server killed (kill -9) during a burst of mail', () => {
  it('keeps every message it answered 250, and takes the others when the senders retry, each once', async () => {
    const fresh = await createFreshDatabase();
    const filesDir = await mkdtemp(join(tmpdir(), 'rapport-smtp-crash-'));
    const { workspaceId } = await createWorkspace(fresh.database.db);
    const address = `support-${newId().slice(0, 8)}@acme.test`;
    await fresh.database.db
      .insertInto('channels')
      .values({ workspace_id: workspaceId, id: newId(), kind: 'email', name: 'Support', address })
      .execute();
    // The embedded database belongs to one process at a time: hand the folder over.
    if (fresh.location.dataDir) await fresh.database.close();

    const total = 120;
    const mails = Array.from({ length: total }, (_, i) => ({
      from: `sender-${i % 30}@example.hu`,
      to: address,
      subject: `Burst ${i}`,
      text: `Üzenet ${i}: ${'árvíztűrő tükörfúrógép '.repeat(40)}`,
      messageId: `<burst-${i}@example.hu>`,
    }));
    const accepted = new Set<number>();
    const first = await listener(fresh.location, filesDir);
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: first.port,
      secure: false,
      ignoreTLS: true,
      pool: true,
      maxConnections: 6,
    });
    let killed = false;
    await Promise.all(
      mails.map(async (mail, i) => {
        try {
          await transport.sendMail(mail);
          accepted.add(i);
          if (accepted.size === 40 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          // The connection died with the server: a real sender keeps the mail and retries later.
        }
      }),
    );
    transport.close();
    await exited(first.child);
    expect(killed).toBe(true);
    expect(accepted.size).toBeGreaterThanOrEqual(40);
    expect(accepted.size).toBeLessThan(total);

    // The senders retry everything they were not told was accepted (and some that were, as MTAs may).
    const second = await listener(fresh.location, filesDir);
    const retry = nodemailer.createTransport({ host: '127.0.0.1', port: second.port, secure: false, ignoreTLS: true });
    for (let i = 0; i < total; i++) if (!accepted.has(i) || i % 10 === 0) await retry.sendMail(mails[i]!);
    retry.close();
    second.child.kill('SIGTERM');
    await exited(second.child);

    const database = fresh.location.dataDir ? await openDatabase({ dataDir: fresh.location.dataDir }) : fresh.database;
    const stored = await database.db
      .selectFrom('messages')
      .select('external_id')
      .where('workspace_id', '=', workspaceId)
      .execute();
    const ids = stored.map((m) => m.external_id).sort();
    expect(ids).toEqual(mails.map((m) => m.messageId.slice(1, -1)).sort());
    if (fresh.location.dataDir) await database.close();
    await fresh.drop().catch(() => undefined);
    await rm(filesDir, { recursive: true, force: true });
  }, 90_000);
});
