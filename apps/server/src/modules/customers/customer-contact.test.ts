import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import type { Client, TestApp } from '../../../test/harness.js';
import { createWorkspace, receiveChatLine } from '../../../test/factories.js';
import { mailTestApp } from '../../../test/mail-test-app.js';
import { until } from '../../../test/wait.js';
import { FileStore } from '../../platform/file-store.js';
import { getChannelRow } from '../channels/channels.js';
import { contactCovers } from './touch-customer-contact.js';

const mail = mailTestApp();
const filesDir = mkdtemp(join(tmpdir(), 'rapport-contact-'));
afterAll(async () => rm(await filesDir, { recursive: true, force: true }));

let channelCount = 0;

async function contactTimes(t: TestApp, as: Client, customerId: string) {
  const response = await t.request('GET', `/api/v1/customers/${customerId}`, { as });
  expect(response.statusCode).toBe(200);
  const customer = response.json<{ firstSeenAt: string | null; lastContactedAt: string | null }>();
  return {
    firstSeen: customer.firstSeenAt ? Date.parse(customer.firstSeenAt) : null,
    lastContacted: customer.lastContactedAt ? Date.parse(customer.lastContactedAt) : null,
  };
}

/** Moves the customer's recorded last contact two minutes back, as if the time since had passed. */
async function ageLastContact(t: TestApp, customerId: string) {
  await t.db
    .updateTable('customers')
    .set({ last_contacted_at: sql`last_contacted_at - interval '2 minutes'` })
    .where('id', '=', customerId)
    .execute();
}

async function createChannel(t: TestApp, as: Client, body: Record<string, unknown>) {
  const response = await t.request('POST', '/api/v1/channels', { as, body });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

async function reply(t: TestApp, as: Client, conversationId: string, body: string) {
  const response = await t.request('POST', `/api/v1/conversations/${conversationId}/messages`, {
    as,
    body: { kind: 'reply', body },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string; createdAt: string; deliveryStatus: string }>();
}

describe('last contacted and first seen', () => {
  it('move with a message from the customer, a reply once sent and a logged call, and never backwards', async () => {
    const t = mail.app;
    const { owner } = await createWorkspace(t.db);
    const address = `contact-${++channelCount}-${Date.now()}@acme.test`;
    await createChannel(t, owner.client, { kind: 'email', name: 'Acme', address, settings: { senderName: 'Acme' } });

    const before = Date.now();
    await mail.send({ from: 'ayse@example.com.tr', to: address, subject: 'Sipariş', text: 'Merhaba' });
    const lookup = await t.request('GET', '/api/v1/customers/lookup?kind=email&value=ayse@example.com.tr', {
      as: owner.client,
    });
    const customerId = lookup.json<{ id: string }>().id;
    const written = await contactTimes(t, owner.client, customerId);
    expect(written.lastContacted).toBeGreaterThanOrEqual(before - 5);
    expect(written.lastContacted).toBeLessThanOrEqual(Date.now());
    expect(written.firstSeen).toBeLessThanOrEqual(written.lastContacted!);

    // Her mail server's out-of-office answer is filed, but it is not her writing.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await mail.send({
      from: 'ayse@example.com.tr',
      to: address,
      subject: 'Ofis dışındayım',
      text: 'Pazartesi döneceğim.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const conversations = await t.request('GET', '/api/v1/conversations', { as: owner.client });
    expect(conversations.json<{ items: { id: string }[] }>().items).toHaveLength(2);
    expect(await contactTimes(t, owner.client, customerId)).toEqual(written);

    // A reply counts once the delivery job has sent it (her mail came in two minutes before).
    await ageLastContact(t, customerId);
    const conversationId = conversations
      .json<{ items: { id: string; subject: string }[] }>()
      .items.find((c) => c.subject === 'Sipariş')!.id;
    const sent = await reply(t, owner.client, conversationId, 'Merhaba Ayşe Hanım, siparişiniz yolda.');
    expect(sent.deliveryStatus).toBe('queued');
    await until(async () => {
      const messages = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { as: owner.client });
      return messages
        .json<{ items: { id: string; deliveryStatus: string }[] }>()
        .items.some((m) => m.id === sent.id && m.deliveryStatus === 'sent');
    });
    const replied = await contactTimes(t, owner.client, customerId);
    expect(replied.lastContacted).toBeGreaterThanOrEqual(Date.parse(sent.createdAt));
    expect(replied.firstSeen).toBe(written.firstSeen);

    // A call logged afterwards that took place two days ago: the first sighting moves back, the last contact stays.
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    twoDaysAgo.setMilliseconds(0);
    const earlyCall = await t.request('POST', '/api/v1/calls', {
      as: owner.client,
      body: { direction: 'inbound', phoneNumber: '+90 532 123 45 67', customerId, startedAt: twoDaysAgo.toISOString() },
    });
    expect(earlyCall.statusCode).toBe(201);
    expect(await contactTimes(t, owner.client, customerId)).toEqual({
      firstSeen: twoDaysAgo.getTime(),
      lastContacted: replied.lastContacted,
    });

    // A call within a minute of the last contact leaves it (it is kept to the minute); a later one moves it.
    const soon = await t.request('POST', '/api/v1/calls', {
      as: owner.client,
      body: { direction: 'outbound', phoneNumber: '+90 532 123 45 67', customerId },
    });
    expect(soon.statusCode).toBe(201);
    expect(await contactTimes(t, owner.client, customerId)).toEqual({
      firstSeen: twoDaysAgo.getTime(),
      lastContacted: replied.lastContacted,
    });
    await ageLastContact(t, customerId);
    const call = await t.request('POST', '/api/v1/calls', {
      as: owner.client,
      body: { direction: 'outbound', phoneNumber: '+90 532 123 45 67', customerId },
    });
    expect(call.statusCode).toBe(201);
    const called = await contactTimes(t, owner.client, customerId);
    expect(called.lastContacted).toBeGreaterThan(replied.lastContacted!);
    expect(called.lastContacted).toBe(Date.parse(call.json<{ startedAt: string }>().startedAt));
    // The list shows it too, and a customer never contacted has none.
    const never = await t.request('POST', '/api/v1/customers', { as: owner.client, body: { givenName: 'Aziz' } });
    expect(never.json()).toMatchObject({ lastContactedAt: null, firstSeenAt: expect.any(String) });
  });

  it('moves with a chat reply delivered as it commits', async () => {
    const t = mail.app;
    const { workspaceId, owner } = await createWorkspace(t.db);
    const channelId = await createChannel(t, owner.client, { kind: 'chat', name: 'Acme', settings: {} });
    const channel = await getChannelRow(t.db, workspaceId, channelId);
    const received = await receiveChatLine(t.db, new FileStore(await filesDir), channel);
    const conversation = await t.request('GET', `/api/v1/conversations/${received.conversationId}`, { as: owner.client });
    const customerId = conversation.json<{ customer: { id: string } }>().customer.id;
    const wrote = await contactTimes(t, owner.client, customerId);
    expect(wrote.lastContacted).not.toBeNull();

    await ageLastContact(t, customerId);
    const sent = await reply(t, owner.client, received.conversationId, 'Assalomu alaykum, Dilnoza!');
    expect(sent.deliveryStatus).toBe('sent');
    expect((await contactTimes(t, owner.client, customerId)).lastContacted).toBe(Date.parse(sent.createdAt));
    // The next line of the chat, seconds later, leaves the customer's row as it is.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const next = await reply(t, owner.client, received.conversationId, 'Qanday yordam bera olaman?');
    expect(next.deliveryStatus).toBe('sent');
    expect((await contactTimes(t, owner.client, customerId)).lastContacted).toBe(Date.parse(sent.createdAt));
  });

  it('need no write for a contact within the minute of the recorded one, nor before the first sighting', () => {
    const at = new Date('2026-12-07T10:00:00Z');
    const times = (last: string | null, first: string | null) => ({
      lastContactedAt: last ? new Date(last) : null,
      firstSeenAt: first ? new Date(first) : null,
    });
    expect(contactCovers(times('2026-12-07T09:59:30Z', '2026-12-01T00:00:00Z'), at)).toBe(true);
    expect(contactCovers(times('2026-12-07T09:59:00Z', '2026-12-01T00:00:00Z'), at)).toBe(true);
    expect(contactCovers(times('2026-12-07T09:58:59Z', '2026-12-01T00:00:00Z'), at)).toBe(false);
    expect(contactCovers(times(null, '2026-12-01T00:00:00Z'), at)).toBe(false);
    expect(contactCovers(times('2026-12-07T09:59:30Z', null), at)).toBe(false);
    expect(contactCovers(times('2026-12-07T09:59:30Z', '2026-12-07T10:00:01Z'), at)).toBe(false);
  });
});
