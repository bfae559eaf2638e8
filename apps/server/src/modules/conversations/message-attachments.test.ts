import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { simpleParser } from 'mailparser';
import type { Client, TestApp } from '../../../test/harness.js';
import { createWorkspace } from '../../../test/factories.js';
import { mailTestApp } from '../../../test/mail-test-app.js';
import { until } from '../../../test/wait.js';
import { FileStore, FileTooLargeError } from '../../platform/file-store.js';
import { newId } from '../../platform/ids.js';
import { getChannelRow } from '../channels/channels.js';
import { chatIdentityOf } from '../chat/visitors.js';
import { expireDraftAttachments } from './expire-draft-attachments.js';
import { receiveMessage } from './receive-message.js';

// Email's size limit here: 64 KiB (the smallest SMTP_MAX_MESSAGE_BYTES), so that "too large" is cheap to send.
const maxBytes = 64 * 1024;
const mail = mailTestApp({ maxMessageBytes: maxBytes });

interface Uploaded {
  id: string;
  conversationId: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
  expiresAt: string;
}

let channelCount = 0;
/** A workspace with an email channel and one conversation, started by a customer's mail. */
async function emailConversation(t: TestApp, from = `customer-${++channelCount}@example.hu`) {
  const { workspaceId, owner } = await createWorkspace(t.db);
  const address = `support-att-${channelCount}-${Date.now()}@acme.test`;
  const channel = await t.request('POST', '/api/v1/channels', {
    as: owner.client,
    body: { kind: 'email', name: 'Acme Support', address },
  });
  expect(channel.statusCode).toBe(201);
  await mail.send({ from, to: address, subject: 'Számla', text: 'Kérem a számlát.' });
  const list = await t.request('GET', '/api/v1/conversations', { as: owner.client });
  const [conversation] = list.json().items as { id: string; customer: { id: string } }[];
  return { workspaceId, owner, from, address, conversationId: conversation!.id, customerId: conversation!.customer.id };
}

/** `POST /conversations/{id}/attachments` with the file as the raw body, as the console sends it. */
function upload(t: TestApp, as: Client, conversationId: string, fileName: string, content: Buffer, contentType?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/conversations/${conversationId}/attachments?fileName=${encodeURIComponent(fileName)}`,
    headers: {
      cookie: as.cookie!,
      'x-csrf-token': as.csrfToken!,
      ...(contentType ? { 'content-type': contentType } : {}),
    },
    payload: content,
  });
}

function send(t: TestApp, as: Client, conversationId: string, body: Record<string, unknown>) {
  return t.request('POST', `/api/v1/conversations/${conversationId}/messages`, { as, body });
}

/** The stored files of a workspace (the file store's folder). */
async function storedFiles(t: TestApp, workspaceId: string): Promise<string[]> {
  const folder = join(t.runtime.services.config.database.dataDir, 'files', workspaceId);
  return readdir(folder).catch(() => []);
}

describe('attachments agents send', () => {
  it('uploads files and sends them with a reply as MIME attachments, with their names, types and bytes', async () => {
    const t = mail.app;
    const { workspaceId, owner, from, conversationId } = await emailConversation(t);
    const pdf = randomBytes(40 * 1024);
    const text = Buffer.from('Árvíztűrő tükörfúrógép\n', 'utf8');

    const first = await upload(t, owner.client, conversationId, '../../etc/Számla 2026.pdf', pdf, 'application/pdf');
    expect(first.statusCode).toBe(201);
    const invoice = first.json<Uploaded>();
    // Only the last path segment of the name is kept; the bytes are stored under a key of the server's own.
    expect(invoice).toMatchObject({
      conversationId,
      fileName: 'Számla 2026.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
    });
    expect(Date.parse(invoice.expiresAt) - Date.parse(invoice.createdAt)).toBe(24 * 3_600_000);
    const second = await upload(t, owner.client, conversationId, 'notes.txt', text, 'text/plain; charset=utf-8');
    expect(second.json<Uploaded>()).toMatchObject({ fileName: 'notes.txt', contentType: 'text/plain', size: text.length });

    const reply = await send(t, owner.client, conversationId, {
      kind: 'reply',
      body: 'Jó napot! Csatolom a számlát.',
      attachmentIds: [second.json<Uploaded>().id, invoice.id],
    });
    expect(reply.statusCode).toBe(201);
    const message = reply.json<{ id: string; attachments: { id: string; fileName: string; size: number }[] }>();
    expect(message.attachments.map((a) => [a.fileName, a.size])).toEqual([
      ['Számla 2026.pdf', pdf.length],
      ['notes.txt', text.length],
    ]);

    await until(() => mail.relayed.some((m) => m.to.includes(from)));
    const relayed = await simpleParser(mail.relayed.find((m) => m.to.includes(from))!.raw);
    expect(relayed.text).toContain('Csatolom a számlát.');
    expect(relayed.attachments.map((a) => [a.filename, a.contentType, a.contentDisposition])).toEqual([
      ['Számla 2026.pdf', 'application/pdf', 'attachment'],
      ['notes.txt', 'text/plain', 'attachment'],
    ]);
    expect(relayed.attachments[0]!.content.equals(pdf)).toBe(true);
    expect(relayed.attachments[1]!.content.equals(text)).toBe(true);

    // The thread shows them like an inbound email's, and they download as they were sent.
    const thread = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { as: owner.client });
    const sent = (thread.json().items as { id: string; deliveryStatus: string; attachments: { id: string }[] }[]).find(
      (m) => m.id === message.id,
    )!;
    expect(sent.deliveryStatus).toBe('sent');
    expect(sent.attachments.map((a) => a.id)).toEqual([invoice.id, second.json<Uploaded>().id]);
    const download = await t.request('GET', `/api/v1/messages/${message.id}/attachments/${invoice.id}`, { as: owner.client });
    expect(download.rawPayload.equals(pdf)).toBe(true);

    // Each file is sent once.
    const again = await send(t, owner.client, conversationId, {
      kind: 'reply',
      body: 'Még egyszer',
      attachmentIds: [invoice.id],
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'attachment_already_sent', details: { attachmentId: invoice.id } });
    expect(await storedFiles(t, workspaceId)).toHaveLength(2);
  });

  it('refuses empty and oversize files, keeping nothing of them', async () => {
    const t = mail.app;
    const { workspaceId, owner, conversationId } = await emailConversation(t);

    const empty = await upload(t, owner.client, conversationId, 'empty.txt', Buffer.alloc(0), 'text/plain');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('attachment_empty');
    const tooLarge = await upload(t, owner.client, conversationId, 'big.bin', Buffer.alloc(maxBytes + 1, 1), 'application/zip');
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error).toMatchObject({ code: 'attachment_too_large', details: { maxBytes } });
    const exactly = await upload(t, owner.client, conversationId, 'max.bin', Buffer.alloc(maxBytes, 2));
    expect(exactly.statusCode).toBe(201);
    // No Content-Type at all: kept as application/octet-stream.
    expect(exactly.json<Uploaded>().contentType).toBe('application/octet-stream');
    expect(await storedFiles(t, workspaceId)).toHaveLength(1);

    // A stream that says no size is cut off at the limit, and what was written of it is removed.
    const files = new FileStore(t.runtime.services.config.database.dataDir);
    const chunks = Array.from({ length: 5 }, () => Buffer.alloc(20 * 1024, 3));
    await expect(files.saveStream(workspaceId, Readable.from(chunks), maxBytes)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await storedFiles(t, workspaceId)).toHaveLength(1);

    // Files that fit one by one but not together in one email: refused, and still there to send otherwise.
    const half = await upload(t, owner.client, conversationId, 'half.bin', Buffer.alloc(maxBytes / 2, 4));
    const together = await send(t, owner.client, conversationId, {
      kind: 'reply',
      body: 'Both',
      attachmentIds: [exactly.json<Uploaded>().id, half.json<Uploaded>().id],
    });
    expect(together.statusCode).toBe(413);
    expect(together.json().error).toMatchObject({ code: 'attachment_too_large', details: { maxBytes } });
    const alone = await send(t, owner.client, conversationId, {
      kind: 'reply',
      body: 'One',
      attachmentIds: [half.json<Uploaded>().id],
    });
    expect(alone.statusCode).toBe(201);
  });

  it('takes only unsent files uploaded to the same conversation of the same workspace', async () => {
    const t = mail.app;
    const mine = await emailConversation(t);
    const other = await emailConversation(t);
    const theirs = await upload(t, other.owner.client, other.conversationId, 'secret.txt', Buffer.from('titok'), 'text/plain');
    expect(theirs.statusCode).toBe(201);

    // Another workspace's conversation cannot be uploaded to, nor its file named.
    const foreign = await upload(t, mine.owner.client, other.conversationId, 'x.txt', Buffer.from('x'), 'text/plain');
    expect(foreign.statusCode).toBe(404);
    const stolen = await send(t, mine.owner.client, mine.conversationId, {
      kind: 'reply',
      body: 'Here you go',
      attachmentIds: [theirs.json<Uploaded>().id],
    });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.json().error).toMatchObject({
      code: 'unknown_attachment',
      details: { attachmentId: theirs.json<Uploaded>().id },
    });
    const unknown = await send(t, mine.owner.client, mine.conversationId, { kind: 'note', body: 'x', attachmentIds: [newId()] });
    expect(unknown.json().error.code).toBe('unknown_attachment');

    // Nor one of another conversation of the same workspace.
    await mail.send({ from: 'someone-else@example.de', to: mine.address, subject: 'Andere Frage', text: 'Hallo' });
    const list = await t.request('GET', '/api/v1/conversations', { as: mine.owner.client });
    const second = (list.json().items as { id: string }[]).find((c) => c.id !== mine.conversationId)!;
    const elsewhere = await upload(t, mine.owner.client, second.id, 'y.txt', Buffer.from('y'), 'text/plain');
    const crossed = await send(t, mine.owner.client, mine.conversationId, {
      kind: 'note',
      body: 'x',
      attachmentIds: [elsewhere.json<Uploaded>().id],
    });
    expect(crossed.json().error.code).toBe('unknown_attachment');

    // The owner's file was not touched by any of it.
    const used = await send(t, other.owner.client, other.conversationId, {
      kind: 'note',
      body: 'Mine',
      attachmentIds: [theirs.json<Uploaded>().id],
    });
    expect(used.statusCode).toBe(201);
  });

  it('keeps a note’s attachments internal, and removes a file taken out of the composer', async () => {
    const t = mail.app;
    const { workspaceId, owner, conversationId } = await emailConversation(t);
    const file = await upload(t, owner.client, conversationId, 'belső.txt', Buffer.from('csak nekünk'), 'text/plain');
    const note = await send(t, owner.client, conversationId, {
      kind: 'note',
      body: 'Lásd a mellékletet.',
      attachmentIds: [file.json<Uploaded>().id],
    });
    expect(note.statusCode).toBe(201);
    expect(note.json()).toMatchObject({ direction: 'note', deliveryStatus: 'none', attachments: [{ fileName: 'belső.txt' }] });
    const deliveries = await t.db
      .selectFrom('jobs')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'conversations.deliver_message')
      .execute();
    expect(deliveries).toEqual([]);

    const dropped = await upload(t, owner.client, conversationId, 'mistake.txt', Buffer.from('oops'), 'text/plain');
    const id = dropped.json<Uploaded>().id;
    expect(await storedFiles(t, workspaceId)).toHaveLength(2);
    const removed = await t.request('DELETE', `/api/v1/conversations/${conversationId}/attachments/${id}`, {
      as: owner.client,
    });
    expect(removed.statusCode).toBe(204);
    expect(await storedFiles(t, workspaceId)).toHaveLength(1);
    const again = await t.request('DELETE', `/api/v1/conversations/${conversationId}/attachments/${id}`, { as: owner.client });
    expect(again.statusCode).toBe(404);
    // A file sent with a message cannot be removed this way.
    const sentFile = note.json<{ attachments: { id: string }[] }>().attachments[0]!.id;
    const kept = await t.request('DELETE', `/api/v1/conversations/${conversationId}/attachments/${sentFile}`, {
      as: owner.client,
    });
    expect(kept.statusCode).toBe(404);
    expect(
      (await send(t, owner.client, conversationId, { kind: 'note', body: 'x', attachmentIds: [id] })).json().error.code,
    ).toBe('unknown_attachment');
  });

  it('refuses files on a chat reply (the widget shows text only) but takes them on a chat note', async () => {
    const t = mail.app;
    const { workspaceId, owner } = await createWorkspace(t.db);
    const created = await t.request('POST', '/api/v1/channels', { as: owner.client, body: { kind: 'chat', name: 'Web' } });
    expect(created.statusCode).toBe(201);
    const channel = await getChannelRow(t.db, workspaceId, created.json().id);
    const received = await receiveMessage(t.db, new FileStore(t.runtime.services.config.database.dataDir), {
      channel,
      from: { value: chatIdentityOf(newId()), name: 'Visitor' },
      externalId: `chat-test:${newId()}`,
      inReplyTo: [],
      replyToken: null,
      subject: 'Hello',
      text: 'Hello',
      html: null,
      hasRemoteImages: false,
      language: null,
      envelope: {},
      automated: false,
      attachments: [],
    });
    const conversation = await t.request('GET', `/api/v1/conversations/${received.conversationId}`, { as: owner.client });
    expect(conversation.json().channel).toMatchObject({ kind: 'chat', canReply: true, canSendAttachments: false });
    const file = await upload(t, owner.client, received.conversationId, 'plan.txt', Buffer.from('plan'), 'text/plain');
    const reply = await send(t, owner.client, received.conversationId, {
      kind: 'reply',
      body: 'See the file',
      attachmentIds: [file.json<Uploaded>().id],
    });
    expect(reply.statusCode).toBe(409);
    expect(reply.json().error.code).toBe('channel_cannot_send_attachments');
    const note = await send(t, owner.client, received.conversationId, {
      kind: 'note',
      body: 'For us',
      attachmentIds: [file.json<Uploaded>().id],
    });
    expect(note.statusCode).toBe(201);
  });

  it('removes files never sent after a day, with the daily cleanup, and those of an erased customer', async () => {
    const t = mail.app;
    const { workspaceId, owner, conversationId, customerId } = await emailConversation(t);
    const old = await upload(t, owner.client, conversationId, 'old.txt', Buffer.from('old'), 'text/plain');
    const sentFile = await upload(t, owner.client, conversationId, 'sent.txt', Buffer.from('sent'), 'text/plain');
    await send(t, owner.client, conversationId, { kind: 'note', body: 'x', attachmentIds: [sentFile.json<Uploaded>().id] });
    const uploadedAt = Date.parse(old.json<Uploaded>().createdAt);

    // Not yet a day old: kept.
    await expireDraftAttachments(t.db, new Date(uploadedAt + 23 * 3_600_000));
    const storageKeys = await t.db
      .selectFrom('draft_attachments')
      .select('storage_key')
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(storageKeys).toHaveLength(1);
    const removal = () =>
      t.db
        .selectFrom('jobs')
        .select('payload')
        .where('workspace_id', '=', workspaceId)
        .where('name', '=', 'files.remove')
        .execute();
    expect(await removal()).toEqual([]);

    await expireDraftAttachments(t.db, new Date(uploadedAt + 25 * 3_600_000));
    // The file goes by a job queued with the rows' removal; the sent one stays with its message.
    expect((await removal()).map((job) => job.payload)).toEqual([{ keys: [storageKeys[0]!.storage_key] }]);
    const late = await send(t, owner.client, conversationId, {
      kind: 'note',
      body: 'x',
      attachmentIds: [old.json<Uploaded>().id],
    });
    expect(late.json().error.code).toBe('unknown_attachment');

    // Erasing the customer removes the files uploaded to their conversations too.
    const pending = await upload(t, owner.client, conversationId, 'pending.txt', Buffer.from('p'), 'text/plain');
    expect(pending.statusCode).toBe(201);
    const erased = await t.request('DELETE', `/api/v1/customers/${customerId}`, { as: owner.client });
    expect(erased.statusCode).toBe(204);
    const keys = (await removal()).flatMap((job) => (job.payload as { keys: string[] }).keys);
    expect(keys).toHaveLength(3);
    expect(await t.db.selectFrom('draft_attachments').select('id').where('workspace_id', '=', workspaceId).execute()).toEqual([]);
  });
});
