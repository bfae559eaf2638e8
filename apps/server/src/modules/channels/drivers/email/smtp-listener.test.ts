import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import nodemailer from 'nodemailer';
import { afterAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../../../test/harness.js';
import { testConfig } from '../../../../../test/harness.js';
import { createWorkspace } from '../../../../../test/factories.js';
import { mailTestApp } from '../../../../../test/mail-test-app.js';
import { createLogger } from '../../../../platform/logger.js';
import { FileStore } from '../../../../platform/file-store.js';
import { SmtpListener } from './smtp-listener.js';

// The default limit (SMTP_MAX_MESSAGE_BYTES unset: 25 MiB).
const mail = mailTestApp();
const quietLogger = createLogger({ log: { level: 'silent', format: 'json' } });
const extraListeners: SmtpListener[] = [];
afterAll(async () => {
  for (const listener of extraListeners) await listener.close();
});

async function emailChannel(t: TestApp, owner: Client) {
  const address = `support-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@acme.test`;
  const created = await t.request('POST', '/api/v1/channels', {
    as: owner,
    body: { kind: 'email', name: 'Acme Support', address },
  });
  expect(created.statusCode).toBe(201);
  return address;
}

/** A message of about `bytes` bytes made while it is sent: the sending side never holds it whole either. */
function hugeMessage(from: string, to: string, bytes: number): Readable {
  const header = Buffer.from(
    `From: ${from}\r\nTo: ${to}\r\nSubject: Huge\r\nMessage-ID: <huge-${Date.now()}@example.de>\r\n` +
      'Content-Type: text/plain; charset=us-ascii\r\n\r\n',
  );
  const line = `${'x'.repeat(76)}\r\n`;
  const block = Buffer.from(line.repeat(Math.floor((256 * 1024) / line.length)));
  let sent = 0;
  return Readable.from(
    (function* () {
      yield header;
      while (sent < bytes) {
        sent += block.length;
        yield Buffer.from(block);
      }
    })(),
  );
}

/** Another listener on the file's database, with its own settings. */
async function listenerWith(env: Record<string, string>) {
  const listener = new SmtpListener({
    db: mail.app.db,
    files: new FileStore(join(tmpdir(), 'rapport-smtp-listener-test')),
    mail: testConfig({ MAIL_DOMAIN: 'rapport.test', ...env }).mail,
    logger: quietLogger,
  });
  extraListeners.push(listener);
  return { listener, port: await listener.listen(0, '127.0.0.1') };
}

/** The first line the server says on a new connection, and the socket. */
function greeting(port: number): Promise<{ line: string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    let text = '';
    socket.on('data', (data: Buffer) => {
      text += data.toString();
      if (text.includes('\r\n')) resolve({ line: text.split('\r\n')[0]!, close: () => socket.destroy() });
    });
    socket.on('error', reject);
  });
}

describe('the SMTP listener under oversize mail and many connections', () => {
  it('refuses a 30 MB message at the default 25 MiB limit with 552, and takes the next message', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const address = await emailChannel(t, owner.client);
    await expect(
      mail.send({
        envelope: { from: 'big@example.de', to: [address] },
        raw: hugeMessage('big@example.de', address, 30 * 1000 * 1000),
      }),
    ).rejects.toThrow(/552 5\.3\.4 Message too big: the limit is 26214400 bytes/);
    const next = await mail.send({ from: 'big@example.de', to: address, subject: 'Kleiner', text: 'Jetzt klein.' });
    expect(next.response).toMatch(/^250 .*Accepted #1/);
    const list = await t.request('GET', '/api/v1/conversations', { as: owner.client });
    expect(list.json().items.map((c: { subject: string }) => c.subject)).toEqual(['Kleiner']);
  }, 120_000);

  it('drains mail past the limit without keeping it: memory stays flat while 64 MB stream in', async () => {
    const { owner } = await createWorkspace(mail.app.db);
    const address = await emailChannel(mail.app, owner.client);
    const { port } = await listenerWith({ SMTP_MAX_MESSAGE_BYTES: String(1024 * 1024) });
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const used = () => {
      gc();
      const memory = process.memoryUsage();
      return memory.heapUsed + memory.external;
    };
    const baseline = used();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, used())), 25);
    const client = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
    try {
      await expect(
        client.sendMail({
          envelope: { from: 'big@example.de', to: [address] },
          raw: hugeMessage('big@example.de', address, 64 * 1000 * 1000),
        }),
      ).rejects.toThrow(/552 5\.3\.4/);
    } finally {
      clearInterval(sampler);
      client.close();
    }
    // Kept whole, the message alone would add 64 MB; drained, what is live stays near the 1 MiB limit.
    expect(peak - baseline).toBeLessThan(24 * 1000 * 1000);
  }, 120_000);

  it('files malformed MIME, mail without headers and raw 8-bit headers sent over SMTP, and goes on taking mail', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const address = await emailChannel(t, owner.client);
    const raw = (...lines: (string | Buffer)[]) =>
      Buffer.concat(lines.map((line) => Buffer.concat([Buffer.from(line), Buffer.from('\r\n')])));
    const latin2 = (text: string) => Buffer.from(text.replace(/ő/g, '\xf5').replace(/ű/g, '\xfb'), 'latin1');
    const deliveries = [
      // No From, Subject, Date, Message-ID or MIME-Version: the envelope's sender is the customer.
      { from: 'bare@example.de', raw: raw('X-Nothing: here', '', 'Nur ein Text.') },
      // A multipart whose boundary never comes, with a part declared base64 that is not.
      {
        from: 'broken@example.de',
        raw: raw(
          'From: broken@example.de',
          'Subject: Kaputt',
          'MIME-Version: 1.0',
          'Content-Type: multipart/mixed; boundary="never-there"',
          '',
          'Text vor jeder Grenze.',
          '--wrong-boundary',
          'Content-Type: application/pdf',
          'Content-Transfer-Encoding: base64',
          '',
          '%%% not base64 at all %%%',
        ),
      },
      // Headers in raw ISO-8859-2 bytes, no encoded words (what old Hungarian clients send).
      {
        from: 'regi@example.hu',
        raw: raw(
          Buffer.concat([Buffer.from('From: '), latin2('Öreg Gáborné <regi@example.hu>')]),
          Buffer.concat([Buffer.from('Subject: '), latin2('Árvíztűrő tükörfúrógép')]),
          'MIME-Version: 1.0',
          'Content-Type: text/plain; charset=iso-8859-2',
          'Content-Transfer-Encoding: 8bit',
          '',
          latin2('Jó napot, tükörfúrógép kérdés.'),
        ),
      },
      // Not a message at all: binary noise, no header/body separation.
      { from: 'noise@example.de', raw: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) % 256)) },
    ];
    for (const delivery of deliveries) {
      const sent = await mail.send({ envelope: { from: delivery.from, to: [address] }, raw: delivery.raw });
      expect(sent.response).toMatch(/^250 /);
    }
    const list = await t.request('GET', '/api/v1/conversations', { as: owner.client });
    const items = list.json().items as { id: string; subject: string; customer: { displayName: string } }[];
    expect(items.map((c) => c.subject).sort()).toEqual(['', '', 'Kaputt', 'Árvíztűrő tükörfúrógép']);
    const hungarian = items.find((c) => c.subject === 'Árvíztűrő tükörfúrógép')!;
    expect(hungarian.customer.displayName).toBe('Öreg Gáborné');
    const thread = await t.request('GET', `/api/v1/conversations/${hungarian.id}/messages`, { as: owner.client });
    expect(thread.json().items[0].bodyText).toBe('Jó napot, tükörfúrógép kérdés.');
    const broken = items.find((c) => c.subject === 'Kaputt')!;
    const brokenThread = await t.request('GET', `/api/v1/conversations/${broken.id}/messages`, { as: owner.client });
    // Text before the first boundary is a multipart's preamble, not the message: stored, and empty.
    expect(brokenThread.json().items).toEqual([expect.objectContaining({ direction: 'inbound', bodyText: '' })]);
    for (const sender of ['bare@example.de', 'broken@example.de', 'noise@example.de']) {
      const customer = await t.request('GET', `/api/v1/customers/lookup?kind=email&value=${sender}`, { as: owner.client });
      expect(customer.statusCode).toBe(200);
    }
    // And the server is still there for the next one.
    const next = await mail.send({ from: 'after@example.de', to: address, subject: 'Danach', text: 'Alles gut.' });
    expect(next.response).toMatch(/^250 /);
  });

  it('answers connections beyond SMTP_MAX_CLIENTS with 421, and takes new ones once others close', async () => {
    const { port } = await listenerWith({ SMTP_MAX_CLIENTS: '2' });
    const first = await greeting(port);
    const second = await greeting(port);
    expect(first.line).toMatch(/^220 /);
    expect(second.line).toMatch(/^220 /);
    const third = await greeting(port);
    expect(third.line).toMatch(/^421 .*Too many connected clients/);
    third.close();
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await greeting(port);
    expect(again.line).toMatch(/^220 /);
    again.close();
    second.close();
  });
});
