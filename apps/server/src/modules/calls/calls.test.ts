import { describe, expect, it } from 'vitest';
import { sharedTestApp, type Client, type TestApp } from '../../../test/harness.js';
import { createPerson, createWorkspace } from '../../../test/factories.js';

async function createCustomer(t: TestApp, as: Client, body: Record<string, unknown>) {
  const response = await t.request('POST', '/api/v1/customers', { body, as });
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.statusCode} ${response.body}`);
  return response.json<{ id: string; identities: { kind: string; value: string }[] }>();
}

async function logCall(t: TestApp, as: Client, body: Record<string, unknown>) {
  const response = await t.request('POST', '/api/v1/calls', { body, as });
  if (response.statusCode !== 201) throw new Error(`log failed: ${response.statusCode} ${response.body}`);
  return response.json<{
    id: string;
    conversationId: string;
    conversationNumber: number;
    customer: { id: string; displayName: string };
    phoneNumber: string;
    notes: string;
    notesVersion: number;
    notesSavedAt: string | null;
    agent: { id: string; name: string } | null;
  }>();
}

async function eventNames(t: TestApp, workspaceId: string) {
  const rows = await t.db.selectFrom('events').select('name').where('workspace_id', '=', workspaceId).orderBy('id').execute();
  return rows.map((r) => r.name);
}

describe('calls', () => {
  it('finds the customer of a number typed in national form and files the call in a new phone conversation', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const customer = await createCustomer(t, owner.client, {
      givenName: 'Ádám',
      familyName: 'Kovács',
      country: 'HU',
      identities: [{ kind: 'phone', value: '+36 30 123 4567' }],
    });

    const call = await logCall(t, owner.client, { direction: 'inbound', phoneNumber: '06 30 123 4567', notes: 'Számla' });
    expect(call.customer.id).toBe(customer.id);
    expect(call.phoneNumber).toBe('+36301234567');
    expect(call.notes).toBe('Számla');
    expect(call.agent?.id).toBe(owner.userId);

    // A phone channel was made for it, and the conversation is the customer's, assigned to the agent, not repliable.
    const channels = (await t.request('GET', '/api/v1/channels', { as: owner.client })).json().items as { kind: string }[];
    expect(channels.filter((c) => c.kind === 'phone')).toMatchObject([{ kind: 'phone', name: 'Phone' }]);
    const conversation = (await t.request('GET', `/api/v1/conversations/${call.conversationId}`, { as: owner.client })).json();
    expect(conversation).toMatchObject({
      subject: '+36 30 123 4567',
      assigneeId: owner.userId,
      customer: { id: customer.id, displayName: 'Kovács Ádám' },
      channel: { kind: 'phone', canReply: false },
    });
    const replied = await t.request('POST', `/api/v1/conversations/${call.conversationId}/messages`, {
      as: owner.client,
      body: { kind: 'reply', body: 'Visszahívjuk.' },
    });
    expect(replied.statusCode).toBe(409);
    expect(replied.json().error.code).toBe('channel_cannot_reply');
    const noted = await t.request('POST', `/api/v1/conversations/${call.conversationId}/messages`, {
      as: owner.client,
      body: { kind: 'note', body: 'Visszahívás holnap 10-kor.' },
    });
    expect(noted.statusCode).toBe(201);
    const listed = await t.request('GET', `/api/v1/conversations/${call.conversationId}/calls`, { as: owner.client });
    expect(listed.json().items.map((c: { id: string }) => c.id)).toEqual([call.id]);
    expect(await eventNames(t, workspaceId)).toEqual(
      expect.arrayContaining(['channel.created', 'conversation.created', 'call.logged']),
    );

    // A second call joins the same conversation when asked to, and the phone channel is not made again.
    const second = await logCall(t, owner.client, {
      direction: 'outbound',
      phoneNumber: '+36301234567',
      conversationId: call.conversationId,
    });
    expect(second.conversationId).toBe(call.conversationId);
    const byCustomer = await t.request('GET', `/api/v1/calls?customerId=${customer.id}`, { as: owner.client });
    expect(byCustomer.json().items.map((c: { id: string }) => c.id)).toEqual([second.id, call.id]);
    const again = (await t.request('GET', '/api/v1/channels', { as: owner.client })).json().items as { kind: string }[];
    expect(again.filter((c) => c.kind === 'phone')).toHaveLength(1);
  });

  it('makes a new customer for an unknown number, refuses a number that is not one, and pages lists', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const call = await logCall(t, owner.client, { direction: 'inbound', phoneNumber: '+90 532 123 45 67' });
    const found = await t.request('GET', '/api/v1/customers/lookup?kind=phone&value=%2B905321234567', { as: owner.client });
    expect(found.statusCode).toBe(200);
    expect(found.json().id).toBe(call.customer.id);

    const bad = await t.request('POST', '/api/v1/calls', { as: owner.client, body: { direction: 'inbound', phoneNumber: '12' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0]).toMatchObject({ path: ['phoneNumber'], code: 'invalid_phone' });

    // With the customer chosen, any number is kept as given.
    const internal = await logCall(t, owner.client, {
      direction: 'outbound',
      phoneNumber: '1234',
      customerId: call.customer.id,
    });
    expect(internal.phoneNumber).toBe('1234');
    const first = await t.request('GET', `/api/v1/calls?customerId=${call.customer.id}&limit=1`, { as: owner.client });
    expect(first.json().items.map((c: { id: string }) => c.id)).toEqual([internal.id]);
    const next = await t.request(
      'GET',
      `/api/v1/calls?customerId=${call.customer.id}&limit=1&cursor=${first.json().nextCursor as string}`,
      { as: owner.client },
    );
    expect(next.json()).toMatchObject({ items: [{ id: call.id }], nextCursor: null });

    // A conversation of another customer is refused.
    const other = await createCustomer(t, owner.client, { givenName: 'Mehmet' });
    const mixed = await t.request('POST', '/api/v1/calls', {
      as: owner.client,
      body: { direction: 'inbound', phoneNumber: '+905321234567', customerId: other.id, conversationId: call.conversationId },
    });
    expect(mixed.statusCode).toBe(400);
  });

  it('lists the calls of a customer merged away under the kept customer', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const kept = await logCall(t, owner.client, {
      direction: 'inbound',
      phoneNumber: '+36 30 111 2233',
      startedAt: '2026-03-02T09:00:00.000Z',
    });
    const old = await logCall(t, owner.client, {
      direction: 'outbound',
      phoneNumber: '+36 70 444 5566',
      startedAt: '2026-03-02T10:00:00.000Z',
    });
    expect(old.customer.id).not.toBe(kept.customer.id);

    const merged = await t.request('POST', `/api/v1/customers/${kept.customer.id}/merge`, {
      as: owner.client,
      body: { sourceId: old.customer.id },
    });
    expect(merged.statusCode).toBe(200);
    const byOldId = await t.request('GET', `/api/v1/calls?customerId=${old.customer.id}`, { as: owner.client });
    expect(byOldId.json().items.map((c: { id: string }) => c.id)).toEqual([old.id, kept.id]);
    expect(byOldId.json().items.map((c: { customer: { id: string } }) => c.customer.id)).toEqual([
      kept.customer.id,
      kept.customer.id,
    ]);
  });

  it('autosaves notes over the version they were based on; a stale save gets 409 with the current text', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const call = await logCall(t, owner.client, { direction: 'outbound', phoneNumber: '+4930123456789' });
    expect(call).toMatchObject({ notes: '', notesVersion: 0, notesSavedAt: null });
    const patch = (body: Record<string, unknown>) => t.request('PATCH', `/api/v1/calls/${call.id}`, { as: owner.client, body });

    const saved = await patch({ notes: 'Kunde möchte', notesVersion: 0 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ notes: 'Kunde möchte', notesVersion: 1 });
    expect(saved.json().notesSavedAt).not.toBeNull();
    const more = await patch({ notes: 'Kunde möchte eine Rückerstattung', notesVersion: 1 });
    expect(more.json().notesVersion).toBe(2);
    // The same save retried (its answer was lost) is not a conflict.
    expect((await patch({ notes: 'Kunde möchte eine Rückerstattung', notesVersion: 1 })).statusCode).toBe(200);

    // Another tab still on version 1 would overwrite: refused, with what is saved now.
    const stale = await patch({ notes: 'Kunde', notesVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'call_notes_conflict',
      details: { notes: 'Kunde möchte eine Rückerstattung', notesVersion: 2 },
    });
    expect((await patch({ notes: 'x' })).statusCode).toBe(400);

    // Saves of notes record no event; ending the call does, with the duration computed from the start.
    expect((await eventNames(t, workspaceId)).filter((n) => n === 'call.updated')).toHaveLength(0);
    const endedAt = new Date(Date.now() + 95_000).toISOString();
    const ended = await patch({ endedAt, outcome: 'callback_requested' });
    expect(ended.json()).toMatchObject({ endedAt, outcome: 'callback_requested', notesVersion: 2 });
    expect(ended.json().durationSeconds).toBeGreaterThanOrEqual(94);
    expect((await eventNames(t, workspaceId)).filter((n) => n === 'call.updated')).toHaveLength(1);
    const early = await patch({ endedAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(early.statusCode).toBe(400);
  });

  it('keeps calls to their workspace', async () => {
    const t = await sharedTestApp();
    const mine = await createWorkspace(t.db);
    const theirs = await createWorkspace(t.db);
    const call = await logCall(t, mine.owner.client, { direction: 'inbound', phoneNumber: '+36209876543' });
    const as = theirs.owner.client;
    expect((await t.request('GET', `/api/v1/calls/${call.id}`, { as })).statusCode).toBe(404);
    const patched = await t.request('PATCH', `/api/v1/calls/${call.id}`, { as, body: { notes: 'x', notesVersion: 0 } });
    expect(patched.statusCode).toBe(404);
    expect((await t.request('GET', `/api/v1/calls?customerId=${call.customer.id}`, { as })).json().items).toEqual([]);
    expect((await t.request('GET', `/api/v1/conversations/${call.conversationId}/calls`, { as })).statusCode).toBe(404);
    const joined = await t.request('POST', '/api/v1/calls', {
      as,
      body: { direction: 'inbound', phoneNumber: '+36209876543', conversationId: call.conversationId },
    });
    expect(joined.statusCode).toBe(404);
    // An agent of the same workspace works with calls.
    const agent = await createPerson(t.db, { workspaceId: mine.workspaceId, role: 'agent' });
    expect((await t.request('GET', `/api/v1/calls/${call.id}`, { as: agent.client })).statusCode).toBe(200);
  });

  it('shows calls on the customer’s timeline and in their export, and erases them with the customer', async () => {
    const t = await sharedTestApp();
    const { workspaceId, owner } = await createWorkspace(t.db);
    const call = await logCall(t, owner.client, {
      direction: 'inbound',
      phoneNumber: '+998 90 123 45 67',
      notes: 'Buyurtma kechikdi, qo‘ng‘iroq qilishni so‘radi',
    });
    const customerId = call.customer.id;
    const timeline = await t.request('GET', `/api/v1/customers/${customerId}/timeline`, { as: owner.client });
    const entry = (timeline.json().items as { kind: string }[]).find((e) => e.kind === 'call');
    expect(entry).toMatchObject({
      id: call.id,
      type: 'call.inbound',
      actorName: 'Kovács Péter',
      data: { conversationId: call.conversationId, phoneNumber: '+998901234567', text: call.notes },
    });

    const exported = await t.request('GET', `/api/v1/customers/${customerId}/export`, { as: owner.client });
    expect(exported.json().calls).toMatchObject([{ id: call.id, notes: call.notes, phoneNumber: '+998901234567' }]);

    expect((await t.request('DELETE', `/api/v1/customers/${customerId}`, { as: owner.client })).statusCode).toBe(204);
    const left = await t.db.selectFrom('calls').select('id').where('workspace_id', '=', workspaceId).execute();
    expect(left).toEqual([]);
    const events = await t.db
      .selectFrom('events')
      .select('name')
      .where('workspace_id', '=', workspaceId)
      .where('name', 'like', 'call.%')
      .execute();
    expect(events).toEqual([]);
  });

  it('makes one phone channel when two first calls come at once; phone channels take no settings', async () => {
    const t = await sharedTestApp();
    const { owner } = await createWorkspace(t.db);
    const [a, b] = await Promise.all([
      logCall(t, owner.client, { direction: 'inbound', phoneNumber: '+36301111111' }),
      logCall(t, owner.client, { direction: 'inbound', phoneNumber: '+36302222222' }),
    ]);
    expect(a.conversationId).not.toBe(b.conversationId);
    const channels = (await t.request('GET', '/api/v1/channels', { as: owner.client })).json().items as {
      id: string;
      kind: string;
    }[];
    const phones = channels.filter((c) => c.kind === 'phone');
    expect(phones).toHaveLength(1);
    const changed = await t.request('PATCH', `/api/v1/channels/${phones[0]!.id}`, {
      as: owner.client,
      body: { settings: { senderName: 'x' } },
    });
    expect(changed.statusCode).toBe(400);
    expect(changed.json().error.code).toBe('validation_failed');
    const named = await t.request('POST', '/api/v1/channels', { as: owner.client, body: { kind: 'phone', name: 'Hotline' } });
    expect(named.statusCode).toBe(201);
  });
});
