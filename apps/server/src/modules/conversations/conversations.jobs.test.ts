import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, describe, expect, it } from 'vitest';
import type { Job } from '@rapport/db';
import { sharedTestApp, testConfig, type Client, type TestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';
import { startRelaySink, type RelayedMail, type RelaySink } from '../../../test/mail-test-app.js';
import { FileStore } from '../../platform/file-store.js';
import { createLogger } from '../../platform/logger.js';
import { getChannelRow } from '../channels/channels.js';
import { deliverMessageJob } from './conversations.jobs.js';
import { receiveMessage } from './receive-message.js';

const quietLogger = createLogger({ log: { level: 'silent', format: 'json' } });
// No attachments here: nothing is ever written to it.
const files = new FileStore(join(tmpdir(), 'rapport-delivery-test'));
const sinks: RelaySink[] = [];
afterAll(async () => {
  for (const sink of sinks) await sink.close();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function relay(relayed: RelayedMail[], options: { port?: number; refuseWith?: number } = {}) {
  const sink = await startRelaySink(relayed, options);
  sinks.push(sink);
  return sink;
}

/** A conversation with one email from `customer`, and an agent's reply to it queued for delivery. */
async function queuedReply(t: TestApp, customer: string) {
  const { owner, workspaceId } = await createWorkspace(t.db);
  const created = await t.request('POST', '/api/v1/channels', {
    as: owner.client,
    body: { kind: 'email', name: 'Acme', address: `delivery-${Date.now()}-${Math.random().toString(36).slice(2)}@acme.test` },
  });
  const channel = await getChannelRow(t.db, workspaceId, created.json().id as string);
  const received = await receiveMessage(t.db, files, {
    channel,
    from: { value: customer, name: null },
    externalId: `question-${Date.now()}-${Math.random().toString(36).slice(2)}@example.de`,
    inReplyTo: [],
    replyToken: null,
    subject: 'Frage',
    text: 'Hallo?',
    html: null,
    hasRemoteImages: false,
    language: null,
    envelope: {},
    automated: false,
    attachments: [],
  });
  const reply = await t.request('POST', `/api/v1/conversations/${received.conversationId}/messages`, {
    as: owner.client,
    body: { kind: 'reply', body: 'Antwort' },
  });
  expect(reply.statusCode).toBe(201);
  return { owner: owner.client, workspaceId, conversationId: received.conversationId, messageId: reply.json().id as string };
}

/** The reply as the agent's console sees it. */
async function shown(t: TestApp, as: Client, conversationId: string, messageId: string) {
  const response = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { as });
  return (response.json().items as { id: string; deliveryStatus: string; deliveryError: string | null; envelope: object }[]).find(
    (m) => m.id === messageId,
  )!;
}

/** One run of the delivery job, as the worker runs it: attempt n of 8, the outcome committed with the job. */
async function runDelivery(
  t: TestApp,
  relayPort: number,
  payload: { workspaceId: string; messageId: string },
  attempt: number,
  options: { dieBeforeCommit?: boolean } = {},
) {
  const config = testConfig({ SMTP_RELAY_URL: `smtp://127.0.0.1:${relayPort}`, MAIL_DOMAIN: 'rapport.test' });
  await deliverMessageJob({ config, logger: quietLogger }).handle(payload, {
    db: t.db,
    job: { attempts: attempt, max_attempts: 8 } as Job,
    logger: quietLogger,
    signal: new AbortController().signal,
    complete: (work) =>
      t.db.transaction().execute(async (trx) => {
        const result = await work(trx);
        // kill -9 after the relay took the mail and before the outcome committed: nothing of it is kept.
        if (options.dieBeforeCommit) throw new Error('the process died');
        return result;
      }),
  });
}

describe('delivering replies through the relay (the outbox job)', () => {
  it('shows a reply retrying while the relay is down, and sends it once when the relay is back', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId, conversationId, messageId } = await queuedReply(t, 'waiting@example.de');
    const port = await freePort();

    // Nothing listens on the relay's port: the attempt fails and will be retried.
    await expect(runDelivery(t, port, { workspaceId, messageId }, 1)).rejects.toThrow(/ECONNREFUSED/);
    expect(await shown(t, owner, conversationId, messageId)).toMatchObject({
      deliveryStatus: 'queued',
      deliveryError: expect.stringMatching(/^retrying: .*ECONNREFUSED/),
    });

    const relayed: RelayedMail[] = [];
    await relay(relayed, { port });
    await runDelivery(t, port, { workspaceId, messageId }, 2);
    expect(await shown(t, owner, conversationId, messageId)).toMatchObject({ deliveryStatus: 'sent', deliveryError: null });
    // A late second run of the same job (a lease that ran out) finds it sent and sends nothing.
    await runDelivery(t, port, { workspaceId, messageId }, 3);
    expect(relayed.map((m) => m.to)).toEqual([['waiting@example.de']]);
    const row = await t.db
      .selectFrom('messages')
      .select('delivery_attempts')
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(row.delivery_attempts).toBe(2);
  });

  it('marks a reply the relay refuses for good (5xx) failed at once, with the relay’s reason', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId, conversationId, messageId } = await queuedReply(t, 'nobody@example.de');
    const relayed: RelayedMail[] = [];
    const sink = await relay(relayed, { refuseWith: 550 });

    await runDelivery(t, sink.port, { workspaceId, messageId }, 1);
    const failed = await shown(t, owner, conversationId, messageId);
    expect(failed.deliveryStatus).toBe('failed');
    expect(failed.deliveryError).toMatch(/^recipient_refused: .*550 5\.1\.1 <nobody@example\.de>: Recipient address rejected/);
    expect(relayed).toEqual([]);
    const events = await t.db
      .selectFrom('events')
      .select(['name', 'data'])
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'message.failed')
      .execute();
    expect(events).toEqual([{ name: 'message.failed', data: { messageId, code: 'recipient_refused' } }]);
  });

  it('resends with the same Message-ID after dying between sending and recording, and says it resent', async () => {
    const t = await sharedTestApp();
    const { owner, workspaceId, conversationId, messageId } = await queuedReply(t, 'twice@example.de');
    const relayed: RelayedMail[] = [];
    const sink = await relay(relayed);

    await expect(runDelivery(t, sink.port, { workspaceId, messageId }, 1, { dieBeforeCommit: true })).rejects.toThrow(
      'the process died',
    );
    // The relay has it, the database does not know: still queued, but the attempt is on record as begun.
    expect(relayed).toHaveLength(1);
    expect(await shown(t, owner, conversationId, messageId)).toMatchObject({ deliveryStatus: 'queued', deliveryError: null });
    const begun = await t.db
      .selectFrom('messages')
      .select('delivery_started_at')
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(begun.delivery_started_at).toBeInstanceOf(Date);

    await runDelivery(t, sink.port, { workspaceId, messageId }, 2);
    const sent = await shown(t, owner, conversationId, messageId);
    expect(sent).toMatchObject({ deliveryStatus: 'sent', envelope: { isResend: true } });
    const [first, second] = await Promise.all(relayed.map((m) => simpleParser(m.raw)));
    // The same message twice to the recipient's mail client, which shows it once.
    expect(first!.messageId).toBe(`<${messageId}@rapport.test>`);
    expect(second!.messageId).toBe(first!.messageId);
  });
});
