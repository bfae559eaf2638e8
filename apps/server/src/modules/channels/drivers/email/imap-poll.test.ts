import { randomBytes } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Client, TestApp } from '../../../../../test/harness.js';
import { createPerson, createWorkspace } from '../../../../../test/factories.js';
import { mailTestApp } from '../../../../../test/mail-test-app.js';
import { dovecotTestMode, hasDovecot, startDovecot, type TestImapServer } from '../../../../../test/dovecot.js';
import { until } from '../../../../../test/wait.js';
import { JobWorker } from '../../../../platform/jobs/worker.js';
import { FileStore } from '../../../../platform/file-store.js';
import { mailboxPollKey, scheduleMailboxPolls } from '../../mailboxes.js';
import { outboundMessageId } from './email-driver.js';
import { pollMailboxJob } from './imap-poll.js';

const dovecot = dovecotTestMode(hasDovecot, process.env);
if (dovecot === 'skip')
  console.warn('imap-poll.test.ts: skipped, /usr/sbin/dovecot is missing (apt-get install dovecot-imapd; CI always has it)');

const mail = mailTestApp({ maxMessageBytes: 256 * 1024 });
/** Every line the poll worker logged: the password must never be among them. */
const logLines: string[] = [];
let imap: TestImapServer;
let worker: JobWorker;

describe('whether the Dovecot tests run', () => {
  it('runs them where Dovecot is, skips them where it is not, and fails them then if REQUIRE_DOVECOT=1 (CI)', () => {
    expect(dovecotTestMode(true, {})).toBe('run');
    expect(dovecotTestMode(true, { REQUIRE_DOVECOT: '1' })).toBe('run');
    expect(dovecotTestMode(false, {})).toBe('skip');
    expect(dovecotTestMode(false, { REQUIRE_DOVECOT: '0' })).toBe('skip');
    expect(dovecotTestMode(false, { REQUIRE_DOVECOT: '1' })).toBe('fail');
  });
});

// 'fail': not skipped, so starting Dovecot throws in beforeAll and every test below fails, saying why.
describe.skipIf(dovecot === 'skip')('email channel: polling an IMAP mailbox (Dovecot)', () => {
  beforeAll(async () => {
    imap = await startDovecot();
    const { services } = mail.app.runtime;
    const logger = pino(
      { level: 'debug' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(chunk.toString());
          done();
        },
      }),
    );
    worker = new JobWorker(services.database, logger, {
      concurrency: 2,
      pollMs: 20,
      leaseSeconds: 30,
      retryDelaySeconds: () => 0,
    });
    worker.register(pollMailboxJob({ files: new FileStore(services.config.database.dataDir), mail: services.config.mail }));
    await worker.start();
  });
  afterAll(async () => {
    await worker?.stop();
    await imap?.close();
  });

  const unique = () => randomBytes(4).toString('hex');

  /** A workspace with an email channel, and a mail account on the IMAP server for it. */
  async function setup() {
    const t = mail.app;
    const workspace = await createWorkspace(t.db);
    const address = `support-${unique()}@acme.test`;
    const created = await t.request('POST', '/api/v1/channels', {
      as: workspace.owner.client,
      body: { kind: 'email', name: 'Acme Support', address },
    });
    expect(created.statusCode).toBe(201);
    const account = { user: address, password: `pw-${unique()}-${unique()}` };
    await imap.addUser(account.user, account.password);
    const box = await imap.client(account.user, account.password);
    return { t, ...workspace, channelId: created.json().id as string, address, account, box };
  }

  function message(options: {
    from: string;
    to: string;
    subject: string;
    body: string;
    messageId?: string;
    inReplyTo?: string;
  }): Buffer {
    const id = options.messageId ?? `${unique()}.${Date.now()}@example.org`;
    return Buffer.from(
      [
        `From: ${options.from}`,
        `To: ${options.to}`,
        `Subject: ${options.subject}`,
        `Message-ID: <${id}>`,
        ...(options.inReplyTo ? [`In-Reply-To: <${options.inReplyTo}>`, `References: <${options.inReplyTo}>`] : []),
        'Date: Tue, 24 Nov 2026 10:00:00 +0100',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        options.body,
        '',
      ].join('\r\n'),
    );
  }

  async function putImap(t: TestApp, as: Client, channelId: string, body: Record<string, unknown>) {
    return t.request('PUT', `/api/v1/channels/${channelId}/imap`, {
      as,
      body: { host: imap.host, port: imap.port, tls: false, pollIntervalSeconds: 3600, ...body },
    });
  }

  async function mailbox(t: TestApp, channelId: string) {
    return t.db.selectFrom('channel_mailboxes').selectAll().where('channel_id', '=', channelId).executeTakeFirstOrThrow();
  }

  /** Waits until run `run` of the chain has polled (its completion queues the next run). */
  async function polled(t: TestApp, channelId: string, run: number) {
    await until(async () => Number((await mailbox(t, channelId)).poll_run) > run);
  }

  /** PUTs the settings and waits for the poll they start (each PUT starts the next run of the chain at once). */
  async function putImapAndPoll(t: TestApp, as: Client, channelId: string, body: Record<string, unknown>) {
    const before = await t.db
      .selectFrom('channel_mailboxes')
      .select('poll_run')
      .where('channel_id', '=', channelId)
      .executeTakeFirst();
    const response = await putImap(t, as, channelId, body);
    expect(response.statusCode).toBe(200);
    await polled(t, channelId, before ? Number(before.poll_run) + 1 : 0);
    return response;
  }

  /** Brings the next poll (queued an interval ahead) forward to now, and waits for it. */
  async function pollNow(t: TestApp, channelId: string) {
    const run = Number((await mailbox(t, channelId)).poll_run);
    const moved = await t.db
      .updateTable('jobs')
      .set({ run_at: new Date() })
      .where('idempotency_key', '=', mailboxPollKey(channelId, run))
      .where('status', '=', 'queued')
      .returning('id')
      .execute();
    expect(moved).toHaveLength(1);
    worker.poke();
    await polled(t, channelId, run);
  }

  async function conversations(t: TestApp, as: Client) {
    const response = await t.request('GET', '/api/v1/conversations?status=active', { as });
    expect(response.statusCode).toBe(200);
    return response.json().items as { id: string; number: number; subject: string }[];
  }

  async function messages(t: TestApp, as: Client, conversationId: string) {
    const response = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { as });
    return response.json().items as { id: string; direction: string; bodyText: string; deliveryStatus: string }[];
  }

  async function getImap(t: TestApp, as: Client, channelId: string) {
    const response = await t.request('GET', `/api/v1/channels/${channelId}/imap`, { as });
    expect(response.statusCode).toBe(200);
    return response;
  }

  it('files every message on the first poll, nothing on the next, then new mail; leaves the mail untouched', async () => {
    const { t, owner, channelId, address, account, box } = await setup();
    const first = `${unique()}@example.hu`;
    await box.append(
      'INBOX',
      message({ from: 'Kovács Ádám <adam@example.hu>', to: address, subject: 'Számla', body: 'Jó napot!', messageId: first }),
    );
    await box.append('INBOX', message({ from: 'ayse@example.com.tr', to: address, subject: 'Sipariş', body: 'Merhaba' }));
    // The customer's second message answers the first: it joins that conversation.
    await box.append(
      'INBOX',
      message({ from: 'adam@example.hu', to: address, subject: 'Re: Számla', body: 'Még valami.', inReplyTo: first }),
    );

    const put = await putImapAndPoll(t, owner.client, channelId, { username: account.user, password: account.password });
    expect(put.json()).toMatchObject({ state: 'connecting', passwordSet: true, folder: 'INBOX', messagesFetched: 0 });
    expect(put.body).not.toContain(account.password);

    const state = (await getImap(t, owner.client, channelId)).json();
    expect(state).toMatchObject({ state: 'connected', messagesFetched: 3, messagesSkipped: 0, lastUid: 3, lastError: null });
    expect(state.lastSuccessAt).not.toBeNull();
    expect(JSON.stringify(state)).not.toContain(account.password);
    const filed = await conversations(t, owner.client);
    expect(filed.map((c) => c.subject).sort()).toEqual(['Sipariş', 'Számla']);
    const szamla = filed.find((c) => c.subject === 'Számla')!;
    expect((await messages(t, owner.client, szamla.id)).map((m) => m.bodyText.trim())).toEqual(['Jó napot!', 'Még valami.']);

    // Read-only: nothing on the server was marked read, moved or deleted.
    await box.mailboxOpen('INBOX');
    const onServer = await box.fetchAll('1:*', { uid: true, flags: true });
    expect(onServer).toHaveLength(3);
    expect(onServer.every((m) => !m.flags?.has('\\Seen'))).toBe(true);

    // The next poll finds nothing new.
    await pollNow(t, channelId);
    expect((await getImap(t, owner.client, channelId)).json()).toMatchObject({ state: 'connected', messagesFetched: 3 });
    expect(await conversations(t, owner.client)).toHaveLength(2);

    // New mail is picked up.
    await box.append('INBOX', message({ from: 'dilnoza@example.uz', to: address, subject: 'Buyurtma', body: 'Salom!' }));
    await pollNow(t, channelId);
    expect((await getImap(t, owner.client, channelId)).json()).toMatchObject({ messagesFetched: 4, lastUid: 4 });
    expect((await conversations(t, owner.client)).map((c) => c.subject).sort()).toEqual(['Buyurtma', 'Sipariş', 'Számla']);

    // Mail over SMTP_MAX_MESSAGE_BYTES is left in the mailbox, counted, and passed over.
    await box.append('INBOX', message({ from: 'big@example.it', to: address, subject: 'Grande', body: 'x'.repeat(300 * 1024) }));
    await pollNow(t, channelId);
    expect((await getImap(t, owner.client, channelId)).json()).toMatchObject({
      messagesFetched: 4,
      messagesSkipped: 1,
      lastUid: 5,
    });
    expect(await conversations(t, owner.client)).toHaveLength(3);

    // The next run waits the interval: the chain has exactly one queued job.
    const queued = await t.db
      .selectFrom('jobs')
      .select(['run_at', 'idempotency_key'])
      .where('name', '=', 'channels.poll_mailbox')
      .where('status', '=', 'queued')
      .where('idempotency_key', 'like', `channels.poll_mailbox:${channelId}:%`)
      .execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]!.run_at.getTime()).toBeGreaterThan(Date.now() + 3000_000);
  });

  it('reads a folder again after a UIDVALIDITY change, and resumes after a crash, without duplicates', async () => {
    const { t, owner, channelId, address, account, box } = await setup();
    await box.mailboxCreate('Support');
    const mails = [1, 2].map((n) =>
      message({
        from: `c${n}@example.de`,
        to: address,
        subject: `Anfrage ${n}`,
        body: 'Hallo',
        messageId: `${unique()}@example.de`,
      }),
    );
    for (const raw of mails) await box.append('Support', raw);
    await putImapAndPoll(t, owner.client, channelId, { username: account.user, password: account.password, folder: 'Support' });
    const before = (await getImap(t, owner.client, channelId)).json();
    expect(before).toMatchObject({ state: 'connected', lastUid: 2, messagesFetched: 2 });

    // The folder is recreated (a new UIDVALIDITY, UIDs from 1 again) with the same mail and one new message.
    await box.mailboxDelete('Support');
    await box.mailboxCreate('Support');
    for (const raw of mails) await box.append('Support', raw);
    await box.append('Support', message({ from: 'c3@example.de', to: address, subject: 'Anfrage 3', body: 'Hallo' }));
    await pollNow(t, channelId);
    const after = (await getImap(t, owner.client, channelId)).json();
    expect(after.uidValidity).not.toBe(before.uidValidity);
    expect(after).toMatchObject({ state: 'connected', lastUid: 3, messagesFetched: 5 });
    const filed = await conversations(t, owner.client);
    expect(filed.map((c) => c.subject).sort()).toEqual(['Anfrage 1', 'Anfrage 2', 'Anfrage 3']);
    for (const conversation of filed) expect(await messages(t, owner.client, conversation.id)).toHaveLength(1);

    // A crash after filing but before recording progress: the position is behind what was filed. Nothing doubles.
    await t.db.updateTable('channel_mailboxes').set({ last_uid: 1 }).where('channel_id', '=', channelId).execute();
    await pollNow(t, channelId);
    expect((await getImap(t, owner.client, channelId)).json()).toMatchObject({ lastUid: 3 });
    expect(await conversations(t, owner.client)).toHaveLength(3);
    for (const conversation of filed) expect(await messages(t, owner.client, conversation.id)).toHaveLength(1);
  });

  it('reports a wrong password as imap_auth_failed, retries with backoff, never shows or logs the password', async () => {
    const { t, owner, channelId, account, box } = await setup();
    await box.append('INBOX', message({ from: 'x@example.pl', to: account.user, subject: 'Dzień dobry', body: 'Cześć' }));
    const wrong = `wrong-${unique()}-password`;
    await putImapAndPoll(t, owner.client, channelId, { username: account.user, password: wrong, pollIntervalSeconds: 60 });
    const failing = (await getImap(t, owner.client, channelId)).json();
    expect(failing).toMatchObject({ state: 'failing', messagesFetched: 0, lastSuccessAt: null });
    expect(failing.lastError.code).toBe('imap_auth_failed');
    expect(JSON.stringify(failing)).not.toContain(wrong);
    // The next attempt is an interval away (a second failure would double it).
    const next = await t.db
      .selectFrom('jobs')
      .select('run_at')
      .where('idempotency_key', '=', mailboxPollKey(channelId, Number((await mailbox(t, channelId)).poll_run)))
      .executeTakeFirstOrThrow();
    expect(next.run_at.getTime()).toBeGreaterThan(Date.now() + 50_000);
    await pollNow(t, channelId);
    expect((await mailbox(t, channelId)).failures).toBe(2);
    expect(logLines.some((line) => line.includes('imap_auth_failed'))).toBe(true);
    expect(logLines.some((line) => line.includes(wrong))).toBe(false);

    // Leaving the password out keeps the stored one; the right one connects and files the mail.
    await putImapAndPoll(t, owner.client, channelId, { username: account.user, pollIntervalSeconds: 60 });
    expect((await mailbox(t, channelId)).password).toBe(wrong);
    expect((await getImap(t, owner.client, channelId)).json().state).toBe('failing');
    await putImapAndPoll(t, owner.client, channelId, { username: account.user, password: account.password });
    expect((await getImap(t, owner.client, channelId)).json()).toMatchObject({ state: 'connected', messagesFetched: 1 });
    expect(logLines.some((line) => line.includes(account.password))).toBe(false);
  });

  it('names unreachable servers, TLS failures and missing folders with stable codes', async () => {
    const cases = [
      { body: { port: await closedPort() }, code: 'imap_unreachable' },
      { body: { tls: true }, code: 'imap_tls_failed' },
      { body: { folder: 'Nincs ilyen' }, code: 'imap_folder_not_found' },
    ];
    for (const { body, code } of cases) {
      const { t, owner, channelId, account } = await setup();
      await putImapAndPoll(t, owner.client, channelId, { username: account.user, password: account.password, ...body });
      expect((await getImap(t, owner.client, channelId)).json().state).toBe('failing');
      expect((await getImap(t, owner.client, channelId)).json().lastError.code).toBe(code);
    }
  });

  it('threads the customer’s answer to a reply sent from the console into the same conversation', async () => {
    const { t, owner, channelId, address, account, box } = await setup();
    await box.append(
      'INBOX',
      message({ from: 'Ayşe Yılmaz <ayse@example.com.tr>', to: address, subject: 'Sipariş gecikti', body: 'Siparişim nerede?' }),
    );
    await putImapAndPoll(t, owner.client, channelId, { username: account.user, password: account.password });
    const [conversation] = await conversations(t, owner.client);
    const reply = await t.request('POST', `/api/v1/conversations/${conversation!.id}/messages`, {
      as: owner.client,
      body: { kind: 'reply', body: 'Yarın teslim edilecek.' },
    });
    expect(reply.statusCode).toBe(201);
    await until(async () => (await messages(t, owner.client, conversation!.id)).some((m) => m.deliveryStatus === 'sent'));

    // The customer's client answers the reply (In-Reply-To: its Message-ID); the answer lands in the polled mailbox.
    const replyMessageId = outboundMessageId(reply.json().id, 'rapport.test');
    await box.append(
      'INBOX',
      message({
        from: 'ayse@example.com.tr',
        to: address,
        subject: 'Re: Sipariş gecikti',
        body: 'Teşekkürler!',
        inReplyTo: replyMessageId,
      }),
    );
    await pollNow(t, channelId);
    expect((await conversations(t, owner.client)).map((c) => c.id)).toEqual([conversation!.id]);
    expect((await messages(t, owner.client, conversation!.id)).map((m) => m.direction)).toEqual([
      'inbound',
      'outbound',
      'inbound',
    ]);

    // An answer that lost its headers still finds the conversation by the reply address it was sent to.
    const { reply_token: token } = await t.db
      .selectFrom('conversations')
      .select('reply_token')
      .where('id', '=', conversation!.id)
      .executeTakeFirstOrThrow();
    const [local, domain] = address.split('@');
    await box.append(
      'INBOX',
      message({
        from: 'ayse@example.com.tr',
        to: `${local}+${token}@${domain}`,
        subject: 'Bir şey daha',
        body: 'Bir sorum daha var.',
      }),
    );
    await pollNow(t, channelId);
    expect((await conversations(t, owner.client)).map((c) => c.id)).toEqual([conversation!.id]);
    expect(await messages(t, owner.client, conversation!.id)).toHaveLength(4);
  });

  it('revives at start-up a chain whose job gave up, and leaves a healthy one alone', async () => {
    const { t, owner, channelId, account } = await setup();
    await putImapAndPoll(t, owner.client, channelId, { username: account.user, password: account.password });
    const chainJobs = () =>
      t.db
        .selectFrom('jobs')
        .select(['idempotency_key', 'status'])
        .where('idempotency_key', 'like', `channels.poll_mailbox:${channelId}:%`)
        .orderBy('created_at')
        .execute();
    const healthy = await chainJobs();
    await scheduleMailboxPolls(t.db);
    expect(await chainJobs()).toEqual(healthy);

    // The queued run failed for good (say the database was away through every attempt): a new run is queued.
    const run = Number((await mailbox(t, channelId)).poll_run);
    await t.db
      .updateTable('jobs')
      .set({ status: 'failed' })
      .where('idempotency_key', '=', mailboxPollKey(channelId, run))
      .execute();
    await scheduleMailboxPolls(t.db);
    // The new run's job exists (the worker may have taken it already), and it is the only one waiting.
    const revived = await chainJobs();
    const next = mailboxPollKey(channelId, run + 1);
    expect(revived.find((j) => j.idempotency_key === next)?.status).toMatch(/^(queued|running|done)$/);
    expect(revived.filter((j) => j.status === 'queued' && j.idempotency_key !== next)).toEqual([]);
    await polled(t, channelId, run + 1);
    expect((await getImap(t, owner.client, channelId)).json().state).toBe('connected');
  });

  it('keeps the mailbox and its mail to its own workspace, and to owners and admins', async () => {
    const { t, owner, workspaceId, channelId, address, account, box } = await setup();
    await box.append('INBOX', message({ from: 'secret@example.fr', to: address, subject: 'Confidentiel', body: 'Bonjour' }));
    const missingPassword = await putImap(t, owner.client, channelId, { username: account.user });
    expect(missingPassword.statusCode).toBe(400);
    expect(missingPassword.json().error.code).toBe('validation_failed');
    await putImapAndPoll(t, owner.client, channelId, { username: account.user, password: account.password });
    expect(await conversations(t, owner.client)).toHaveLength(1);

    const agent = await createPerson(t.db, { workspaceId, role: 'agent' });
    expect((await t.request('GET', `/api/v1/channels/${channelId}/imap`, { as: agent.client })).statusCode).toBe(403);
    expect((await putImap(t, agent.client, channelId, { username: 'x', password: 'y' })).statusCode).toBe(403);

    const other = await createWorkspace(t.db);
    expect((await t.request('GET', `/api/v1/channels/${channelId}/imap`, { as: other.owner.client })).statusCode).toBe(404);
    const taken = await putImap(t, other.owner.client, channelId, { username: 'x', password: 'y' });
    expect(taken.statusCode).toBe(404);
    expect((await t.request('DELETE', `/api/v1/channels/${channelId}/imap`, { as: other.owner.client })).statusCode).toBe(404);
    expect(await conversations(t, other.owner.client)).toEqual([]);
    expect((await mailbox(t, channelId)).username).toBe(account.user);

    // Removing the mailbox stops the chain: its queued run finds nothing to do.
    expect((await t.request('DELETE', `/api/v1/channels/${channelId}/imap`, { as: owner.client })).statusCode).toBe(204);
    expect((await t.request('GET', `/api/v1/channels/${channelId}/imap`, { as: owner.client })).statusCode).toBe(404);
  });
});

/** A port nothing listens on (taken and released again). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
