import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createWorkspace, receiveChatLine } from '../../../test/factories.js';
import { FileStore } from '../../platform/file-store.js';
import { getChannelRow } from '../channels/channels.js';
import * as repo from './conversations.repo.js';

const filesDir = mkdtemp(join(tmpdir(), 'rapport-reply-'));
afterAll(async () => rm(await filesDir, { recursive: true, force: true }));

/** A chat conversation with one message from a visitor. */
async function chatConversation(t: TestApp, workspaceId: string, owner: Client) {
  const created = await t.request('POST', '/api/v1/channels', { as: owner, body: { kind: 'chat', name: 'Shop', settings: {} } });
  expect(created.statusCode).toBe(201);
  const channel = await getChannelRow(t.db, workspaceId, created.json<{ id: string }>().id);
  const received = await receiveChatLine(t.db, new FileStore(await filesDir), channel);
  return received.conversationId;
}

describe('a chat reply written without a lock', () => {
  it('writes nothing when the conversation changed since it was read, and everything when it did not', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const conversationId = await chatConversation(t, workspaceId, owner.client);
    const read = (await repo.readConversationForMessage(t.db, workspaceId, conversationId, { lock: false }))!;
    expect(read.channelKind).toBe('chat');

    const changed = await t.request('PATCH', `/api/v1/conversations/${conversationId}`, {
      as: owner.client,
      body: { priority: 'high' },
    });
    expect(changed.statusCode).toBe(200);
    const scope = { workspaceId, actor: { type: 'system' as const, id: null } };
    const message = (id: string) => ({
      workspace_id: workspaceId,
      id,
      conversation_id: conversationId,
      direction: 'outbound' as const,
      author_user_id: null,
      body_text: 'Assalomu alaykum!',
      mentions: [],
      delivery_status: 'sent' as const,
      created_at: new Date(),
    });
    const events = [{ name: 'message.created', subjectType: 'conversation', subjectId: conversationId, data: { probe: true } }];
    const stale = await repo.insertReplyIfUnchanged(
      t.db,
      read.version,
      message('01900000-0000-7000-8000-000000000001'),
      { updated_at: new Date() },
      scope,
      events,
    );
    expect(stale).toBeUndefined();
    const probes = () =>
      t.db
        .selectFrom('events')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('subject_id', '=', conversationId)
        .where('name', '=', 'message.created')
        .execute();
    expect(await probes()).toHaveLength(0);
    const messages = () =>
      t.db
        .selectFrom('messages')
        .select('id')
        .where('workspace_id', '=', workspaceId)
        .where('direction', '=', 'outbound')
        .execute();
    expect(await messages()).toHaveLength(0);

    const fresh = (await repo.readConversationForMessage(t.db, workspaceId, conversationId, { lock: false }))!;
    const written = await repo.insertReplyIfUnchanged(
      t.db,
      fresh.version,
      message('01900000-0000-7000-8000-000000000002'),
      { updated_at: new Date() },
      scope,
      events,
    );
    expect(written?.id).toBe('01900000-0000-7000-8000-000000000002');
    expect(await probes()).toHaveLength(1);
    expect(await messages()).toHaveLength(1);
  });

  it('keeps every one of many replies sent to one chat at once', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const conversationId = await chatConversation(t, workspaceId, owner.client);
    const bodies = Array.from({ length: 8 }, (_, i) => `Javob ${i}`);
    const responses = await Promise.all(
      bodies.map((body) =>
        t.request('POST', `/api/v1/conversations/${conversationId}/messages`, {
          as: owner.client,
          body: { kind: 'reply', body },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(bodies.map(() => 201));
    const thread = await t.request('GET', `/api/v1/conversations/${conversationId}/messages`, { as: owner.client });
    const sent = thread
      .json<{ items: { bodyText: string; direction: string; deliveryStatus: string }[] }>()
      .items.filter((m) => m.direction === 'outbound');
    expect(sent.map((m) => m.bodyText).sort()).toEqual(bodies);
    expect(sent.every((m) => m.deliveryStatus === 'sent')).toBe(true);
    const conversation = await t.request('GET', `/api/v1/conversations/${conversationId}`, { as: owner.client });
    expect(conversation.json()).toMatchObject({ status: 'pending', firstResponseAt: expect.any(String) });
  });
});
